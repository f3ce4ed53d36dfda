package io.github.oktabulkdelete.internal;

import io.github.oktabulkdelete.ChangeIntent;
import io.github.oktabulkdelete.DeletionOutcome;
import io.github.oktabulkdelete.InvalidJournalException;
import io.github.oktabulkdelete.JournalHeader;
import io.github.oktabulkdelete.SkipReason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code DeletionJournal} in one pass: the run records, one outcome per login (merged by the rules of
 * {@code JournalContents}), the intents not yet followed by a final outcome, and the records a crash cut short.
 */
public final class JournalReader {

    private JournalReader() {
    }

    /**
     * What a journal holds, before {@code JournalContents} wraps it.
     *
     * @param byLogin the outcome each login keeps, by {@link LoginScreen#key}, in order of first appearance
     * @param intents the latest intent of each login without a final outcome, by {@link LoginScreen#key}
     */
    public record Read(Path file, List<JournalHeader> runs, Map<String, DeletionOutcome> byLogin,
            Map<String, ChangeIntent> intents, long records, List<String> tornRecords, String tornTail) {
    }

    /**
     * Whether an outcome is final: see {@code JournalContents.isFinal}.
     *
     * @param outcome an outcome
     * @return whether a resumed run leaves its login alone
     */
    public static boolean isFinal(DeletionOutcome outcome) {
        return outcome instanceof DeletionOutcome.Deleted || outcome instanceof DeletionOutcome.NotFound
                || outcome instanceof DeletionOutcome.Skipped s && s.reason() != SkipReason.DRY_RUN
                && s.reason() != SkipReason.DUPLICATE;
    }

    /** Reads a journal: see {@code DeletionJournal.read(Path)}. */
    public static Read read(Path file) throws IOException {
        Reading reading = new Reading(file);
        lines(file, reading::line, reading::lastLine);
        return reading.finish();
    }

    /** What one line of a journal goes to. */
    @FunctionalInterface
    interface LineSink {
        void line(byte[] bytes, int offset, int length) throws IOException;
    }

    /**
     * Streams every intent of a journal, with its user record, in file order: one line in memory at a time. Lines
     * that are not whole records (the torn last line a crash leaves) are passed over; {@link #read(Path)} judges
     * them.
     *
     * @param file the journal
     * @param intents receives each intent
     * @throws IOException if reading fails
     */
    public static void intents(Path file, java.util.function.Consumer<? super ChangeIntent> intents)
            throws IOException {
        records(file, true, parsed -> {
            if (parsed.intent() != null) {
                intents.accept(parsed.intent());
            }
        });
    }

    /**
     * Streams every record of a journal in file order, one line in memory at a time; lines that are not whole
     * records are passed over.
     *
     * @param withRecords whether intents carry their user records
     */
    static void records(Path file, boolean withRecords, java.util.function.Consumer<JournalCodec.Parsed> records)
            throws IOException {
        Map<String, String> strings = new HashMap<>();
        LineSink sink = (bytes, offset, length) -> {
            try {
                records.accept(JournalCodec.parse(bytes, offset, length, strings, withRecords));
            } catch (JournalCodec.BadRecord notARecord) {
                // torn or foreign: not a record
            }
        };
        lines(file, sink, sink);
    }

    private static void lines(Path file, LineSink whole, LineSink last) throws IOException {
        LineSink reading = whole;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] chunk = new byte[1 << 16];
            byte[] line = new byte[1024];
            int length = 0;
            int n;
            while ((n = in.read(chunk)) >= 0) {
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (chunk[i] == '\n') {
                        int part = i - start;
                        if (length == 0) {
                            reading.line(chunk, start, part);
                        } else {
                            line = append(line, length, chunk, start, part);
                            reading.line(line, 0, length + part);
                            length = 0;
                        }
                        start = i + 1;
                    }
                }
                line = append(line, length, chunk, start, n - start);
                length += n - start;
            }
            if (length > 0) {
                last.line(line, 0, length);
            }
        }
    }

    private static byte[] append(byte[] line, int length, byte[] from, int offset, int count) {
        byte[] target = line;
        if (length + count > target.length) {
            target = new byte[Math.max(length + count, target.length * 2)];
            System.arraycopy(line, 0, target, 0, length);
        }
        System.arraycopy(from, offset, target, length, count);
        return target;
    }

    /** The state of one read: one line at a time, with one unreadable line held back until it is known to be torn. */
    private static final class Reading {

        private final Path file;
        private final String name;
        private final List<JournalHeader> runs = new ArrayList<>();
        private final Map<String, DeletionOutcome> byLogin = new LinkedHashMap<>();
        /** The latest intent of each login, dropped when a final outcome follows it. */
        private final Map<String, ChangeIntent> intents = new LinkedHashMap<>();
        private final Map<String, String> strings = new HashMap<>();
        private final List<String> torn = new ArrayList<>();
        private long lineNumber;
        private long records;
        private boolean started;
        /** Unreadable lines not yet judged: torn if a run record or the end of the file follows them. */
        private final List<long[]> pending = new ArrayList<>();
        private String firstPendingProblem;

        Reading(Path file) {
            this.file = file;
            this.name = file.toString();
        }

        /** A line that ends with LF. */
        void line(byte[] bytes, int offset, int length) throws InvalidJournalException {
            line(bytes, offset, length, true);
        }

        /** The last line of a file that does not end with LF: what a crash in the middle of a write leaves. */
        void lastLine(byte[] bytes, int offset, int length) throws InvalidJournalException {
            line(bytes, offset, length, false);
        }

        private void line(byte[] bytes, int offset, int length, boolean terminated) throws InvalidJournalException {
            lineNumber++;
            if (isBlank(bytes, offset, length)) {
                return;
            }
            JournalCodec.Parsed parsed;
            try {
                parsed = JournalCodec.parse(bytes, offset, length, strings);
            } catch (JournalCodec.BadRecord bad) {
                if (!bad.unreadable()) {
                    throw new InvalidJournalException(name, lineNumber, bad.getMessage(), bad.getCause());
                }
                if (pending.isEmpty()) {
                    firstPendingProblem = bad.getMessage();
                }
                pending.add(new long[] {lineNumber, length, terminated ? 1 : 0});
                return;
            }
            if (!pending.isEmpty()) {
                if (parsed.header() == null) {
                    throw new InvalidJournalException(name, pending.get(0)[0], firstPendingProblem
                            + ", in the middle of the journal", null);
                }
                for (long[] cut : pending) {
                    torn.add(name + ", line " + cut[0] + ": " + (runs.isEmpty() ? "a run record" : "the last "
                            + "record of run " + runs.size()) + " is incomplete (" + cut[1] + " bytes; the run was "
                            + "cut short, and a later run appended after it). It was ignored: the login it was "
                            + "recording, if any, counts as not finished.");
                }
                pending.clear();
            }
            if (!started && parsed.header() == null) {
                throw new InvalidJournalException(name, lineNumber, "the first record is not a run record, so this is "
                        + "not a journal written by DeletionJournal (a report, or another file?)", null);
            }
            started = true;
            if (parsed.header() != null) {
                runs.add(parsed.header());
            } else if (parsed.outcome() != null) {
                records++;
                merge(parsed.outcome());
            } else if (parsed.intent() != null) {
                intents.put(LoginScreen.key(parsed.intent().login()), parsed.intent()); // read without its record
            }
        }

        private void merge(DeletionOutcome outcome) {
            String key = LoginScreen.key(outcome.login());
            key = key.equals(outcome.login()) ? outcome.login() : key; // one string, not two, per login kept
            DeletionOutcome kept = byLogin.get(key);
            if (kept == null || replaces(outcome, kept)) {
                byLogin.put(key, outcome);
            }
            if (isFinal(outcome)) {
                intents.remove(key);
            }
        }

        private static boolean replaces(DeletionOutcome later, DeletionOutcome kept) {
            if (isDuplicate(later)) {
                return false;
            }
            if (isDuplicate(kept)) {
                return true;
            }
            if (isFinal(kept) && !isFinal(later)) {
                return false;
            }
            return !(kept instanceof DeletionOutcome.Deleted && later instanceof DeletionOutcome.NotFound);
        }

        private static boolean isDuplicate(DeletionOutcome outcome) {
            return outcome instanceof DeletionOutcome.Skipped s && s.reason() == SkipReason.DUPLICATE;
        }

        private static boolean isBlank(byte[] bytes, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                byte b = bytes[i];
                if (b != ' ' && b != '\t' && b != '\r') {
                    return false;
                }
            }
            return true;
        }

        Read finish() throws InvalidJournalException {
            String tail = null;
            if (!pending.isEmpty()) {
                // a crash leaves a line without its LF; whole lines at the end that are not records, or a file of
                // nothing but such lines, are not a crash's doing
                boolean lastIsCut = pending.get(pending.size() - 1)[2] == 0;
                if (!lastIsCut || !started && pending.size() > 1) {
                    throw new InvalidJournalException(name, pending.get(0)[0], firstPendingProblem, null);
                }
            }
            for (long[] cut : pending) {
                tail = name + ", line " + cut[0] + ": the last record is incomplete (" + cut[1] + " bytes, cut "
                        + "short by a crash or a full disk). It was ignored: the login it was recording counts as not "
                        + "finished, and a resumed run does it again.";
                torn.add(tail);
            }
            intents.keySet().removeIf(key -> byLogin.get(key) != null && isFinal(byLogin.get(key)));
            return new Read(file, runs, byLogin, intents, records, torn, tail);
        }
    }
}

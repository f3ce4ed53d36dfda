package io.github.oktabulkdelete;

import io.github.oktabulkdelete.internal.JournalCodec;
import io.github.oktabulkdelete.internal.LoginScreen;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@link DeletionJournal} holds, as {@link DeletionJournal#read(Path)} found it: the runs, the outcome of each
 * login, which logins are finished, and whether the last record was cut short by a crash.
 *
 * <p><b>One outcome per login.</b> Logins are compared as a batch compares them: trimmed, case-insensitively. Each
 * login keeps its place of first appearance and the most telling of its outcomes: normally the latest, except that
 * <ul>
 *   <li>an outcome that is not final ({@link DeletionOutcome.Failed}, {@link DeletionOutcome.NotAttempted}, a
 *       {@link SkipReason#DRY_RUN} skip) never replaces a final one: a later run that changed nothing does not hide
 *       what an earlier run did;
 *   <li>a {@link DeletionOutcome.NotFound} never replaces a {@link DeletionOutcome.Deleted}: the user is not found
 *       because it was deleted;
 *   <li>a {@link SkipReason#DUPLICATE} skip describes a repeated input line, not the user: it never replaces
 *       another outcome of its login and is not final, so that a resumed run still does a login whose first
 *       occurrence was in flight when the process died.
 * </ul>
 *
 * <p><b>Final outcomes</b> ({@link #isFinal(DeletionOutcome)}): {@link DeletionOutcome.Deleted},
 * {@link DeletionOutcome.NotFound}, and {@link DeletionOutcome.Skipped} for every reason but {@link SkipReason#DRY_RUN}
 * and {@link SkipReason#DUPLICATE}. A resumed run skips the logins that have one ({@link #remaining(Iterable)}) and
 * does the others again; that is safe, because every login is looked up again before anything is changed. To
 * reconsider a skipped login (say, one no longer protected), run without resuming.
 *
 * <p><b>Memory.</b> The outcome of every distinct login is held: about 250 bytes per login (a journal of a million
 * logins reads in about 250 MB of heap). Repeated messages are held once. Immutable and thread-safe.
 *
 * <pre>{@code
 * JournalContents done = DeletionJournal.read(journalFile);
 * done.tornTail().ifPresent(System.err::println);
 * try (DeletionJournal journal = DeletionJournal.open(journalFile, JournalHeader.of(orgUrl, options, version))) {
 *     deleter.deleteAll(done.remaining(LoginSource.of(csv)), journal);
 * }
 * JournalContents all = DeletionJournal.read(journalFile); // both runs: one outcome per login
 * }</pre>
 */
public final class JournalContents {

    private final Path file;
    private final List<JournalHeader> runs;
    private final Map<String, DeletionOutcome> byLogin;
    private final List<DeletionOutcome> outcomes;
    private final long records;
    private final List<String> tornRecords;
    private final String tornTail;
    private final long finished;
    private final OutcomeCounts counts;
    private final Set<String> finishedLogins = new FinishedLogins();

    private JournalContents(Path file, List<JournalHeader> runs, Map<String, DeletionOutcome> byLogin, long records,
            List<String> tornRecords, String tornTail) {
        this.file = file;
        this.runs = List.copyOf(runs);
        this.byLogin = byLogin;
        this.outcomes = List.copyOf(byLogin.values());
        this.records = records;
        this.tornRecords = List.copyOf(tornRecords);
        this.tornTail = tornTail;
        Map<OutcomeKind, Long> kinds = new EnumMap<>(OutcomeKind.class);
        Map<SkipReason, Long> reasons = new EnumMap<>(SkipReason.class);
        long finals = 0;
        for (DeletionOutcome outcome : outcomes) {
            kinds.merge(outcome.kind(), 1L, Long::sum);
            if (outcome instanceof DeletionOutcome.Skipped skipped) {
                reasons.merge(skipped.reason(), 1L, Long::sum);
            }
            if (isFinal(outcome)) {
                finals++;
            }
        }
        this.finished = finals;
        this.counts = OutcomeCounts.of(kinds, reasons);
    }

    /**
     * Whether an outcome is final: a resumed run does not do its login again.
     *
     * @param outcome an outcome
     * @return {@code true} for {@code Deleted}, {@code NotFound}, and {@code Skipped} for any reason but
     *     {@link SkipReason#DRY_RUN} and {@link SkipReason#DUPLICATE}
     * @throws NullPointerException if {@code outcome} is {@code null}
     */
    public static boolean isFinal(DeletionOutcome outcome) {
        Objects.requireNonNull(outcome, "outcome");
        return outcome instanceof DeletionOutcome.Deleted || outcome instanceof DeletionOutcome.NotFound
                || outcome instanceof DeletionOutcome.Skipped s && s.reason() != SkipReason.DRY_RUN
                && s.reason() != SkipReason.DUPLICATE;
    }

    /**
     * The journal that was read.
     *
     * @return its path
     */
    public Path file() {
        return file;
    }

    /**
     * The header of each run section, in the order the runs started.
     *
     * @return the headers, unmodifiable; empty for an empty journal
     */
    public List<JournalHeader> runs() {
        return runs;
    }

    /**
     * One outcome per login, in the order the logins first appear in the journal (see the class comment for which
     * outcome a login keeps).
     *
     * @return the outcomes, unmodifiable
     */
    public List<DeletionOutcome> outcomes() {
        return outcomes;
    }

    /**
     * The outcome a login keeps.
     *
     * @param login a login, compared trimmed and case-insensitively
     * @return its outcome, or empty when the journal has none for it
     * @throws NullPointerException if {@code login} is {@code null}
     */
    public Optional<DeletionOutcome> outcome(String login) {
        Objects.requireNonNull(login, "login");
        return Optional.ofNullable(byLogin.get(LoginScreen.key(login)));
    }

    /**
     * Whether a login has a final outcome, so that a resumed run leaves it alone.
     *
     * @param login a login, compared trimmed and case-insensitively
     * @return {@code true} when its outcome is final
     * @throws NullPointerException if {@code login} is {@code null}
     */
    public boolean isFinished(String login) {
        Objects.requireNonNull(login, "login");
        DeletionOutcome outcome = byLogin.get(LoginScreen.key(login));
        return outcome != null && isFinal(outcome);
    }

    /**
     * The logins with a final outcome, trimmed and in lower case. Its {@code contains} compares as a batch does
     * (trimmed, case-insensitively), so {@code contains("JSmith@Corp.example")} finds {@code jsmith@corp.example}.
     *
     * @return an unmodifiable view
     */
    public Set<String> finishedLogins() {
        return finishedLogins;
    }

    /**
     * The input without the logins already finished, read lazily, in order: what a resumed run hands to
     * {@link BulkUserDeleter#deleteAll(Iterable, java.util.function.Consumer)}. Everything else passes through
     * unchanged (logins not finished, repeats, {@code null}s), so the batch screens it as usual.
     *
     * @param input the logins of the run to resume, such as a {@link LoginSource}
     * @return a view of the input; each iteration reads the input again
     * @throws NullPointerException if {@code input} is {@code null}
     */
    public Iterable<String> remaining(Iterable<String> input) {
        Objects.requireNonNull(input, "input");
        return () -> new Iterator<>() {
            private final Iterator<String> logins = input.iterator();
            private String next;
            private boolean ready;

            @Override
            public boolean hasNext() {
                while (!ready && logins.hasNext()) {
                    String login = logins.next();
                    if (login == null || !isFinished(login)) {
                        next = login;
                        ready = true;
                    }
                }
                return ready;
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ready = false;
                return next;
            }
        };
    }

    /**
     * How many outcome records the journal holds, repeats of a login included.
     *
     * @return the number of outcome lines read
     */
    public long records() {
        return records;
    }

    /**
     * The totals of {@link #outcomes()}, one per login.
     *
     * @return the counts per kind and skip reason
     */
    public OutcomeCounts counts() {
        return counts;
    }

    /**
     * The incomplete last record, as a crash or a full disk leaves it: tolerated, not read. The login it was
     * recording counts as not finished, so a resumed run does it again.
     *
     * @return a description naming the file and the line, or empty when the journal ends with a whole record
     */
    public Optional<String> tornTail() {
        return Optional.ofNullable(tornTail);
    }

    /**
     * Every incomplete record tolerated: the last one of the file ({@link #tornTail()}) and the last one of any run
     * section that a crash cut short before a later run appended its own section.
     *
     * @return descriptions naming the file and the line, unmodifiable; empty when there were none
     */
    public List<String> tornRecords() {
        return tornRecords;
    }

    @Override
    public String toString() {
        return "JournalContents{" + file + ", runs=" + runs.size() + ", logins=" + outcomes.size() + ", finished="
                + finished + ", records=" + records + (tornRecords.isEmpty() ? "" : ", torn=" + tornRecords.size())
                + '}';
    }

    /** The logins with a final outcome, as a view over the outcomes. */
    private final class FinishedLogins extends AbstractSet<String> {

        @Override
        public boolean contains(Object o) {
            return o instanceof String login && isFinished(login);
        }

        @Override
        public int size() {
            return (int) Math.min(Integer.MAX_VALUE, finished);
        }

        @Override
        public Iterator<String> iterator() {
            Iterator<Map.Entry<String, DeletionOutcome>> entries = byLogin.entrySet().iterator();
            return new Iterator<>() {
                private String next;

                @Override
                public boolean hasNext() {
                    while (next == null && entries.hasNext()) {
                        Map.Entry<String, DeletionOutcome> entry = entries.next();
                        if (isFinal(entry.getValue())) {
                            next = entry.getKey();
                        }
                    }
                    return next != null;
                }

                @Override
                public String next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    String login = next;
                    next = null;
                    return login;
                }
            };
        }
    }

    // -------------------------------------------------------------------------------------------------------------
    // Reading

    /** Reads a journal; see {@link DeletionJournal#read(Path)}. */
    static JournalContents read(Path file) throws IOException {
        Reading reading = new Reading(file);
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
                reading.lastLine(line, 0, length);
            }
        }
        return reading.finish();
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
            }
        }

        private void merge(DeletionOutcome outcome) {
            String key = LoginScreen.key(outcome.login());
            DeletionOutcome kept = byLogin.get(key);
            if (kept == null || replaces(outcome, kept)) {
                byLogin.put(key, outcome);
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

        JournalContents finish() throws InvalidJournalException {
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
            return new JournalContents(file, runs, byLogin, records, torn, tail);
        }
    }
}

package io.github.oktabulkdelete;

import io.github.oktabulkdelete.internal.JournalCodec;
import io.github.oktabulkdelete.internal.JournalReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.HashMap;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * An append-only, write-ahead journal of a bulk deletion: before each user's first change, an intent record (who is
 * about to be changed, by id); after each login, its outcome record; each forced to disk before the run goes on, so
 * that after a crash or a {@code kill -9} at any instant, a resumed run knows every user that may have been changed
 * and tells the truth about it. Read back with {@link #read(Path)}.
 *
 * <p><b>Use.</b> Hand it to the deleter: {@code deleter.deleteAll(logins, journal)} (or with a report consumer and a
 * cancellation, {@link BulkUserDeleter#deleteAll(Iterable, DeletionJournal, Consumer, Cancellation)}), and resume
 * with {@link BulkUserDeleter#resume(JournalContents, Iterable, DeletionJournal)}. The deleter calls
 * {@link #recordIntent(ChangeIntent)} on the worker, after the user was looked up and screened and before its
 * deactivate or DELETE, and {@link #record(DeletionOutcome)} when the login is finished, before that worker starts
 * its next login, one call at a time. If a record cannot be written (a full disk, a revoked permission), the method
 * throws {@link UncheckedIOException} and the deleter stops the batch ({@link BatchStop.Cause#CONSUMER_FAILED}): no
 * user is changed after that, not even by a login in flight, and a user whose intent could not be written is not
 * changed at all. That is why the journal is not a {@link DeletionListener}: a listener that throws is ignored by
 * design, and a journal that silently stopped recording would defeat its purpose. (Passed as a plain
 * {@code Consumer}, for instance {@code deleteAll(logins, (Consumer<DeletionOutcome>) journal)}, it records outcomes
 * only, no intents.)
 *
 * <p><b>File.</b> UTF-8 JSON Lines, each line ending with LF. {@link #open(Path, JournalHeader)} creates the file or
 * appends to it; either way it first writes a run record, which starts the run's section:
 * <pre>{@code
 * {"type":"run","journal":1,"startedAt":"2026-11-27T10:00:00Z","orgUrl":"https://corp.okta.com","toolVersion":"0.1.0","options":{"dryRun":"false"}}
 * }</pre>
 * then, for each user about to be changed, an intent record (with, from a deleter's journaled run, a {@code user}
 * object: the {@link UserRecord} of the user as Okta returned it, abridged below), and one outcome record per login,
 * every key always present, {@code null} where it does not apply:
 * <pre>{@code
 * {"type":"intent","at":"2026-11-27T10:00:01.201Z","login":"jsmith@corp.com","userId":"00u1a2b3c4d5e6f7g8h9","status":"ACTIVE","user":{"profile":{"login":"jsmith@corp.com","department":"Sales"},"typeId":"oty1","status":"ACTIVE","created":"2024-01-02T03:04:05Z","credentialsProvider":{"type":"OKTA","name":"OKTA"},"groups":[{"id":"00g1","name":"Sales","type":"OKTA_GROUP"}]}}
 * {"type":"outcome","at":"2026-11-27T10:00:01.503Z","login":"jsmith@corp.com","outcome":"DELETED","reason":null,"userId":"00u1a2b3c4d5e6f7g8h9","status":"ACTIVE","deactivatedByThisRun":true,"step":null,"httpStatus":null,"errorCode":null,"attempts":3,"message":null,"byInterruptedRun":false,"changeMayHaveBeenMade":false}
 * }</pre>
 * {@code outcome} is an {@link OutcomeKind}; {@code reason} a {@link SkipReason} (skips only); {@code status} the
 * {@link UserState} the run found ({@code Deleted.previousStatus}, {@code Skipped.status}); {@code step},
 * {@code httpStatus} and {@code errorCode} describe a failure; {@code attempts} counts the HTTP requests of
 * {@code Deleted}, {@code NotFound} and {@code Failed}; {@code message} is {@code Skipped.detail},
 * {@code Failed.message} or {@code NotAttempted.reason}; {@code byInterruptedRun} and {@code changeMayHaveBeenMade}
 * are {@link DeletionOutcome.Deleted#byInterruptedRun()} and {@link DeletionOutcome.Failed#changeMayHaveBeenMade()}
 * (absent in journals written before them: read as {@code false}). A journal never holds a credential: it is never given one,
 * messages from Okta are redacted before they reach an outcome, and {@link JournalHeader} drops them from the org
 * URL and the options. If the file does not end with a whole line (the last record of a crashed run), the new run
 * record starts on a line of its own, and reading tolerates the incomplete line.
 *
 * <p><b>Durability and cost.</b> Each record is written with one {@code write} and forced with
 * {@link FileChannel#force(boolean) force(false)} before {@code record} or {@code recordIntent} returns: two disk
 * flushes per deleted user (one per login otherwise), which
 * at Okta's rates (a few logins a second) costs nothing noticeable. The file is locked while open, so that two runs
 * cannot write one journal.
 *
 * <p><b>Thread safety.</b> Thread-safe: records are written one at a time, whole. {@link #close()} is idempotent;
 * recording after it is an {@link IllegalStateException}.
 *
 * <pre>{@code
 * Path journalFile = Path.of("offboarding.journal.jsonl");
 * LoginSource logins = LoginSource.of(Path.of("users.csv"));
 * JournalContents done = resume ? DeletionJournal.read(journalFile) : null; // read before opening it again
 * try (DeletionJournal journal = DeletionJournal.open(journalFile,
 *         JournalHeader.of(client.getBasePath(), Map.of("dryRun", "false"), "0.1.0"))) {
 *     BulkDeleteSummary summary = done == null ? deleter.deleteAll(logins, journal)
 *             : deleter.resume(done, logins, journal);
 * }
 * for (DeletionOutcome outcome : DeletionJournal.read(journalFile).outcomes()) { ... } // every run's logins
 * }</pre>
 */
public final class DeletionJournal implements Consumer<DeletionOutcome>, Closeable {

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final Clock clock;
    private long recorded;
    private boolean closed;
    private IOException failure;

    private DeletionJournal(Path file, FileChannel channel, FileLock lock, Clock clock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.clock = clock;
    }

    /**
     * Opens a journal for a new run: creates the file, or appends to it, and writes the run record, forced to disk.
     * Outcome records are timed by the system UTC clock.
     *
     * @param file the journal; its directory must exist
     * @param header the run record
     * @return the open journal; close it when the run ends
     * @throws IOException if the file cannot be created, written or locked, is open by another run, or is not a
     *     journal (an existing file whose first line is not a run record)
     * @throws NullPointerException if an argument is {@code null}
     */
    public static DeletionJournal open(Path file, JournalHeader header) throws IOException {
        return open(file, header, Clock.systemUTC());
    }

    /**
     * As {@link #open(Path, JournalHeader)}, with the clock that times the outcome records (tests inject one).
     *
     * @param file the journal; its directory must exist
     * @param header the run record
     * @param clock the clock of each record's {@code at}
     * @return the open journal; close it when the run ends
     * @throws IOException if the file cannot be created, written or locked, is open by another run, or is not a
     *     journal
     * @throws NullPointerException if an argument is {@code null}
     */
    public static DeletionJournal open(Path file, JournalHeader header, Clock clock) throws IOException {
        return open(file, header, clock, UnaryOperator.identity());
    }

    /** As {@link #open(Path, JournalHeader, Clock)}, writing through a wrapper of the channel (tests: a full disk). */
    static DeletionJournal open(Path file, JournalHeader header, Clock clock, UnaryOperator<FileChannel> channels)
            throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(clock, "clock");
        boolean created = !Files.exists(file);
        FileChannel channel = channels.apply(FileChannel.open(file, StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE));
        try {
            FileLock lock = lock(file, channel);
            long size = channel.size();
            checkIsJournal(file, channel, size);
            channel.position(size);
            DeletionJournal journal = new DeletionJournal(file, channel, lock, clock);
            byte[] run = JournalCodec.header(header);
            if (size > 0 && lastByte(channel, size) != '\n') {
                // seal the incomplete record a crash left, so that ours starts on a line of its own (one write:
                // a crash now leaves at most a cut run record after it, which reading tolerates too)
                byte[] sealed = new byte[run.length + 1];
                sealed[0] = '\n';
                System.arraycopy(run, 0, sealed, 1, run.length);
                run = sealed;
            }
            journal.write(run);
            channel.force(true);
            if (created) {
                forceDirectory(file);
            }
            return journal;
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /**
     * Reads a journal: its runs, one outcome per login, the finished logins, and any incomplete last record.
     *
     * <p>It reads the file in one pass, holding about 250 bytes per distinct login (see {@link JournalContents}). A
     * journal that is being written may be read; what was written when a line is read counts.
     *
     * @param file the journal
     * @return what it holds
     * @throws java.nio.file.NoSuchFileException if there is no such file
     * @throws InvalidJournalException if a line other than the last of a run section is not a journal record, a
     *     record lacks a value, or the file is not a journal; the message names the file and the line
     * @throws IOException if reading fails
     * @throws NullPointerException if {@code file} is {@code null}
     */
    public static JournalContents read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        return JournalContents.read(file);
    }

    /**
     * Streams every intent of a journal in file order, each with the {@link ChangeIntent#record() user as Okta
     * returned it} before the change: one record in memory at a time, however large the journal. {@link #read(Path)}
     * keeps intents without their records. Lines that are not whole records (a crash's torn last line) are passed
     * over.
     *
     * @param file the journal
     * @param intents receives each intent, on the calling thread
     * @throws IOException if reading fails
     * @throws NullPointerException if an argument is {@code null}
     */
    public static void readIntents(Path file, Consumer<? super ChangeIntent> intents) throws IOException {
        JournalReader.intents(Objects.requireNonNull(file, "file"), Objects.requireNonNull(intents, "intents"));
    }

    /**
     * Records one outcome: one line, written and forced to disk before this returns.
     *
     * @param outcome the outcome
     * @throws UncheckedIOException if writing fails, or failed before (the journal then refuses every record)
     * @throws IllegalStateException if the journal is closed
     * @throws NullPointerException if {@code outcome} is {@code null}
     */
    public void record(DeletionOutcome outcome) {
        Objects.requireNonNull(outcome, "outcome");
        append(JournalCodec.outcome(outcome, clock.instant()), "the outcome of '" + outcome.login() + "'", true);
    }

    /**
     * Records the intent to change one user, ahead of the change: one line, written and forced to disk before this
     * returns. The deleter calls it, when given this journal, after a user was looked up and screened and before its
     * deactivate or DELETE; if it throws, that user is not changed and the batch stops.
     *
     * @param intent the intent
     * @throws UncheckedIOException if writing fails, or failed before (the journal then refuses every record)
     * @throws IllegalStateException if the journal is closed
     * @throws NullPointerException if {@code intent} is {@code null}
     */
    public void recordIntent(ChangeIntent intent) {
        Objects.requireNonNull(intent, "intent");
        append(JournalCodec.intent(intent, clock.instant()), "the intent to change '" + intent.login() + "'", false);
    }

    private void append(byte[] line, String what, boolean outcome) {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the journal " + file + " is closed; " + what + " is not recorded");
            }
            if (failure != null) {
                throw new UncheckedIOException("the journal " + file + " could not be written earlier ("
                        + failure.getMessage() + "); " + what + " is not recorded", failure);
            }
            try {
                write(line);
                channel.force(false);
                if (outcome) {
                    recorded++;
                }
            } catch (IOException e) {
                failure = e;
                throw new UncheckedIOException("writing the journal " + file + " failed (" + e.getMessage()
                        + "); " + what + " is not recorded", e);
            }
        }
    }

    /**
     * Records one outcome, as {@link #record(DeletionOutcome)}: the journal as the outcome consumer of
     * {@link BulkUserDeleter#deleteAll(Iterable, Consumer)}.
     *
     * @param outcome the outcome
     * @throws UncheckedIOException if writing fails, which stops the batch
     * @throws IllegalStateException if the journal is closed
     */
    @Override
    public void accept(DeletionOutcome outcome) {
        record(outcome);
    }

    /**
     * The journal's file.
     *
     * @return the path it was opened with
     */
    public Path file() {
        return file;
    }

    /**
     * How many outcomes this journal recorded since it was opened.
     *
     * @return the count
     */
    public synchronized long recorded() {
        return recorded;
    }

    /**
     * Releases the file. Every record is on disk already. Idempotent.
     *
     * @throws IOException if closing the file fails
     */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (lock != null && lock.isValid()) {
                lock.release();
            }
        } finally {
            channel.close();
        }
    }

    @Override
    public synchronized String toString() {
        return "DeletionJournal{" + file + ", recorded=" + recorded + (closed ? ", closed" : "")
                + (failure != null ? ", failed" : "") + '}';
    }

    private void write(byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static FileLock lock(Path file, FileChannel channel) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            throw new IOException(file + " is already open as a journal in this process: one journal, one run", e);
        } catch (IOException e) {
            return null; // a file system without locks: go on unlocked
        }
        if (lock == null) {
            throw new IOException(file + " is open as a journal by another process: one journal, one run");
        }
        return lock;
    }

    /** Refuses to append to a file whose first whole line is not a run record: a CSV given by mistake, say. */
    private static void checkIsJournal(Path file, FileChannel channel, long size) throws IOException {
        if (size == 0) {
            return;
        }
        ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, 64 * 1024));
        channel.read(head, 0);
        byte[] bytes = head.array();
        int end = -1;
        for (int i = 0; i < head.position(); i++) {
            if (bytes[i] == '\n') {
                end = i;
                break;
            }
        }
        if (end < 0) {
            return; // no whole line yet: at most the run record of a run that crashed at once
        }
        boolean journal;
        try {
            journal = JournalCodec.parse(bytes, 0, end, new HashMap<>()).header() != null;
        } catch (JournalCodec.BadRecord e) {
            if (!e.unreadable()) {
                throw new InvalidJournalException(file.toString(), 1, e.getMessage(), e);
            }
            journal = false;
        }
        if (!journal) {
            throw new FileAlreadyExistsException(file.toString(), null, "the file exists and is not a journal (its "
                    + "first line is not a run record); nothing was written to it. Name a new file for the journal, "
                    + "then run again");
        }
    }

    private static byte lastByte(FileChannel channel, long size) throws IOException {
        ByteBuffer last = ByteBuffer.allocate(1);
        channel.read(last, size - 1);
        return last.get(0);
    }

    /** Makes the new file's directory entry durable too (POSIX); best effort elsewhere. */
    private static void forceDirectory(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null) {
            return;
        }
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException | RuntimeException e) {
            // not supported on this platform (Windows): the file's own data is forced all the same
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the open failed already; that failure is what matters
        }
    }
}

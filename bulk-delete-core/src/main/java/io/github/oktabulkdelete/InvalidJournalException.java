package io.github.oktabulkdelete;

import java.io.IOException;
import java.util.Objects;

/**
 * A journal that {@link DeletionJournal#read(java.nio.file.Path)} cannot trust: a line in the middle that is not a
 * journal record, a record with a missing or unknown value, or a file that is not a journal at all. Its message
 * names the file, the line and what to do, for example:
 * <pre>{@code
 * run.journal.jsonl, line 812: not a journal record (Unexpected character ('x' (code 120))). A journal is only ever
 * appended to by DeletionJournal: restore the file from a backup, or start a new journal without resuming (logins
 * already deleted are then reported NotFound), then run again.
 * }</pre>
 *
 * <p>An incomplete last record, as a crash leaves it, is not this exception: it is tolerated and reported by
 * {@link JournalContents#tornTail()}. Immutable and thread-safe.
 *
 * <pre>{@code
 * try {
 *     JournalContents done = DeletionJournal.read(journalFile);
 * } catch (InvalidJournalException e) {
 *     System.err.println(e.getMessage());
 * }
 * }</pre>
 */
public final class InvalidJournalException extends IOException {

    private static final long serialVersionUID = 1L;

    private static final String REMEDY = "A journal is only ever appended to by DeletionJournal: restore the file "
            + "from a backup, or start a new journal without resuming (logins already deleted are then reported "
            + "NotFound), then run again.";

    /** @serial the journal file */
    private final String file;
    /** @serial the 1-based line, or 0 when the problem is about the whole file */
    private final long line;
    /** @serial what is wrong, without the file and line */
    private final String problem;

    /**
     * An untrustworthy journal.
     *
     * @param file the journal, as the user knows it
     * @param line the 1-based line of the problem, or {@code 0} when it is about the whole file
     * @param problem what is wrong, as a sentence without a final period
     * @param cause the underlying failure, or {@code null}
     * @throws NullPointerException if {@code file} or {@code problem} is {@code null}
     * @throws IllegalArgumentException if {@code line} is negative
     */
    public InvalidJournalException(String file, long line, String problem, Throwable cause) {
        super(Objects.requireNonNull(file, "file") + (line > 0 ? ", line " + line : "") + ": "
                + Objects.requireNonNull(problem, "problem") + ". " + REMEDY, cause);
        if (line < 0) {
            throw new IllegalArgumentException("line must not be negative, was " + line);
        }
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    /**
     * The journal.
     *
     * @return its path, as given to {@link DeletionJournal#read(java.nio.file.Path)}
     */
    public String file() {
        return file;
    }

    /**
     * The line of the problem.
     *
     * @return the 1-based line, or {@code 0} when the problem is about the whole file
     */
    public long line() {
        return line;
    }

    /**
     * What is wrong, without the file, the line or the remedy.
     *
     * @return for example {@code not a journal record (Unexpected character ...)}
     */
    public String problem() {
        return problem;
    }
}

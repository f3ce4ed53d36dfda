package io.github.oktabulkdelete;

import java.util.Objects;

/**
 * A file of logins that {@link LoginSource} cannot read safely: not UTF-8, no recognisable login column, a row
 * without a login, an unclosed quote, a missing file. Its message names the file, the line (when there is one),
 * what is wrong and what to do, for example:
 * <pre>{@code
 * users.csv, line 12: the row has no value in column 'Login'. Fill in the login or delete the row, then run again.
 * }</pre>
 *
 * <p>{@link LoginSource#validate()} throws it before anything is deleted; a {@link LoginSource}'s iterator throws it
 * only if the file changed after it was validated (then {@link BulkUserDeleter} stops the batch with
 * {@link BatchStop.Cause#INPUT_FAILED}). Immutable and thread-safe.
 *
 * <pre>{@code
 * try {
 *     LoginSource.Summary summary = source.validate();
 * } catch (InvalidLoginFileException e) {
 *     System.err.println(e.getMessage()); // users.csv, line 12: ...
 * }
 * }</pre>
 */
public final class InvalidLoginFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @serial the file or source named in the message */
    private final String source;
    /** @serial the 1-based line, or 0 when the problem is about the whole file */
    private final long line;
    /** @serial what is wrong, without the file and line */
    private final String problem;

    /**
     * An invalid login file.
     *
     * @param source the name of the file, as the user knows it (a path, or {@code standard input})
     * @param line the 1-based line of the problem, or {@code 0} when it is about the whole file
     * @param problem what is wrong, as a sentence without a final period
     * @param remedy what to do about it, as a sentence
     * @param cause the underlying failure, or {@code null}
     * @throws NullPointerException if {@code source}, {@code problem} or {@code remedy} is {@code null}
     * @throws IllegalArgumentException if {@code line} is negative
     */
    public InvalidLoginFileException(String source, long line, String problem, String remedy, Throwable cause) {
        super(message(source, line, problem, remedy), cause);
        if (line < 0) {
            throw new IllegalArgumentException("line must not be negative, was " + line);
        }
        this.source = source;
        this.line = line;
        this.problem = problem;
    }

    private static String message(String source, long line, String problem, String remedy) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(remedy, "remedy");
        return source + (line > 0 ? ", line " + line : "") + ": " + problem + ". " + remedy;
    }

    /**
     * The file, as the user knows it.
     *
     * @return a path, or a name such as {@code standard input}
     */
    public String source() {
        return source;
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
     * @return for example {@code the row has no value in column 'Login'}
     */
    public String problem() {
        return problem;
    }
}

package io.github.oktabulkdelete;

import java.io.IOException;
import java.util.Objects;

/**
 * A file that is not a complete, valid {@link DeletionPlan}: not a plan at all, a record that cannot be read, or a
 * plan cut short (no end record). The message names the file, the line and what to do.
 *
 * <p>Immutable.
 *
 * <pre>{@code
 * try {
 *     DeletionPlan plan = DeletionPlan.read(file);
 * } catch (InvalidPlanException e) {
 *     System.err.println(e.getMessage()); // "plan.jsonl, line 7: ... Make a new plan ..."
 * }
 * }</pre>
 */
public final class InvalidPlanException extends IOException {

    private static final long serialVersionUID = 1L;

    private static final String REMEDY = "A plan is written whole by DeletionPlan.write (the CLI's --plan-out) and "
            + "must not be edited: make a new plan with a dry run, then apply that one.";

    /** The plan file, as named to the user. */
    private final String file;
    /** The 1-based line of the problem, or 0 when it is not on one line. */
    private final long line;

    /**
     * A plan problem.
     *
     * @param file the plan file, as named to the user
     * @param line the 1-based line, or 0 when the problem is not on one line
     * @param problem what is wrong
     * @throws NullPointerException if {@code file} or {@code problem} is {@code null}
     */
    public InvalidPlanException(String file, long line, String problem) {
        super(Objects.requireNonNull(file, "file") + (line > 0 ? ", line " + line : "") + ": "
                + Objects.requireNonNull(problem, "problem") + ". " + REMEDY);
        this.file = file;
        this.line = line;
    }

    /** @return the plan file, as named to the user */
    public String file() {
        return file;
    }

    /** @return the 1-based line of the problem, or 0 */
    public long line() {
        return line;
    }
}

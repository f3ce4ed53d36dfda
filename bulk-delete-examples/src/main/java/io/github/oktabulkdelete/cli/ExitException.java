package io.github.oktabulkdelete.cli;

import io.github.oktabulkdelete.InvalidLoginFileException;
import java.io.PrintWriter;
import java.util.function.UnaryOperator;

/**
 * Ends a command with an exit status and a message: any part of the CLI throws it, and {@link #report} (installed once,
 * by {@link BulkDeleteCommand#commandLine()}, for the command and its subcommands) prints the message and returns the
 * status. Nothing else maps failures to exit statuses.
 *
 * <p>Immutable; the message never holds a secret once {@link #report} has redacted it.
 *
 * <pre>{@code
 * throw ExitException.usage("--concurrency must be from 1 to 75 (Okta's limit per org), was 0");
 * }</pre>
 */
final class ExitException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What to print after the message. */
    private enum Hint {
        /** Where the options are, and that nothing changed: a usage or configuration error. */
        HELP("Run 'okta-bulk-delete --help' for the options. Nothing was changed."),
        /** Only that nothing changed: an input or connection failure. */
        NOTHING_CHANGED("Nothing was changed.");

        private final String line;

        Hint(String line) {
            this.line = line;
        }
    }

    private final int status;
    private final Hint hint;

    private ExitException(int status, String message, Hint hint) {
        super(message, null, false, false);
        this.status = status;
        this.hint = hint;
    }

    /** A usage or configuration error, found before anything changed: exit status 2. */
    static ExitException usage(String message) {
        return new ExitException(ExitStatus.USAGE, message, Hint.HELP);
    }

    /** An input that cannot be used, found before anything changed: exit status 2. */
    static ExitException badInput(String message) {
        return new ExitException(ExitStatus.USAGE, message, Hint.NOTHING_CHANGED);
    }

    /** The org could not be reached or refused the credentials before anything was asked of it: exit status 3. */
    static ExitException connectionFailed(String message) {
        return new ExitException(ExitStatus.STOPPED, message, Hint.NOTHING_CHANGED);
    }

    /** @return the exit status */
    int status() {
        return status;
    }

    /**
     * The one mapping of a failure to an exit status: prints what went wrong, redacted, and returns the status. An
     * {@code ExitException} has its own status; a login file the core refuses is a usage error (2); anything else is
     * unexpected and stops the command (3).
     *
     * @param failure what a command threw
     * @param err standard error
     * @param redact removes secrets from a text
     * @return the exit status
     */
    static int report(Throwable failure, PrintWriter err, UnaryOperator<String> redact) {
        ExitException exit = failure instanceof ExitException e ? e
                : failure instanceof InvalidLoginFileException e ? badInput(e.getMessage()) : null;
        if (exit == null) {
            err.println("okta-bulk-delete: unexpected failure: " + redact.apply(String.valueOf(failure)));
            err.flush();
            return ExitStatus.STOPPED;
        }
        err.println("okta-bulk-delete: " + redact.apply(exit.getMessage()));
        err.println(exit.hint.line);
        err.flush();
        return exit.status;
    }
}

package io.github.oktabulkdelete.cli;

/**
 * The CLI's exit statuses.
 *
 * <p>Constants only; thread-safe.
 *
 * <pre>{@code
 * int status = new BulkDeleteCommand(...).commandLine().execute(args);
 * if (status == ExitStatus.STOPPED) { ... }
 * }</pre>
 */
public final class ExitStatus {

    /** No login failed (a dry run, or every login deleted, not found or skipped on purpose). */
    public static final int OK = 0;
    /** At least one login failed; the report says which and why. */
    public static final int FAILED = 1;
    /** Bad usage or input: nothing was changed. */
    public static final int USAGE = 2;
    /**
     * The run was stopped: authentication or permission failure, {@code --max-deletions}, a declined confirmation,
     * an interrupt. The logins not attempted can be run again safely.
     */
    public static final int STOPPED = 3;

    private ExitStatus() {
    }
}

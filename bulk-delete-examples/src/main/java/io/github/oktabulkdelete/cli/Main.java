package io.github.oktabulkdelete.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The entry point of {@code okta-bulk-delete.jar}: runs {@link BulkDeleteCommand} on the real environment, standard
 * streams and console, and exits with its status.
 *
 * <p>Ctrl-C or SIGTERM during a batch stops it cleanly: no new login starts, the logins in flight get the command's
 * {@code --grace-period} to finish (after it the command names those still in flight and stops waiting), the journal
 * and the report are completed and closed, the summary is printed, and the exit status is 3. Outside a batch (reading
 * the input, at the confirmation prompt) nothing has changed, and the tool exits with 3 at once. The only
 * {@code System.exit} of the tool is here.
 *
 * <pre>{@code
 * java -jar okta-bulk-delete.jar --csv users.csv
 * }</pre>
 */
public final class Main {

    /**
     * How long, after the command's own grace period, an interrupted command may take to write its report and
     * summary before the process exits anyway; the journal is on disk record by record already.
     */
    private static final Duration FINISHING_TIME = Duration.ofSeconds(60);

    private Main() {
    }

    /**
     * Runs the command.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        BulkDeleteCommand command = new BulkDeleteCommand(System.getenv(), System.in, out, err, Terminal.system());
        CountDownLatch finished = new CountDownLatch(1);
        AtomicInteger status = new AtomicInteger(ExitStatus.STOPPED);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (finished.getCount() == 0) {
                return; // a normal exit
            }
            if (!command.isDeleting()) {
                err.println();
                err.println("Interrupted.");
                err.flush();
                Runtime.getRuntime().halt(ExitStatus.STOPPED);
            }
            err.println();
            err.println("Interrupted: finishing the logins in flight (for up to "
                    + DurationConverter.format(command.gracePeriod()) + "); the other logins are not attempted.");
            err.flush();
            command.cancel("interrupted (Ctrl-C or a termination signal)");
            try {
                if (finished.await(command.gracePeriod().plus(FINISHING_TIME).toMillis(), TimeUnit.MILLISECONDS)) {
                    out.flush();
                    err.flush();
                    Runtime.getRuntime().halt(status.get());
                }
            } catch (InterruptedException ignored) {
                // halt below
            }
            Runtime.getRuntime().halt(ExitStatus.STOPPED);
        }, "okta-bulk-delete-interrupt"));
        int exit = ExitStatus.STOPPED;
        try {
            exit = command.commandLine().execute(args);
        } finally {
            status.set(exit);
            finished.countDown(); // also when an Error escapes: that is no interrupt
        }
        System.exit(exit);
    }
}

package io.github.oktabulkdelete.cli;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The entry point of {@code okta-bulk-delete.jar}: runs {@link BulkDeleteCommand} on the real environment, standard
 * streams and console, and exits with its status.
 *
 * <p>An interrupt (Ctrl-C) during a batch stops it cleanly: the requests in flight finish, the other logins are
 * reported as not attempted, the summary is printed, and the exit status is 3. The only {@code System.exit} of the
 * tool is here.
 *
 * <pre>{@code
 * java -jar okta-bulk-delete.jar --csv users.csv
 * }</pre>
 */
public final class Main {

    /** How long an interrupted batch may take to finish its requests in flight and write its report. */
    private static final long STOP_GRACE_SECONDS = 60;

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
            err.println("Interrupted: finishing the requests in flight; the other logins are not attempted.");
            err.flush();
            command.cancel("interrupted (Ctrl-C or a termination signal)");
            try {
                if (finished.await(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                    out.flush();
                    err.flush();
                    Runtime.getRuntime().halt(status.get());
                }
            } catch (InterruptedException ignored) {
                // halt below
            }
            Runtime.getRuntime().halt(ExitStatus.STOPPED);
        }, "okta-bulk-delete-interrupt"));
        int exit = command.commandLine().execute(args);
        status.set(exit);
        finished.countDown();
        System.exit(exit);
    }
}

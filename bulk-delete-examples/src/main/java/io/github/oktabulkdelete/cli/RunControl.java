package io.github.oktabulkdelete.cli;

import io.github.oktabulkdelete.Cancellation;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How a running command is stopped from outside (Ctrl-C, SIGTERM, a test): whether a pass is running, and the
 * {@link Cancellation} (with the {@code --grace-period}) that stops it. A cancel that comes before the cancellation
 * is made is kept and applied to it.
 *
 * <p>Thread-safe: {@link #cancel(String)} and {@link #isDeleting()} are called from other threads.
 *
 * <pre>{@code
 * Cancellation cancellation = control.cancellation(gracePeriod);   // once the options are parsed
 * control.cancel("interrupted (Ctrl-C)");                          // from a shutdown hook
 * }</pre>
 */
final class RunControl {

    private final AtomicBoolean deleting = new AtomicBoolean();
    private Cancellation cancellation; // guarded by this
    private String cancelledEarly; // guarded by this

    /** @return set while a pass runs */
    AtomicBoolean deleting() {
        return deleting;
    }

    /** @return whether a pass is running */
    boolean isDeleting() {
        return deleting.get();
    }

    /** Cancels the run: its cancellation, or the one it will make. */
    synchronized void cancel(String reason) {
        if (cancellation != null) {
            cancellation.cancel(reason);
        } else if (cancelledEarly == null) {
            cancelledEarly = reason;
        }
    }

    /**
     * The run's cancellation, made on the first call with {@code gracePeriod}.
     *
     * @param gracePeriod how long logins in flight may take to finish once a pass stops
     * @return the cancellation
     */
    synchronized Cancellation cancellation(Duration gracePeriod) {
        if (cancellation == null) {
            cancellation = Cancellation.withGracePeriod(gracePeriod);
            if (cancelledEarly != null) {
                cancellation.cancel(cancelledEarly);
            }
        }
        return cancellation;
    }
}

package io.github.oktabulkdelete;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Hears what a batch does, as it happens: each outcome, each retry, each rate-limit reading, a stop.
 *
 * <p>Every method defaults to doing nothing. Calls come from worker threads, but never two at a time for one
 * listener, so an implementation needs no locking of its own; it must be quick, as workers wait for it. A listener
 * that throws is logged and ignored: it never breaks a batch.
 *
 * <pre>{@code
 * DeletionListener progress = new DeletionListener() {
 *     public void onOutcome(DeletionOutcome outcome) {
 *         System.err.println(outcome.login() + " -> " + outcome.kind());
 *     }
 * };
 * BulkUserDeleter deleter = BulkUserDeleter.builder(client).listener(progress).build();
 * }</pre>
 */
public interface DeletionListener {

    /** A listener that does nothing. */
    DeletionListener NONE = new DeletionListener() { };

    /**
     * A batch starts, by any entry point ({@code deleteAll}, its journaled forms, {@code resume}, {@code apply},
     * {@code start}): called once, on the thread that runs the batch, before it reads its first login.
     *
     * <p>{@code progress} gives the batch's {@link BatchProgress} snapshots, the same as its
     * {@link RunningBatch#progress()}: it may be called from any thread at any time, also from this listener's
     * other methods (in {@link #onOutcome} the snapshot counts that outcome already) and after the batch ended (the
     * final snapshot). A listener that draws progress keeps it and reads it when it draws, instead of counting
     * outcomes itself. One deleter's listener hears every batch of that deleter.
     *
     * @param progress the batch's progress snapshots
     */
    default void onBatchStarted(Supplier<BatchProgress> progress) {
    }

    /**
     * A login got its final outcome.
     *
     * @param outcome the outcome
     */
    default void onOutcome(DeletionOutcome outcome) {
    }

    /**
     * A request failed and will be tried again after a wait.
     *
     * @param login the login the request was for ({@code me} for the token-owner lookup)
     * @param failure the failed attempt
     * @param attempt the number of the attempt that failed, from 1
     * @param wait how long the worker waits before the next attempt
     */
    default void onRetry(String login, OktaRequestException failure, int attempt, Duration wait) {
    }

    /**
     * A response carried rate-limit headers.
     *
     * @param status what they said
     */
    default void onRateLimitStatus(RateLimitStatus status) {
    }

    /**
     * The batch stops early; the logins not started will be {@link DeletionOutcome.NotAttempted}.
     *
     * @param stop why
     */
    default void onBatchStopped(BatchStop stop) {
    }

    /**
     * The {@link Cancellation#withGracePeriod(java.time.Duration) grace period} after a stop ended with logins still
     * in flight: the batch stopped waiting for them and gave each its outcome ({@link DeletionOutcome.NotAttempted}
     * if no change of it had been sent, else {@link DeletionOutcome.Failed} saying the change may have been made).
     *
     * @param stillInFlight the logins, in the order they started
     */
    default void onGracePeriodEnded(java.util.List<String> stillInFlight) {
    }
}

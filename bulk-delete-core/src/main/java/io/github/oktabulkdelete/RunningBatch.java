package io.github.oktabulkdelete;

import io.github.oktabulkdelete.internal.DeletionRun;
import io.github.oktabulkdelete.internal.ProgressTracker;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A batch running in the background, started by {@link BulkUserDeleter#start(Iterable)} and its overloads: watch it
 * with {@link #progress()}, stop it with {@link #cancel(String)}, and get its result from {@link #result()}.
 *
 * <p><b>Threads.</b> The batch runs on a thread of its own, started by {@code start} and named
 * {@code okta-bulk-delete-batch-N}: it reads the input (lazily, as {@code deleteAll} does) and hands the logins to
 * the deleter's worker threads. Both are daemon threads and end with the batch, whether it finishes, is cancelled or
 * fails; nothing needs shutting down. Being daemon threads, they do not keep the JVM alive: an application that
 * exits while a batch runs loses the logins in flight, as a {@code kill -9} would (a {@link DeletionJournal} as the
 * consumer makes that resumable); wait for {@link #result()} or {@link #cancel(String) cancel} first.
 *
 * <p><b>Thread safety.</b> Every method may be called from any thread at any time, also after the batch ended.
 * {@link #progress()} is cheap, takes no lock the workers wait on for more than one outcome's recording, and may be
 * polled, for example once a second for a progress line or a dashboard.
 *
 * <pre>{@code
 * RunningBatch<BulkDeleteSummary> batch = deleter.start(logins, journal, Cancellation.create());
 * // from an admin page, any thread:
 * BatchProgress progress = batch.progress();
 * batch.cancel("stopped by " + admin);
 * // when done:
 * batch.result().thenAccept(summary -> audit.log(summary.counts()));
 * }</pre>
 *
 * @param <R> what the batch returns: a {@link BulkDeleteResult}, or a {@link BulkDeleteSummary} when the outcomes
 *     go to a consumer
 */
public final class RunningBatch<R> {

    private static final AtomicInteger BATCHES = new AtomicInteger();

    private final ProgressTracker tracker;
    private final Cancellation cancellation;
    private final CompletableFuture<R> result = new CompletableFuture<>();

    private RunningBatch(ProgressTracker tracker, Cancellation cancellation) {
        this.tracker = tracker;
        this.cancellation = cancellation;
    }

    /** Starts {@code body} on a new daemon thread, over {@code run}; returns at once. */
    static <R> RunningBatch<R> start(Iterable<String> logins, Cancellation cancellation, DeletionRun run,
            Function<DeletionRun, R> body) {
        ProgressTracker tracker = run.progress();
        if (logins instanceof java.util.Collection<?> c) {
            tracker.totalLogins(c.size());
        }
        RunningBatch<R> batch = new RunningBatch<>(tracker, cancellation);
        Thread thread = new Thread(() -> batch.run(run, body),
                "okta-bulk-delete-batch-" + BATCHES.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
        return batch;
    }

    private void run(DeletionRun run, Function<DeletionRun, R> body) {
        R value;
        try {
            value = body.apply(run); // the run sets its final snapshot before it returns
        } catch (Throwable e) { // a bug of the library itself: the future says so, the thread ends
            tracker.failed();
            result.completeExceptionally(e);
            return;
        }
        result.complete(value);
    }

    /**
     * A consistent snapshot of the batch's progress. After the batch ended, the final one, with
     * {@link BatchProgress#done()} {@code true}: it is set before {@link #result()} completes.
     *
     * @return the snapshot
     */
    public BatchProgress progress() {
        return tracker.snapshot();
    }

    /**
     * Declares how many logins the input holds, for {@link BatchProgress#eta()}, when the input is not a
     * {@link java.util.Collection} (whose size is taken at start): for a {@link LoginSource}, the count its
     * {@link LoginSource#validate()} returned.
     *
     * @param totalLogins the number of input logins, at least 0
     * @return this handle
     * @throws IllegalArgumentException if negative
     */
    public RunningBatch<R> expectedLogins(long totalLogins) {
        if (totalLogins < 0) {
            throw new IllegalArgumentException("totalLogins must not be negative, was " + totalLogins);
        }
        tracker.totalLogins(totalLogins);
        return this;
    }

    /**
     * Stops the batch: no new login starts, logins in flight finish, the rest become
     * {@link DeletionOutcome.NotAttempted}, and {@link #result()} completes as usual. Does nothing once the batch has
     * ended; only the first reason is kept. The same as cancelling the {@link Cancellation} the batch was started
     * with.
     *
     * @param reason why, for the batch's {@link BatchStop} and the not-attempted outcomes
     * @throws NullPointerException if {@code reason} is {@code null}
     */
    public void cancel(String reason) {
        cancellation.cancel(Objects.requireNonNull(reason, "reason"));
    }

    /** Stops the batch, as {@link #cancel(String)} with the reason "cancelled through RunningBatch.cancel()". */
    public void cancel() {
        cancel("cancelled through RunningBatch.cancel()");
    }

    /**
     * The batch's result, when it ends. It completes normally whatever happened to the logins (a failed or stopped
     * batch included), and exceptionally only on a failure of the library itself. Each call returns a new
     * dependent future: completing or cancelling it does not touch the batch (use {@link #cancel(String)}).
     *
     * @return a future of the result
     */
    public CompletableFuture<R> result() {
        return result.copy();
    }

    /** @return whether the batch has ended and {@link #result()} is complete */
    public boolean isDone() {
        return result.isDone();
    }

    @Override
    public String toString() {
        BatchProgress p = progress();
        return "RunningBatch{read=" + p.loginsRead() + ", " + p.counts() + ", done=" + p.done() + '}';
    }
}

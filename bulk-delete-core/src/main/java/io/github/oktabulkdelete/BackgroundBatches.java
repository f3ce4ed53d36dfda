package io.github.oktabulkdelete;

import io.github.oktabulkdelete.internal.DeletionRun;
import java.util.Collection;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The background part of {@link BulkUserDeleter}: batches started on a thread of their own, watched through a
 * {@link RunningBatch} (Javadoc shows these methods as the deleter's own).
 */
abstract class BackgroundBatches extends JournaledBatches {

    BackgroundBatches() {
    }

    /** @return a new run of this deleter, observed by its metrics */
    abstract DeletionRun newRun(Cancellation cancellation);

    /** @return the result of {@code run} over {@code logins}, outcomes in input order */
    abstract BulkDeleteResult collect(DeletionRun run, Iterable<String> logins);

    /**
     * Starts {@link BulkUserDeleter#deleteAll(Iterable)} in the background and returns at once: a handle to watch
     * the batch ({@link RunningBatch#progress()}), stop it ({@link RunningBatch#cancel(String)}) and get its result
     * ({@link RunningBatch#result()}). The batch runs on a daemon thread of its own that ends with it.
     *
     * <pre>{@code
     * RunningBatch<BulkDeleteResult> batch = deleter.start(List.of("a@corp.example", "b@corp.example"));
     * BatchProgress progress = batch.progress();     // from any thread, at any time
     * BulkDeleteResult result = batch.result().join();
     * }</pre>
     *
     * @param logins the logins; the total for {@link BatchProgress#eta()} is known when it is a
     *     {@link Collection}
     * @return the running batch
     * @throws NullPointerException if {@code logins} is {@code null}
     */
    public RunningBatch<BulkDeleteResult> start(Iterable<String> logins) {
        return start(logins, Cancellation.create());
    }

    /**
     * As {@link #start(Iterable)}, stopping early when the cancellation is cancelled or reaches its deadline (as
     * does {@link RunningBatch#cancel(String)}).
     *
     * @param logins the logins
     * @param cancellation stops the batch from another thread or at a deadline
     * @return the running batch
     * @throws NullPointerException if an argument is {@code null}
     */
    public RunningBatch<BulkDeleteResult> start(Iterable<String> logins, Cancellation cancellation) {
        Objects.requireNonNull(logins, "logins");
        Objects.requireNonNull(cancellation, "cancellation");
        return RunningBatch.start(logins, cancellation, newRun(cancellation), run -> collect(run, logins));
    }

    /**
     * Starts {@link BulkUserDeleter#deleteAll(Iterable, Consumer)} in the background and returns at once; see
     * {@link #start(Iterable)}. The consumer is called from worker threads, one call at a time.
     *
     * @param logins the logins
     * @param consumer receives every outcome, such as a {@link DeletionJournal}
     * @return the running batch
     * @throws NullPointerException if an argument is {@code null}
     */
    public RunningBatch<BulkDeleteSummary> start(Iterable<String> logins, Consumer<? super DeletionOutcome> consumer) {
        return start(logins, consumer, Cancellation.create());
    }

    /**
     * Starts {@link BulkUserDeleter#deleteAll(Iterable, Consumer, Cancellation)} in the background and returns at
     * once; see {@link #start(Iterable)}.
     *
     * @param logins the logins
     * @param consumer receives every outcome, such as a {@link DeletionJournal}
     * @param cancellation stops the batch from another thread or at a deadline
     * @return the running batch
     * @throws NullPointerException if an argument is {@code null}
     */
    public RunningBatch<BulkDeleteSummary> start(Iterable<String> logins, Consumer<? super DeletionOutcome> consumer,
            Cancellation cancellation) {
        Objects.requireNonNull(logins, "logins");
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(cancellation, "cancellation");
        return RunningBatch.start(logins, cancellation, newRun(cancellation),
                run -> run.execute(logins, (index, outcome) -> consumer.accept(outcome)));
    }
}

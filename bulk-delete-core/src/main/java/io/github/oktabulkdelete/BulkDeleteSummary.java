package io.github.oktabulkdelete;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The totals of a batch: counts per outcome kind, HTTP requests made, elapsed time and why it stopped early, if it
 * did. The streaming form {@link BulkUserDeleter#deleteAll(Iterable, java.util.function.Consumer)} returns only this;
 * {@link BulkDeleteResult#summary()} holds it next to the outcomes.
 *
 * <p>Immutable and thread-safe; equal when all four parts are.
 *
 * <pre>{@code
 * BulkDeleteSummary summary = deleter.deleteAll(logins, outcome -> journal.write(outcome));
 * System.out.println(summary.counts().deleted() + " deleted with " + summary.httpRequests() + " requests");
 * summary.stop().ifPresent(stop -> System.err.println("stopped: " + stop.message()));
 * }</pre>
 */
public final class BulkDeleteSummary {

    private final OutcomeCounts counts;
    private final long httpRequests;
    private final Duration elapsed;
    private final BatchStop stop;

    /**
     * A summary.
     *
     * @param counts the outcomes per kind
     * @param httpRequests the HTTP requests the batch made, retries and the token-owner lookup included; negative
     *     when unknown
     * @param elapsed the wall time of the batch
     * @param stop why the batch stopped before its end, or {@code null} when it ran to the end
     * @throws NullPointerException if {@code counts} or {@code elapsed} is {@code null}
     */
    public BulkDeleteSummary(OutcomeCounts counts, long httpRequests, Duration elapsed, BatchStop stop) {
        this.counts = Objects.requireNonNull(counts, "counts");
        this.httpRequests = httpRequests;
        this.elapsed = Objects.requireNonNull(elapsed, "elapsed");
        this.stop = stop;
    }

    /** @return the outcomes per kind */
    public OutcomeCounts counts() {
        return counts;
    }

    /** @return the HTTP requests this batch made, retries and the token-owner lookup included */
    public long httpRequests() {
        return httpRequests;
    }

    /** @return the wall time of the batch, by the deleter's clock */
    public Duration elapsed() {
        return elapsed;
    }

    /**
     * Why the batch stopped before its end: its {@link BatchStop#cause()} and a message saying what to do.
     *
     * @return the stop, or empty when the batch ran to the end
     */
    public Optional<BatchStop> stop() {
        return Optional.ofNullable(stop);
    }

    /**
     * Whether every login got a final answer and none failed: no {@code Failed}, no {@code NotAttempted}.
     *
     * @return {@code true} when nothing failed and the batch was not stopped
     */
    public boolean isSuccess() {
        return counts.failed() == 0 && counts.notAttempted() == 0 && stop == null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BulkDeleteSummary other && counts.equals(other.counts)
                && httpRequests == other.httpRequests && elapsed.equals(other.elapsed)
                && Objects.equals(stop, other.stop);
    }

    @Override
    public int hashCode() {
        return Objects.hash(counts, httpRequests, elapsed, stop);
    }

    @Override
    public String toString() {
        return "BulkDeleteSummary{" + counts + ", httpRequests=" + httpRequests + ", elapsed=" + elapsed
                + (stop == null ? "" : ", stopped=" + stop.cause()) + '}';
    }
}

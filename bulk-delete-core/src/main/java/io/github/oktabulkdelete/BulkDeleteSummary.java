package io.github.oktabulkdelete;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The totals of a batch: counts per outcome kind, HTTP requests made, elapsed time and why it stopped early, if it
 * did. The streaming form {@link BulkUserDeleter#deleteAll(Iterable, java.util.function.Consumer)} returns only this.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * BulkDeleteSummary summary = deleter.deleteAll(logins, outcome -> journal.write(outcome));
 * System.out.println(summary.counts().deleted() + " deleted with " + summary.httpRequests() + " requests");
 * }</pre>
 *
 * @param counts the outcomes per kind
 * @param httpRequests the HTTP requests this batch made, retries and the token-owner lookup included
 * @param elapsed the wall time of the batch, by the deleter's clock
 * @param stopCause why the batch stopped before its end, or {@code null} when it ran to the end
 */
public record BulkDeleteSummary(OutcomeCounts counts, long httpRequests, Duration elapsed, BatchStop stopCause) {

    /**
     * Checks the components.
     *
     * @throws NullPointerException if {@code counts} or {@code elapsed} is {@code null}
     */
    public BulkDeleteSummary {
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /**
     * Why the batch stopped before its end.
     *
     * @return the stop, or empty when the batch ran to the end
     */
    public Optional<BatchStop> stop() {
        return Optional.ofNullable(stopCause);
    }

    /**
     * Whether every login got a final answer and none failed: no {@code Failed}, no {@code NotAttempted}.
     *
     * @return {@code true} when nothing failed and the batch was not stopped
     */
    public boolean isSuccess() {
        return counts.failed() == 0 && counts.notAttempted() == 0 && stopCause == null;
    }
}

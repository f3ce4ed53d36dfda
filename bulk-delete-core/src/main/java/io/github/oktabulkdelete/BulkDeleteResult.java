package io.github.oktabulkdelete;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of {@link BulkUserDeleter#deleteAll(Iterable)}: one outcome per input login, in input order, and the
 * batch's totals.
 *
 * <p>Immutable and thread-safe; {@link #outcomes()} is unmodifiable.
 *
 * <pre>{@code
 * BulkDeleteResult result = deleter.deleteAll(List.of("a@corp.example", "b@corp.example"));
 * result.outcomes().forEach(o -> System.out.println(o.login() + " " + o.kind()));
 * }</pre>
 */
public final class BulkDeleteResult {

    private final List<DeletionOutcome> outcomes;
    private final BulkDeleteSummary summary;

    /**
     * A result.
     *
     * @param outcomes one outcome per input login, in input order
     * @param summary the batch's totals
     */
    public BulkDeleteResult(List<DeletionOutcome> outcomes, BulkDeleteSummary summary) {
        this.outcomes = List.copyOf(Objects.requireNonNull(outcomes, "outcomes"));
        this.summary = Objects.requireNonNull(summary, "summary");
    }

    /** @return one outcome per input login, in input order, unmodifiable */
    public List<DeletionOutcome> outcomes() {
        return outcomes;
    }

    /** @return the batch's totals */
    public BulkDeleteSummary summary() {
        return summary;
    }

    /** @return the outcomes per kind */
    public OutcomeCounts counts() {
        return summary.counts();
    }

    /** @return the HTTP requests the batch made, retries included */
    public long httpRequests() {
        return summary.httpRequests();
    }

    /** @return the wall time of the batch */
    public Duration elapsed() {
        return summary.elapsed();
    }

    /** @return why the batch stopped before its end, or empty */
    public Optional<BatchStop> stop() {
        return summary.stop();
    }

    /**
     * The outcomes of one kind, in input order.
     *
     * @param <T> the outcome type
     * @param type the outcome record class, such as {@code DeletionOutcome.Failed.class}
     * @return those outcomes, unmodifiable
     */
    public <T extends DeletionOutcome> List<T> outcomes(Class<T> type) {
        return outcomes.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public String toString() {
        return "BulkDeleteResult{" + summary.counts() + ", httpRequests=" + summary.httpRequests()
                + ", elapsed=" + summary.elapsed() + summary.stop().map(s -> ", stopped=" + s.cause()).orElse("")
                + '}';
    }
}

package io.github.oktabulkdelete;

import java.util.List;
import java.util.Objects;

/**
 * The result of {@link BulkUserDeleter#deleteAll(Iterable)}: one outcome per input login, in input order, and the
 * batch's totals.
 *
 * <p>Immutable and thread-safe; {@link #outcomes()} is unmodifiable.
 *
 * <pre>{@code
 * BulkDeleteResult result = deleter.deleteAll(List.of("a@corp.example", "b@corp.example"));
 * result.outcomes().forEach(o -> System.out.println(o.login() + " " + o.kind()));
 * System.out.println(result.summary().counts().deleted() + " deleted");
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

    /** @return the batch's totals: counts per kind, HTTP requests, elapsed time and why it stopped, if it did */
    public BulkDeleteSummary summary() {
        return summary;
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
        return "BulkDeleteResult{outcomes=" + outcomes.size() + ", " + summary + '}';
    }
}

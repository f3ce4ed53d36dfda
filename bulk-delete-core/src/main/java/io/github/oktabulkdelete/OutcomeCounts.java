package io.github.oktabulkdelete;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How many outcomes of each kind a batch produced, and how many skips of each reason.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * OutcomeCounts counts = result.counts();
 * System.out.printf("%d deleted, %d failed of %d%n", counts.deleted(), counts.failed(), counts.total());
 * }</pre>
 */
public final class OutcomeCounts {

    private final long[] byKind;
    private final long[] bySkipReason;

    private OutcomeCounts(long[] byKind, long[] bySkipReason) {
        this.byKind = byKind;
        this.bySkipReason = bySkipReason;
    }

    /**
     * Counts from the given numbers.
     *
     * @param byKind the count of each kind; missing kinds count 0
     * @param bySkipReason the count of each skip reason; missing reasons count 0
     * @return the counts
     */
    public static OutcomeCounts of(Map<OutcomeKind, Long> byKind, Map<SkipReason, Long> bySkipReason) {
        Objects.requireNonNull(byKind, "byKind");
        Objects.requireNonNull(bySkipReason, "bySkipReason");
        long[] kinds = new long[OutcomeKind.values().length];
        long[] reasons = new long[SkipReason.values().length];
        byKind.forEach((kind, count) -> kinds[kind.ordinal()] = count);
        bySkipReason.forEach((reason, count) -> reasons[reason.ordinal()] = count);
        return new OutcomeCounts(kinds, reasons);
    }

    /**
     * The number of outcomes of a kind.
     *
     * @param kind the kind
     * @return its count
     */
    public long count(OutcomeKind kind) {
        return byKind[kind.ordinal()];
    }

    /**
     * The number of skips for a reason.
     *
     * @param reason the reason
     * @return its count
     */
    public long skipped(SkipReason reason) {
        return bySkipReason[reason.ordinal()];
    }

    /** @return the number of {@link DeletionOutcome.Deleted} outcomes */
    public long deleted() {
        return count(OutcomeKind.DELETED);
    }

    /** @return the number of {@link DeletionOutcome.NotFound} outcomes */
    public long notFound() {
        return count(OutcomeKind.NOT_FOUND);
    }

    /** @return the number of {@link DeletionOutcome.Skipped} outcomes */
    public long skipped() {
        return count(OutcomeKind.SKIPPED);
    }

    /** @return the number of {@link DeletionOutcome.Failed} outcomes */
    public long failed() {
        return count(OutcomeKind.FAILED);
    }

    /** @return the number of {@link DeletionOutcome.NotAttempted} outcomes */
    public long notAttempted() {
        return count(OutcomeKind.NOT_ATTEMPTED);
    }

    /** @return the number of outcomes, which is the number of input logins */
    public long total() {
        return Arrays.stream(byKind).sum();
    }

    /** @return the counts per kind, as an unmodifiable map with every kind */
    public Map<OutcomeKind, Long> asMap() {
        Map<OutcomeKind, Long> map = new EnumMap<>(OutcomeKind.class);
        for (OutcomeKind kind : OutcomeKind.values()) {
            map.put(kind, count(kind));
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutcomeCounts other
                && Arrays.equals(byKind, other.byKind)
                && Arrays.equals(bySkipReason, other.bySkipReason);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(byKind) + Arrays.hashCode(bySkipReason);
    }

    @Override
    public String toString() {
        return "OutcomeCounts{deleted=" + deleted() + ", notFound=" + notFound() + ", skipped=" + skipped()
                + ", failed=" + failed() + ", notAttempted=" + notAttempted() + '}';
    }
}

package io.github.oktabulkdelete;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How many outcomes of each kind a batch produced, and how many skips of each reason: the one tally of outcomes,
 * used by the deleter, the journal and the command-line tool alike.
 *
 * <p>Immutable and thread-safe. Count outcomes as they come with a {@link Tally}.
 *
 * <pre>{@code
 * OutcomeCounts counts = result.summary().counts();
 * System.out.printf("%d deleted, %d failed of %d%n", counts.deleted(), counts.failed(), counts.total());
 *
 * OutcomeCounts.Tally tally = OutcomeCounts.tally();
 * deleter.deleteAll(logins, tally::add);
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
     * Counts the given outcomes.
     *
     * @param outcomes the outcomes
     * @return their counts
     * @throws NullPointerException if {@code outcomes} or one of them is {@code null}
     */
    public static OutcomeCounts of(Iterable<? extends DeletionOutcome> outcomes) {
        Objects.requireNonNull(outcomes, "outcomes");
        Tally tally = tally();
        outcomes.forEach(tally::add);
        return tally.counts();
    }

    /**
     * A new, empty tally, to count outcomes as they come.
     *
     * @return the tally
     */
    public static Tally tally() {
        return new Tally();
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

    /**
     * Counts outcomes one at a time; {@link #counts()} gives the counts so far.
     *
     * <p>Thread-safe: outcomes may be added from several threads.
     *
     * <pre>{@code
     * OutcomeCounts.Tally tally = OutcomeCounts.tally();
     * outcomes.forEach(tally::add);
     * long deleted = tally.counts().deleted();
     * }</pre>
     */
    public static final class Tally {

        private final long[] byKind = new long[OutcomeKind.values().length];
        private final long[] bySkipReason = new long[SkipReason.values().length];

        private Tally() {
        }

        /**
         * Counts one outcome.
         *
         * @param outcome the outcome
         * @throws NullPointerException if {@code outcome} is {@code null}
         */
        public synchronized void add(DeletionOutcome outcome) {
            byKind[outcome.kind().ordinal()]++;
            if (outcome instanceof DeletionOutcome.Skipped skipped) {
                bySkipReason[skipped.reason().ordinal()]++;
            }
        }

        /** @return the counts of the outcomes added so far */
        public synchronized OutcomeCounts counts() {
            return new OutcomeCounts(byKind.clone(), bySkipReason.clone());
        }
    }
}

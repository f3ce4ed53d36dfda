package io.github.oktabulkdelete;

import java.util.function.Consumer;

/**
 * How many logins of a restore ended in each {@link RestoreOutcome} kind.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * RestoreSummary summary = restorer.restore(journal, List.of(), report::write, Cancellation.create());
 * if (summary.failed() > 0) System.exit(1);
 * }</pre>
 *
 * @param restored users created again
 * @param wouldRestore dry run: users that would be created again
 * @param alreadyExists logins a user has now: skipped
 * @param notRestorable logins without a deletion or a record in the journal
 * @param failed logins whose restore failed
 * @param stopped whether a cancellation or deadline stopped the restore before every user was begun
 */
public record RestoreSummary(long restored, long wouldRestore, long alreadyExists, long notRestorable, long failed,
        boolean stopped) {

    /**
     * All outcomes.
     *
     * @return the sum of the counts
     */
    public long total() {
        return restored + wouldRestore + alreadyExists + notRestorable + failed;
    }

    /** Counts outcomes and hands them on, one at a time. */
    static final class Tally implements Consumer<RestoreOutcome> {
        private final Consumer<? super RestoreOutcome> consumer;
        private long restored;
        private long wouldRestore;
        private long alreadyExists;
        private long notRestorable;
        private long failed;

        Tally(Consumer<? super RestoreOutcome> consumer) {
            this.consumer = consumer;
        }

        @Override
        public synchronized void accept(RestoreOutcome outcome) {
            if (outcome instanceof RestoreOutcome.Restored) {
                restored++;
            } else if (outcome instanceof RestoreOutcome.WouldRestore) {
                wouldRestore++;
            } else if (outcome instanceof RestoreOutcome.AlreadyExists) {
                alreadyExists++;
            } else if (outcome instanceof RestoreOutcome.NotRestorable) {
                notRestorable++;
            } else {
                failed++;
            }
            consumer.accept(outcome);
        }

        synchronized RestoreSummary summary(boolean stopped) {
            return new RestoreSummary(restored, wouldRestore, alreadyExists, notRestorable, failed, stopped);
        }
    }
}

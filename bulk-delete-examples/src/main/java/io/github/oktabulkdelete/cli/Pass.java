package io.github.oktabulkdelete.cli;

import io.github.oktabulkdelete.BatchStop;
import io.github.oktabulkdelete.BulkDeleteSummary;
import io.github.oktabulkdelete.BulkUserDeleter;
import io.github.oktabulkdelete.DeletionJournal;
import io.github.oktabulkdelete.DeletionListener;
import io.github.oktabulkdelete.DeletionOutcome;
import io.github.oktabulkdelete.OktaRequestException;
import io.github.oktabulkdelete.RateLimitStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One pass of the CLI over its logins (the check pass or the deletion pass): builds the deleter from the options,
 * shows progress, sends each outcome to the journal, the counts and the report, and names the logins that the
 * grace period left in flight. The grace period itself is the core's ({@code Cancellation.withGracePeriod}).
 *
 * <p>Stateless; {@link #run} is called by the command's thread, one pass at a time.
 *
 * <pre>{@code
 * PassResult check = Pass.run(job, true, Long.MAX_VALUE, "Checking", false);
 * }</pre>
 */
final class Pass {

    private Pass() {
    }

    /**
     * Runs one pass.
     *
     * @param job the run
     * @param dryRun whether the pass only looks users up
     * @param maxDeletions the most users the pass may delete, {@link Long#MAX_VALUE} for no limit
     * @param label the progress display's label
     * @param journaled whether the outcomes go to the journal (never those of the check before a deletion pass)
     * @return the result
     */
    static PassResult run(Job job, boolean dryRun, long maxDeletions, String label, boolean journaled) {
        ProgressMeter.Mode mode = job.output().noProgress ? ProgressMeter.Mode.OFF
                : job.terminal().isErrorTerminal() ? ProgressMeter.Mode.BAR : ProgressMeter.Mode.LINES;
        ProgressMeter progress = new ProgressMeter(job.err(), mode, job.clock(), label, job.total(), dryRun);
        List<String> stillInFlight = new ArrayList<>();
        BulkUserDeleter selector = job.inputs().selector(); // users selected in Okta: share the selection's pace
        BulkUserDeleter.Builder builder = job.pace().applyTo(selector != null ? selector.newBuilder()
                        : BulkUserDeleter.builder(job.org().client()))
                .backupGroups(job.safety().execute && !job.safety().noGroupBackup)
                .protectedLogins(job.protect())
                .dryRun(dryRun)
                .listener(withGraceReport(progress, stillInFlight))
                .clock(job.clock())
                .sleeper(job.sleeper());
        if (maxDeletions != Long.MAX_VALUE) {
            builder.maxDeletions(maxDeletions);
        }
        BulkUserDeleter deleter = builder.build();
        PassResult.Tally tally = new PassResult.Tally();
        ReportWriter report = null;
        BulkDeleteSummary summary;
        job.deleting().set(true);
        try {
            report = job.output().openReport(job.resume());
            // journaled: the core writes each user's intent (and record) ahead of its change, then its outcome
            summary = journaled && job.journal() != null
                    ? deleter.deleteAll(job.todo(), job.journal(), pipeline(null, tally, report), job.cancellation())
                    : deleter.deleteAll(job.todo(), pipeline(null, tally, report), job.cancellation());
        } finally {
            OutputOptions.close(report, job.err());
            progress.finish();
            job.deleting().set(false);
        }
        if (!stillInFlight.isEmpty()) {
            job.err().println("The grace period of " + DurationConverter.format(job.gracePeriod()) + " ended with "
                    + LoginInputs.plural(stillInFlight.size(), "login") + " still in flight: "
                    + String.join(", ", stillInFlight.subList(0, Math.min(20, stillInFlight.size())))
                    + (stillInFlight.size() > 20 ? ", ..." : "") + ". Their outcome is unknown (reported not"
                    + " attempted, or failed where a deactivate or DELETE had been sent: that change may have been"
                    + " made); a run with --resume looks them up again.");
        }
        return new PassResult(dryRun, summary, tally, progress.retries());
    }

    /**
     * Each outcome goes to the counts and the report. A journaled pass hands the journal to the core instead
     * ({@code deleteAll(logins, journal, consumer, cancellation)}), which writes each intent ahead of its change and
     * each outcome before this consumer gets it (the not-attempted ones too, since the core journals every outcome);
     * {@code journal} is then {@code null} here.
     */
    private static Consumer<DeletionOutcome> pipeline(DeletionJournal journal, PassResult.Tally tally,
            ReportWriter report) {
        return outcome -> {
            if (journal != null && !(outcome instanceof DeletionOutcome.NotAttempted)) {
                journal.record(outcome);
            }
            tally.accept(outcome);
            if (report != null) {
                report.writeUnchecked(ReportRow.of(outcome));
            }
        };
    }

    /** {@code progress}, which also learns the logins the grace period left in flight. */
    private static DeletionListener withGraceReport(DeletionListener progress, List<String> stillInFlight) {
        return new DeletionListener() {
            @Override
            public void onOutcome(DeletionOutcome outcome) {
                progress.onOutcome(outcome);
            }

            @Override
            public void onRetry(String login, OktaRequestException failure, int attempt, Duration wait) {
                progress.onRetry(login, failure, attempt, wait);
            }

            @Override
            public void onRateLimitStatus(RateLimitStatus status) {
                progress.onRateLimitStatus(status);
            }

            @Override
            public void onBatchStopped(BatchStop stop) {
                progress.onBatchStopped(stop);
            }

            @Override
            public void onGracePeriodEnded(List<String> logins) {
                synchronized (stillInFlight) {
                    stillInFlight.addAll(logins);
                }
            }
        };
    }
}

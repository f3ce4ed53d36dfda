package io.github.oktabulkdelete.cli;

import io.github.oktabulkdelete.BatchProgress;
import io.github.oktabulkdelete.BatchStop;
import io.github.oktabulkdelete.BulkDeleteSummary;
import io.github.oktabulkdelete.BulkUserDeleter;
import io.github.oktabulkdelete.DeletionListener;
import io.github.oktabulkdelete.DeletionOutcome;
import io.github.oktabulkdelete.OktaRequestException;
import io.github.oktabulkdelete.RateLimitStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One pass of the CLI (the check pass, or the apply of a plan): derives the pass's deleter from the run's one
 * deleter, shows progress, sends each outcome to the counts and the report (the journal, when the pass has one, is
 * given to the core), and names the logins that the grace period left in flight. The grace period itself is the core's ({@code Cancellation.withGracePeriod}).
 *
 * <p>Stateless; {@link #run} is called by the command's thread, one pass at a time.
 *
 * <pre>{@code
 * PassResult check = Pass.check(job, "Checking", plan::accept, false);
 * }</pre>
 */
final class Pass {

    private Pass() {
    }

    /** What a pass does with its deleter: one batch, whose outcomes go to {@code sink}. */
    @FunctionalInterface
    interface Body {
        BulkDeleteSummary run(BulkUserDeleter deleter, Consumer<DeletionOutcome> sink);
    }

    /**
     * Runs one pass over {@link Job#todo()}: a check (a dry run by login) whose outcomes also go to {@code extra},
     * or, with a journal, the journaled dry run.
     *
     * @param job the run
     * @param label the progress display's label
     * @param extra also receives every outcome (the plan being written), or {@code null}
     * @param journaled whether the outcomes go to the journal (never those of the check before a deletion)
     * @return the result
     */
    static PassResult check(Job job, String label, Consumer<DeletionOutcome> extra, boolean journaled) {
        Consumer<DeletionOutcome> more = extra == null ? outcome -> { } : extra;
        return run(job, true, Long.MAX_VALUE, label, job.total(), (deleter, sink) -> !journaled
                ? deleter.deleteAll(job.todo(), sink.andThen(more), job.cancellation())
                : job.resume() == null
                ? deleter.deleteAll(job.todo(), job.journal(), sink.andThen(more), job.cancellation())
                : deleter.resume(job.resume().contents(), job.inputs(), job.journal(), sink.andThen(more),
                        job.cancellation()));
    }

    /**
     * Runs one pass.
     *
     * @param job the run
     * @param dryRun whether the pass only looks users up
     * @param maxDeletions the most users the pass may delete, {@link Long#MAX_VALUE} for no limit
     * @param label the progress display's label
     * @param total how many logins the pass does, for the progress display
     * @param body the batch
     * @return the result
     */
    static PassResult run(Job job, boolean dryRun, long maxDeletions, String label, long total, Body body) {
        ProgressMeter.Mode mode = job.output().noProgress ? ProgressMeter.Mode.OFF
                : job.terminal().isErrorTerminal() ? ProgressMeter.Mode.BAR : ProgressMeter.Mode.LINES;
        ProgressMeter progress = new ProgressMeter(job.err(), mode, job.clock(), label, total, dryRun);
        List<String> stillInFlight = new ArrayList<>();
        BulkUserDeleter.Builder builder = deleterOf(job).newBuilder()
                .dryRun(dryRun)
                .listener(withGraceReport(progress, stillInFlight));
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
            summary = body.run(deleter, pipeline(tally, report));
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
     * The run's one deleter, built on first use; each pass derives its own from it ({@code newBuilder()}), so that
     * the passes of one run share its pace and the lookup of the token's owner ({@code /api/v1/users/me} once).
     */
    private static BulkUserDeleter deleterOf(Job job) {
        BulkUserDeleter base = job.deleter().get();
        if (base == null) {
            BulkUserDeleter selector = job.inputs() == null ? null : job.inputs().selector(); // users selected in Okta: share the selection's pace
            base = job.pace().applyTo(selector != null ? selector.newBuilder()
                            : BulkUserDeleter.builder(job.org().client()))
                    .backupGroups(job.safety().execute && !job.safety().noGroupBackup)
                    .protectedLogins(job.protect())
                    .clock(job.clock())
                    .sleeper(job.sleeper())
                    .build();
            job.deleter().set(base);
        }
        return base;
    }

    /**
     * Each outcome goes to the counts and the report. The journal, when the pass has one, is the core's: it records
     * each intent before the change and each outcome before the consumer hears of it.
     */
    private static Consumer<DeletionOutcome> pipeline(PassResult.Tally tally, ReportWriter report) {
        return outcome -> {
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
            public void onBatchStarted(Supplier<BatchProgress> snapshots) {
                progress.onBatchStarted(snapshots);
            }

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

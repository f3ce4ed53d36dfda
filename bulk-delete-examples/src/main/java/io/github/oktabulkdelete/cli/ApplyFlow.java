package io.github.oktabulkdelete.cli;

import io.github.oktabulkdelete.DeletionPlan;
import io.github.oktabulkdelete.JournalContents;
import io.github.oktabulkdelete.PlannedUser;

/**
 * Applying a plan ({@code --execute --plan FILE}, or {@code --resume} of a run whose journal names its plan): no check
 * pass; the plan's count, {@code --max-deletions}, the confirmation, then one pass in which each planned user is
 * fetched by id, checked, deactivated if needed, deleted and verified, with each change's intent in the journal
 * first. {@link DeleteFlow} ends with the same pass, over the plan its check pass just made.
 *
 * <p>Stateless.
 *
 * <pre>{@code
 * int status = ApplyFlow.run(job);
 * }</pre>
 */
final class ApplyFlow {

    private ApplyFlow() {
    }

    /** @return the exit status */
    static int run(Job job) {
        DeletionPlan plan = job.plan();
        JournalContents done = job.resume() == null ? null : job.resume().contents();
        long toDelete = 0;
        long unchecked = 0;
        long skipped = 0;
        long notFound = 0;
        for (PlannedUser user : plan.users()) {
            if (done != null && done.isFinished(user.login())) {
                continue;
            }
            switch (user.action()) {
                case DELETE -> toDelete++;
                case UNCHECKED -> unchecked++;
                case SKIP -> skipped++;
                case NOT_FOUND -> notFound++;
            }
        }
        job.err().println("  plan:  " + plan.file().toAbsolutePath() + ", made at " + plan.header().createdAt()
                + " for " + plan.header().orgUrl() + (plan.header().input() == null ? ""
                : " from " + plan.header().input()));
        job.err().println("Plan" + (done == null ? "" : " (what the journal left of it)") + ": "
                + LoginInputs.plural(toDelete + unchecked + skipped + notFound, "login") + ": " + toDelete
                + " to delete, " + notFound + " not found, " + skipped + " skipped, " + unchecked
                + " to look up again (their check failed).");
        if (toDelete + unchecked == 0) {
            job.err().println("Nothing to delete.");
            return ExitStatus.OK;
        }
        if (job.safety().exceedsMax(toDelete)) {
            job.err().println("Stopped before deleting anything: the plan deletes "
                    + LoginInputs.plural(toDelete, "user") + ", more than --max-deletions "
                    + job.safety().maxDeletions + ". Make a narrower plan or raise --max-deletions.");
            return ExitStatus.STOPPED;
        }
        if (!Confirmation.confirmed(job, toDelete, unchecked)) {
            return ExitStatus.STOPPED;
        }
        if (Thread.interrupted() || job.cancellation().isCancelled()) {
            job.err().println("Interrupted: nothing was deleted.");
            return ExitStatus.STOPPED;
        }
        return apply(job, plan, toDelete, unchecked, job.total());
    }

    /**
     * The one deletion pass over a plan, capped at what was counted and confirmed and at {@code --max-deletions};
     * a resumed run resumes the plan (the journal's logins in doubt are looked up by the id it recorded).
     *
     * @param total the logins the pass does, for the progress display
     * @return the exit status
     */
    static int apply(Job job, DeletionPlan plan, long toDelete, long unchecked, long total) {
        Long max = job.safety().maxDeletions;
        long cap = Math.min(max == null ? Long.MAX_VALUE : max, toDelete + unchecked);
        PassResult run = Pass.run(job, false, cap, "Deleting", total, (deleter, sink) -> job.resume() == null
                ? deleter.apply(plan, job.journal(), sink, job.cancellation())
                : deleter.resume(job.resume().contents(), plan, job.journal(), sink, job.cancellation()));
        run.printTable(job.out(), job.output().report, job.journalFile(), job.earlier());
        long byInterruptedRun = run.tally().deletedByInterruptedRun();
        if (byInterruptedRun > 0) {
            job.err().println("Of the users deleted, " + byInterruptedRun + " had been deleted by the interrupted run"
                    + " (its intent was in the journal; Okta now answers 404 for the id): reported deleted.");
        }
        if (run.summary().stop().isPresent()) {
            return job.stopped(run.summary().stop().get(), job.journalFile());
        }
        if (run.summary().counts().failed() > 0) {
            job.resumeHint(job.journalFile(), "To try the failed logins again");
            return ExitStatus.FAILED;
        }
        return ExitStatus.OK;
    }
}

package io.github.oktabulkdelete.cli;

import io.github.oktabulkdelete.BulkDeleteSummary;
import io.github.oktabulkdelete.DeletionPlan;
import io.github.oktabulkdelete.PlannedUser;

/**
 * The deletion ({@code --execute} without {@code --plan}): plan, then apply, in one run. The check pass looks every
 * login up by login and writes the plan ({@code --plan-out}, or beside the journal); then the count,
 * {@code --max-deletions}, the confirmation, and the apply pass ({@link ApplyFlow#apply}), which fetches each planned
 * user by id: no login is looked up by login twice. The journal is open (its run record, which names the plan, on
 * disk) before the check pass starts; only the apply pass records in it.
 *
 * <p>Stateless.
 *
 * <pre>{@code
 * int status = DeleteFlow.run(job);
 * }</pre>
 */
final class DeleteFlow {

    private DeleteFlow() {
    }

    /** @return the exit status */
    static int run(Job job) {
        long earlier = job.earlier();
        Long max = job.safety().maxDeletions;
        DeletionPlan.Writer planWriter = job.startPlan();
        PassResult check;
        try {
            check = Pass.check(job, "Checking", outcome -> planWriter.accept(PlannedUser.of(outcome)), false);
        } catch (RuntimeException | Error e) {
            planWriter.abandon();
            throw e;
        }
        if (check.summary().stop().isPresent()) {
            planWriter.abandon();
            check.printTable(job.out(), job.output().report, null, earlier);
            return job.stopped(check.summary().stop().get(), null);
        }
        job.finishPlan(planWriter);
        long wouldDelete = check.wouldDelete();
        long unchecked = check.lookupFailures();
        BulkDeleteSummary checked = check.summary();
        job.err().println("Checked " + LoginInputs.plural(checked.counts().total(), "login") + ": "
                + wouldDelete + " to delete, " + checked.counts().notFound() + " not found, "
                + (checked.counts().skipped() - wouldDelete) + " skipped, " + unchecked + " could not be looked up.");
        ProtectedEntries.warnUnmatched(job, check);
        if (wouldDelete + unchecked == 0) {
            check.printTable(job.out(), job.output().report, null, earlier);
            job.err().println("Nothing to delete.");
            return ExitStatus.OK;
        }
        if (job.safety().exceedsMax(wouldDelete)) {
            check.printTable(job.out(), job.output().report, null, earlier);
            job.err().println("Stopped before deleting anything: " + LoginInputs.plural(wouldDelete, "user")
                    + " would be deleted, more than --max-deletions " + max + ". Narrow the input or raise"
                    + " --max-deletions" + (job.output().report == null ? "." : "; the report lists them."));
            return ExitStatus.STOPPED;
        }
        if (!Confirmation.confirmed(job, wouldDelete, unchecked)) {
            return ExitStatus.STOPPED;
        }
        if (Thread.interrupted() || job.cancellation().isCancelled()) {
            job.err().println("Interrupted: nothing was deleted.");
            return ExitStatus.STOPPED;
        }
        String changed = job.inputs().changedFile();
        if (changed != null) {
            job.err().println("okta-bulk-delete: " + changed + " changed after it was checked: nothing was deleted."
                    + " Run again to check it anew.");
            return ExitStatus.USAGE;
        }
        DeletionPlan plan = PlanOptions.read(job.planFile(), "the plan this run made");
        return ApplyFlow.apply(job, plan, wouldDelete, unchecked, plan.size());
    }
}

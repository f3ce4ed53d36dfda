package io.github.oktabulkdelete.cli;

import io.github.oktabulkdelete.DeletionPlan;
import io.github.oktabulkdelete.PlannedUser;

/**
 * The dry run: one pass that looks every user up and says what {@code --execute} would do; nothing changes. With
 * {@code --plan-out FILE} it writes the plan, which {@code --execute --plan FILE} applies later without a check.
 *
 * <p>Stateless.
 *
 * <pre>{@code
 * int status = DryRunFlow.run(job);
 * }</pre>
 */
final class DryRunFlow {

    private DryRunFlow() {
    }

    /** @return the exit status */
    static int run(Job job) {
        DeletionPlan.Writer plan = job.planFile() == null ? null : job.startPlan();
        PassResult check;
        try {
            check = Pass.check(job, "Checking (dry run)", plan == null ? null
                    : outcome -> plan.accept(PlannedUser.of(outcome)), job.journal() != null);
        } catch (RuntimeException | Error e) {
            if (plan != null) {
                plan.abandon();
            }
            throw e;
        }
        check.printTable(job.out(), job.output().report, job.journalFile(), job.earlier());
        if (check.summary().stop().isPresent()) {
            if (plan != null) {
                plan.abandon();
                job.err().println("No plan was written: the check stopped before it looked every login up.");
            }
            return job.stopped(check.summary().stop().get(), job.journalFile());
        }
        if (plan != null) {
            job.finishPlan(plan);
        }
        ProtectedEntries.warnUnmatched(job, check);
        if (job.safety().exceedsMax(check.wouldDelete())) {
            job.err().println("Note: " + LoginInputs.plural(check.wouldDelete(), "user") + " would be deleted, more"
                    + " than --max-deletions " + job.safety().maxDeletions + ": a run with --execute would refuse to"
                    + " start.");
        } else if (plan != null) {
            job.err().println("Plan written to " + job.planFile().toAbsolutePath() + ". To apply it (within "
                    + DurationConverter.format(job.plans().maxPlanAge) + "): okta-bulk-delete --execute --plan "
                    + job.planFile().toAbsolutePath());
        } else if (check.wouldDelete() > 0) {
            job.err().println("To delete " + (check.wouldDelete() == 1 ? "this user" : "these users")
                    + ", run the same command with --execute.");
        }
        return check.summary().counts().failed() > 0 ? ExitStatus.FAILED : ExitStatus.OK;
    }
}

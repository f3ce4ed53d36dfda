package io.github.oktabulkdelete.cli;

import io.github.oktabulkdelete.BulkDeleteSummary;

/**
 * The deletion ({@code --execute}): a check pass that changes nothing, the count, {@code --max-deletions}, the
 * confirmation, then the deletion pass, capped at what was counted and confirmed. The journal is open (its run record
 * on disk) before the check pass starts; only the deletion pass records outcomes in it.
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
        PassResult check = Pass.run(job, true, Long.MAX_VALUE, "Checking", false);
        if (check.summary().stop().isPresent()) {
            check.printTable(job.out(), job.output().report, null, earlier);
            return job.stopped(check.summary().stop().get(), null);
        }
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
        // never more than were counted and confirmed, nor more than --max-deletions
        long cap = Math.min(max == null ? Long.MAX_VALUE : max, wouldDelete + unchecked);
        PassResult run = Pass.run(job, false, cap, "Deleting", true);
        run.printTable(job.out(), job.output().report, job.journalFile(), earlier);
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

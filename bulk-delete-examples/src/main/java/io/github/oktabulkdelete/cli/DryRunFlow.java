package io.github.oktabulkdelete.cli;

/**
 * The dry run: one pass that looks every user up and says what {@code --execute} would do; nothing changes.
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
        PassResult check = Pass.run(job, true, Long.MAX_VALUE, "Checking (dry run)", true);
        check.printTable(job.out(), job.output().report, job.journalFile(), job.earlier());
        if (check.summary().stop().isPresent()) {
            return job.stopped(check.summary().stop().get(), job.journalFile());
        }
        ProtectedEntries.warnUnmatched(job, check);
        if (job.safety().exceedsMax(check.wouldDelete())) {
            job.err().println("Note: " + LoginInputs.plural(check.wouldDelete(), "user") + " would be deleted, more"
                    + " than --max-deletions " + job.safety().maxDeletions + ": a run with --execute would refuse to"
                    + " start.");
        } else if (check.wouldDelete() > 0) {
            job.err().println("To delete " + (check.wouldDelete() == 1 ? "this user" : "these users")
                    + ", run the same command with --execute.");
        }
        return check.summary().counts().failed() > 0 ? ExitStatus.FAILED : ExitStatus.OK;
    }
}

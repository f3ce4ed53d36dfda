package io.github.oktabulkdelete.cli;

/**
 * The confirmation before a deletion pass: the count and the org, answered {@code yes} on the terminal or by
 * {@code --yes}.
 *
 * <p>Stateless.
 *
 * <pre>{@code
 * if (!Confirmation.confirmed(job, wouldDelete, unchecked)) { return ExitStatus.STOPPED; }
 * }</pre>
 */
final class Confirmation {

    private Confirmation() {
    }

    /**
     * Asks, or says that {@code --yes} answered.
     *
     * @param wouldDelete the users the check pass would delete
     * @param unchecked the logins whose lookup failed, tried again by the deletion pass
     * @return whether the deletion may go ahead; when not, it was said why on standard error
     */
    static boolean confirmed(Job job, long wouldDelete, long unchecked) {
        String question = "Delete " + LoginInputs.plural(wouldDelete, "user") + " from " + job.org().orgUrl()
                + (unchecked == 0 ? "" : " (and up to " + unchecked + " more whose lookup failed, tried again)")
                + "? This cannot be undone.";
        if (job.safety().yes) {
            job.err().println(question + " Confirmed by --yes.");
            return true;
        }
        String answer = job.terminal().readLine(question + " Type yes to continue: ");
        if (answer == null || !answer.strip().equalsIgnoreCase("yes")) {
            job.err().println("Not confirmed: nothing was deleted."
                    + (job.output().report == null ? "" : " The report lists what would have been done: "
                    + job.output().report.toAbsolutePath()));
            return false;
        }
        return true;
    }
}

package io.github.oktabulkdelete.cli;

import io.github.oktabulkdelete.BulkDeleteSummary;
import io.github.oktabulkdelete.DeletionOutcome;
import io.github.oktabulkdelete.OutcomeCounts;
import io.github.oktabulkdelete.SkipReason;
import io.github.oktabulkdelete.Step;
import io.github.oktabulkdelete.UserState;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * One pass of the CLI over its input (the dry pass or the execute pass): the core's summary, a few counts the CLI
 * adds, and the summary table it prints at the end.
 *
 * <p>Not thread-safe: the counts are fed by the deleter's outcome consumer, one call at a time, then read by the
 * thread that ran the batch.
 *
 * <pre>{@code
 * PassResult.Tally tally = new PassResult.Tally();
 * BulkDeleteSummary summary = deleter.deleteAll(logins, tally);
 * new PassResult(true, summary, tally, progress.retries()).printTable(out, reportFile);
 * }</pre>
 *
 * @param dryRun whether the pass changed nothing
 * @param summary the core's totals
 * @param tally the CLI's extra counts
 * @param retries the retries the progress meter saw
 */
record PassResult(boolean dryRun, BulkDeleteSummary summary, Tally tally, long retries) {

    /** Counts the CLI shows beyond the core's {@link OutcomeCounts}. */
    static final class Tally implements Consumer<DeletionOutcome> {
        private long deactivatedFirst;
        private long alreadyDeactivated;
        private long lookupFailures;
        private long deletedByInterruptedRun;
        private final List<String> protectedNames = new ArrayList<>();

        @Override
        public void accept(DeletionOutcome outcome) {
            addProtectedNames(outcome, protectedNames);
            if (outcome instanceof DeletionOutcome.Deleted d && d.byInterruptedRun()) {
                deletedByInterruptedRun++;
            }
            if (outcome instanceof DeletionOutcome.Deleted d && d.deactivatedByThisRun()) {
                deactivatedFirst++;
            } else if (outcome instanceof DeletionOutcome.Skipped s && s.reason() == SkipReason.DRY_RUN
                    && s.status() == UserState.DEPROVISIONED) {
                alreadyDeactivated++;
            } else if (outcome instanceof DeletionOutcome.Failed f && f.step() == Step.LOOKUP) {
                lookupFailures++;
            }
        }

        /** @return the users an interrupted run had deleted, which this (resumed) run found gone by their id */
        long deletedByInterruptedRun() {
            return deletedByInterruptedRun;
        }

        /** @return the login and user id of every user skipped as protected */
        List<String> protectedNames() {
            return protectedNames;
        }

        /** Adds the login and user id of {@code outcome} to {@code names} if it was skipped as protected. */
        static void addProtectedNames(DeletionOutcome outcome, List<String> names) {
            if (outcome instanceof DeletionOutcome.Skipped s && s.reason() == SkipReason.PROTECTED) {
                names.add(s.login());
                if (s.userId() != null) {
                    names.add(s.userId());
                }
            }
        }
    }

    /** @return the users a dry pass would delete */
    long wouldDelete() {
        return summary.counts().skipped(SkipReason.DRY_RUN);
    }

    /** @return the logins whose lookup failed, which the execute pass will try again */
    long lookupFailures() {
        return tally.lookupFailures;
    }

    /** Prints the summary table. */
    void printTable(PrintWriter out, Path report) {
        printTable(out, report, null, 0);
    }

    /**
     * Prints the summary table, with the journal and, for a resumed run, the logins earlier runs finished.
     *
     * @param journal the journal of the pass, or {@code null}
     * @param earlier the input's logins that earlier runs finished (0 unless resumed)
     */
    void printTable(PrintWriter out, Path report, Path journal, long earlier) {
        OutcomeCounts counts = summary.counts();
        long wouldDelete = wouldDelete();
        out.println();
        String title;
        if (summary.stop().isPresent()) {
            title = "stopped (" + summary.stop().get().cause().name().toLowerCase(Locale.ROOT) + ")"
                    + (dryRun ? ", nothing was changed" : ", " + LoginInputs.plural(counts.deleted(), "user")
                    + " deleted");
        } else if (dryRun) {
            title = "dry run, nothing was changed";
        } else {
            title = LoginInputs.plural(counts.deleted(), "user") + " deleted";
        }
        out.println("Summary: " + title);
        if (dryRun) {
            row(out, "would delete", wouldDelete, wouldDelete == 0 ? "" : tally.alreadyDeactivated
                    + " already deactivated, " + (wouldDelete - tally.alreadyDeactivated) + " to deactivate first");
        } else {
            row(out, "deleted", counts.deleted(), counts.deleted() == 0 ? "" : tally.deactivatedFirst
                    + " deactivated first");
        }
        row(out, "not found", counts.notFound(), "");
        row(out, "skipped", counts.skipped() - wouldDelete, skipReasons(counts));
        row(out, "failed", counts.failed(), counts.failed() == 0 ? "" : "see the report for each login and why");
        row(out, "not attempted", counts.notAttempted(), counts.notAttempted() == 0 ? ""
                : "safe to run again");
        row(out, "logins", counts.total(), "");
        if (earlier > 0) {
            row(out, "done earlier", earlier, "finished by the runs this one resumed; in the report");
        }
        String requestsNote = LoginInputs.plural(retries, "retry").replace("retrys", "retries") + ", "
                + seconds(summary.elapsed());
        row(out, "HTTP requests", summary.httpRequests(), requestsNote);
        if (report != null) {
            out.println("  report: " + report.toAbsolutePath());
        }
        if (journal != null) {
            out.println("  journal: " + journal.toAbsolutePath());
        }
        out.flush();
    }

    private static String skipReasons(OutcomeCounts counts) {
        List<String> parts = new ArrayList<>();
        for (SkipReason reason : SkipReason.values()) {
            long n = counts.skipped(reason);
            if (reason != SkipReason.DRY_RUN && n > 0) {
                parts.add(n + " " + reason.name().toLowerCase(Locale.ROOT).replace('_', ' '));
            }
        }
        return String.join(", ", parts);
    }

    private static void row(PrintWriter out, String label, long value, String note) {
        out.println(String.format(Locale.ROOT, "  %-15s %8d%s", label, value, note.isEmpty() ? "" : "  " + note));
    }

    private static String seconds(Duration elapsed) {
        return String.format(Locale.ROOT, "%.1f s", elapsed.toMillis() / 1000.0);
    }
}

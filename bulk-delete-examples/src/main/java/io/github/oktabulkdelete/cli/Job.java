package io.github.oktabulkdelete.cli;

import io.github.oktabulkdelete.BatchStop;
import io.github.oktabulkdelete.BulkUserDeleter;
import io.github.oktabulkdelete.DeletionPlan;
import io.github.oktabulkdelete.Cancellation;
import io.github.oktabulkdelete.DeletionJournal;
import io.github.oktabulkdelete.Sleeper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * One run of the delete command, as decided before its first pass: where it writes, the options, the org, the logins
 * to do or the plan to apply, and the open journal. The flows ({@link DryRunFlow}, {@link DeleteFlow},
 * {@link ApplyFlow}) and {@link Pass} read it.
 *
 * <p>Immutable but for {@code deleter}, set once by the first pass (its journal and streams are shared, not
 * copied); used by the command's thread.
 *
 * <pre>{@code
 * int status = !job.safety().execute ? DryRunFlow.run(job) : job.plan() != null ? ApplyFlow.run(job)
 *         : DeleteFlow.run(job);
 * }</pre>
 *
 * @param out standard output: the summary table
 * @param err standard error: messages and progress
 * @param terminal the terminal, for the confirmation and the progress display
 * @param clock the deleter's and the progress display's clock
 * @param sleeper the deleter's sleeper
 * @param cancellation stops the passes (Ctrl-C, {@code --max-duration}); carries the grace period
 * @param deleting set while a pass runs, for the interrupt handling of {@link Main}
 * @param redact removes secrets from a message
 * @param pace the pace options
 * @param safety the safety options
 * @param output the output options
 * @param gracePeriod {@code --grace-period}, for messages
 * @param org the org
 * @param protect the protected logins and ids
 * @param inputs the input, to tell whether a file changed after the check; {@code null} when applying a plan
 * @param todo the logins to check (all of the input, or what a resumed journal left); empty when applying a plan
 * @param total how many logins {@code todo} (or the plan, less what the journal finished) holds
 * @param resume the resumed journal, or {@code null}
 * @param journalFile the journal, or {@code null} for a dry run without {@code --journal}
 * @param journal the open journal (its run record already on disk), or {@code null}
 * @param plan the plan to apply without a check pass ({@code --plan}, or the plan a resumed journal names), or
 *     {@code null}: the run makes its plan
 * @param planFile where the check pass writes the plan it makes, or {@code null} (a dry run without --plan-out)
 * @param deleter the run's one deleter, built by the first pass; later passes derive theirs from it
 * @param inputDescription the input as the journal and the plan name it
 * @param plans the plan options
 */
record Job(PrintWriter out, PrintWriter err, Terminal terminal, Clock clock, Sleeper sleeper,
        Cancellation cancellation, AtomicBoolean deleting, UnaryOperator<String> redact,
        PaceOptions pace, SafetyOptions safety, OutputOptions output, Duration gracePeriod,
        OktaConnection.Connected org, Set<String> protect, LoginInputs inputs, Iterable<String> todo, long total,
        Resume resume, Path journalFile, DeletionJournal journal, DeletionPlan plan, Path planFile,
        AtomicReference<BulkUserDeleter> deleter, String inputDescription, PlanOptions plans) {

    /** @return the input's logins that the runs this one resumes finished (0 unless resumed) */
    long earlier() {
        return resume == null ? 0 : resume.finished();
    }

    /**
     * Starts writing the plan this run's check makes, to {@link #planFile()}.
     *
     * @throws ExitException (usage) if it cannot be written
     */
    DeletionPlan.Writer startPlan() {
        try {
            return DeletionPlan.write(planFile, new DeletionPlan.Header(clock.instant(), org.orgUrl(),
                    VersionProvider.implementationVersion(), inputDescription));
        } catch (java.io.IOException e) {
            throw ExitException.usage("cannot write the plan " + planFile + ": " + e.getMessage());
        }
    }

    /**
     * Completes the plan: it becomes {@link #planFile()}.
     *
     * @throws ExitException (usage) if that fails
     */
    void finishPlan(DeletionPlan.Writer plan) {
        try {
            plan.close();
        } catch (java.io.IOException e) {
            plan.abandon();
            throw ExitException.usage("cannot write the plan " + planFile + ": " + e.getMessage());
        }
    }

    /** Says why the run stopped and how to finish it: exit status 3. */
    int stopped(BatchStop stop, Path journalShown) {
        err.println("Stopped: " + redact.apply(stop.message()));
        resumeHint(journalShown, "To finish the run");
        return ExitStatus.STOPPED;
    }

    /** Says how to resume, when a deletion pass has a journal. */
    void resumeHint(Path journalShown, String what) {
        if (journalShown != null && safety.execute) {
            err.println(what + ", run the same command with --journal " + journalShown.toAbsolutePath()
                    + " --resume: the logins the journal shows as finished are left alone.");
        }
    }
}

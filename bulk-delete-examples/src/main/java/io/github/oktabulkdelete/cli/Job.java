package io.github.oktabulkdelete.cli;

import io.github.oktabulkdelete.BatchStop;
import io.github.oktabulkdelete.Cancellation;
import io.github.oktabulkdelete.DeletionJournal;
import io.github.oktabulkdelete.Sleeper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

/**
 * One run of the delete command, as decided before its first pass: where it writes, the options, the org, the logins
 * to do and the open journal. The flows ({@link DryRunFlow}, {@link DeleteFlow}) and {@link Pass} read it.
 *
 * <p>Immutable (its journal and streams are shared, not copied); used by the command's thread.
 *
 * <pre>{@code
 * int status = job.safety().execute ? DeleteFlow.run(job) : DryRunFlow.run(job);
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
 * @param inputs the input, to tell whether a file changed after the check
 * @param todo the logins to do (all of the input, or what a resumed journal left)
 * @param total how many logins {@code todo} holds
 * @param resume the resumed journal, or {@code null}
 * @param journalFile the journal, or {@code null} for a dry run without {@code --journal}
 * @param journal the open journal (its run record already on disk), or {@code null}
 */
record Job(PrintWriter out, PrintWriter err, Terminal terminal, Clock clock, Sleeper sleeper,
        Cancellation cancellation, AtomicBoolean deleting, UnaryOperator<String> redact,
        PaceOptions pace, SafetyOptions safety, OutputOptions output, Duration gracePeriod,
        OktaConnection.Connected org, Set<String> protect, LoginInputs inputs, Iterable<String> todo, long total,
        Resume resume, Path journalFile, DeletionJournal journal) {

    /** @return the input's logins that the runs this one resumes finished (0 unless resumed) */
    long earlier() {
        return resume == null ? 0 : resume.finished();
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

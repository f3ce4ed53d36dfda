package io.github.oktabulkdelete.cli;

import io.github.oktabulkdelete.Cancellation;
import io.github.oktabulkdelete.DeletionJournal;
import io.github.oktabulkdelete.DeletionPlan;
import io.github.oktabulkdelete.JournalContents;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the delete command does once its options are valid, up to the flow: picks and checks the journal and the
 * plan, reads the journal to resume, opens the input (unless a plan is the whole input), connects, opens the journal
 * with its run record (before any pass), and hands a {@link Job} to its flow.
 *
 * <p>Runs once, on the command's thread; not thread-safe.
 *
 * <pre>{@code
 * return new Launch(this).run(cancellation, protect);
 * }</pre>
 */
final class Launch {

    private final BulkDeleteCommand c;

    Launch(BulkDeleteCommand command) {
        this.c = command;
    }

    /** @return the exit status */
    int run(Cancellation stop, Set<String> protect) {
        c.err.println("okta-bulk-delete: " + (c.safety.execute ? "delete (--execute)"
                : "dry run: nothing will be changed (add --execute to delete)"));
        c.output.checkWritable();
        Path journalFile = c.journal.file(c.safety.execute, c.output.report, c.workingDirectory, c.clock);
        c.journal.checkUsable(journalFile);
        JournalContents done = c.journal.resume ? Resume.contents(journalFile, c.err) : null;
        // a resume applies the rest of the journal's plan, unless given another input than that plan was made from
        Path resumedPlan = done == null || !c.safety.execute ? null
                : Resume.plannedFile(done, c.input.any(c.files) ? c.input.describe(c.files) : null);
        DeletionPlan plan = c.plans.plan != null ? PlanOptions.read(c.plans.plan, "--plan")
                : resumedPlan != null ? PlanOptions.read(resumedPlan, "--resume: the plan the journal names") : null;
        if (plan != null) {
            return prepare(stop, protect, journalFile, done, plan, null);
        }
        c.input.validate(c.files); // the input is needed: no plan stands in for it
        try (LoginInputs inputs = c.input.open(c.files, c.stdin)) {
            inputs.descriptions().forEach(description -> c.err.println("  input: " + description));
            return prepare(stop, protect, journalFile, done, null, inputs);
        }
    }

    private int prepare(Cancellation stop, Set<String> protect, Path journalFile, JournalContents done,
            DeletionPlan plan, LoginInputs inputs) {
        // --search, --group, --deactivated-for: listed from Okta and frozen now, before anything is counted or changed
        OktaConnection.Connected selecting = inputs != null && c.input.selectsFromOkta()
                ? c.connector.connect(c.connection, scopes(), c.pace.poolSize()) : null;
        try {
            if (selecting != null) {
                OktaSelections.freezeInto(c.input, inputs, selecting, c.pace, c.clock, c.sleeper, c.err);
            }
            return prepare(stop, protect, journalFile, done, plan, inputs, selecting);
        } catch (RuntimeException | Error e) {
            if (selecting != null) {
                selecting.close();
            }
            throw e;
        }
    }

    /** The OAuth 2.0 scopes this run needs by default: {@code --group} reads a group and its members. */
    private List<String> scopes() {
        return OktaConnection.scopesFor(c.safety.execute, c.input.group != null);
    }

    /** As above, with the connection that listed a selection from Okta, or {@code null}; closes it. */
    private int prepare(Cancellation stop, Set<String> protect, Path journalFile, JournalContents done,
            DeletionPlan plan, LoginInputs inputs, OktaConnection.Connected selecting) {
        Resume resume = done == null ? null : Resume.of(done, plan != null ? plan.logins() : inputs, c.err);
        long total = resume != null ? resume.remaining() : plan != null ? plan.size() : inputs.total();
        c.journal.announce(journalFile, resume != null, c.err);
        if (total == 0) {
            c.err.println(resume != null ? "Nothing left to do: every login of the " + (plan != null ? "plan" : "input")
                    + " has a final outcome in the journal." : plan != null ? "Nothing to do: the plan holds no logins."
                    : "Nothing to do: the input holds no logins.");
            if (resume != null) {
                c.output.writeReportOfEarlierRuns(resume, c.out, c.err);
            }
            if (selecting != null) {
                selecting.close();
            }
            return ExitStatus.OK;
        }
        Path planFile = plan != null ? plan.file() : c.plans.output(c.safety.execute, journalFile);
        if (plan == null) {
            PlanOptions.checkWritable(planFile);
            if (planFile != null && (planFile.equals(journalFile) || planFile.equals(c.output.report))) {
                throw ExitException.usage("--plan-out " + planFile + " is also the journal or the report: name"
                        + " another file");
            }
        }
        String described = plan == null ? c.input.describe(c.files) : plan.header().input() != null
                ? plan.header().input() : "plan " + plan.file().toAbsolutePath();
        try (OktaConnection.Connected org = selecting != null ? selecting
                : c.connector.connect(c.connection, scopes(), c.pace.poolSize())) {
            c.describeRun(org, protect);
            if (resume != null) {
                resume.checkSameOrg(org.orgUrl());
            }
            if (c.plans.plan != null) {
                c.plans.checkApplicable(plan, org.orgUrl(), c.clock.instant(), resume == null);
            }
            // the journal exists from the start: its run record, naming the plan, is on disk before any pass
            DeletionJournal journalWriter = journalFile == null ? null
                    : JournalOptions.open(journalFile, c.journal.header(org.orgUrl(), c.safety, c.pace, described,
                    total, c.safety.execute ? planFile : null, c.clock), c.clock);
            try {
                Iterable<String> todo = inputs == null ? List.of()
                        : resume == null ? inputs : resume.contents().remaining(inputs);
                Job job = new Job(c.out, c.err, c.terminal, c.clock, c.sleeper, stop, c.control.deleting(),
                        c.connector::redact, c.pace, c.safety, c.output, c.journal.gracePeriod, org, protect, inputs,
                        todo, total, resume, journalFile, journalWriter, plan, planFile, new AtomicReference<>(),
                        described, c.plans);
                return !c.safety.execute ? DryRunFlow.run(job) : plan != null ? ApplyFlow.run(job)
                        : DeleteFlow.run(job);
            } finally {
                JournalOptions.close(journalWriter, c.err);
            }
        }
    }
}

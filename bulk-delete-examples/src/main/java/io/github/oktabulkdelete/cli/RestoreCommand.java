package io.github.oktabulkdelete.cli;

import io.github.oktabulkdelete.BulkUserDeleter;
import io.github.oktabulkdelete.Cancellation;
import io.github.oktabulkdelete.DeletionJournal;
import io.github.oktabulkdelete.DeletionOutcome;
import io.github.oktabulkdelete.JournalContents;
import io.github.oktabulkdelete.JournalHeader;
import io.github.oktabulkdelete.RestoreOutcome;
import io.github.oktabulkdelete.RestoreSummary;
import io.github.oktabulkdelete.Sleeper;
import io.github.oktabulkdelete.UserRestorer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code okta-bulk-delete restore --journal FILE [--login LOGIN ...]}: creates the users a deletion's journal reports
 * deleted again, {@code STAGED}, from the records the journal holds (profile, type, {@code OKTA_GROUP}s that still
 * exist), through {@link UserRestorer}. A dry run by default (it checks the groups and whether a user has each login
 * now); {@code --execute} asks for a confirmation (or {@code --yes}), then creates. {@code --report FILE} writes one
 * CSV row per login.
 *
 * <p>Its collaborators are injected, as the top command's; it runs once and is not thread-safe.
 *
 * <pre>{@code
 * okta-bulk-delete restore --journal offboarding.journal.jsonl --login jsmith@corp.com --execute
 * }</pre>
 */
@Command(name = "restore", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        header = "Create deleted users again from a deletion's journal: profile, type and groups; status STAGED.",
        description = {"For every user the journal reports deleted (or each --login), creates the user again with"
            + " POST /api/v1/users?activate=false: the same profile and type, in its recorded OKTA_GROUPs that still"
            + " exist (Everyone and app groups are not sent; groups that no longer exist are named). A login a user"
            + " has now is skipped. The old id, password, factors, direct app assignments and history cannot be"
            + " restored. Activate restored users with POST /api/v1/users/{id}/lifecycle/activate or in the Admin"
            + " Console.", "", "A dry run by default: add --execute to create the users."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:every user restored, skipped or (dry run) restorable",
            "1:some restore failed, or the journal holds no record of a user", "2:bad options or journal",
            "3:stopped, or not confirmed"})
final class RestoreCommand implements Callable<Integer> {

    @Option(names = "--journal", paramLabel = "FILE", required = true,
            description = "The journal of the deletion (written with --execute).")
    Path journal;

    @Option(names = "--login", paramLabel = "LOGIN",
            description = "Restore only this login; repeatable. Default: every user the journal reports deleted.")
    List<String> logins = new ArrayList<>();

    @Option(names = "--execute", description = "Create the users. Without it, nothing is changed (dry run).")
    boolean execute;

    @Option(names = {"-y", "--yes"}, description = "With --execute: do not ask for confirmation.")
    boolean yes;

    @Option(names = "--report", paramLabel = "FILE", description = "Write one CSV row per login to FILE.")
    Path report;

    @ArgGroup(validate = false, heading = "%nConnection:%n")
    ConnectionOptions connection = new ConnectionOptions();

    @ArgGroup(validate = false, heading = "%nPace:%n")
    PaceOptions pace = new PaceOptions();

    private final PrintWriter out;
    private final PrintWriter err;
    private final Terminal terminal;
    private final OktaConnection connector;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;

    RestoreCommand(Map<String, String> env, InputStream stdin, PrintWriter out, PrintWriter err, Terminal terminal) {
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.terminal = Objects.requireNonNull(terminal, "terminal");
        this.connector = new OktaConnection(Map.copyOf(env), terminal);
    }

    RestoreCommand withTime(Clock clock, Sleeper sleeper) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        return this;
    }

    @Override
    public Integer call() {
        return CommandStreams.flushedAfter(this::run, out, err);
    }

    private int run() {
        validate();
        JournalContents contents = read();
        long deleted = contents.outcomes().stream().filter(o -> o instanceof DeletionOutcome.Deleted).count();
        err.println("okta-bulk-delete restore: " + (execute ? "create users (--execute)"
                : "dry run: nothing will be changed (add --execute to create the users)"));
        err.println("  journal: " + journal.toAbsolutePath() + ": " + LoginInputs.plural(deleted, "user")
                + " deleted" + (logins.isEmpty() ? "" : ", " + LoginInputs.plural(logins.size(), "login") + " named"));
        // restore reads each recorded group by id before it names it in a create
        List<String> scopes = OktaConnection.scopesFor(execute, true);
        try (OktaConnection.Connected org = connector.connect(connection, scopes, pace.poolSize())) {
            checkSameOrg(contents, org.orgUrl());
            err.println("  org:   " + org.orgUrl() + " (" + org.credentials() + ")");
            BulkUserDeleter paced = pace.applyTo(BulkUserDeleter.builder(org.client())).clock(clock).sleeper(sleeper)
                    .build();
            Cancellation stop = Cancellation.create();
            List<RestoreOutcome> check = new ArrayList<>();
            RestoreSummary dry = UserRestorer.builder(paced).dryRun(true).build()
                    .restore(journal, logins, check::add, stop);
            if (!execute) {
                return finish(check, dry);
            }
            check.stream().filter(o -> !(o instanceof RestoreOutcome.WouldRestore)).forEach(this::print);
            if (dry.wouldRestore() == 0) {
                err.println("Nothing to restore.");
                return finish(check, dry);
            }
            if (!confirmed(dry.wouldRestore(), org.orgUrl())) {
                return ExitStatus.STOPPED;
            }
            List<RestoreOutcome> done = new ArrayList<>();
            List<String> restorable = check.stream().filter(o -> o instanceof RestoreOutcome.WouldRestore)
                    .map(RestoreOutcome::login).toList();
            RestoreSummary summary = UserRestorer.builder(paced).build().restore(journal, restorable, done::add,
                    stop);
            List<RestoreOutcome> all = new ArrayList<>(check.stream()
                    .filter(o -> !(o instanceof RestoreOutcome.WouldRestore)).toList());
            all.addAll(done);
            return finish(all, new RestoreSummary(summary.restored(), 0, dry.alreadyExists() + summary.alreadyExists(),
                    dry.notRestorable() + summary.notRestorable(), dry.failed() + summary.failed(),
                    summary.stopped()), done);
        } catch (IOException e) {
            throw ExitException.badInput("cannot read the journal " + journal + ": " + e.getMessage());
        }
    }

    private void validate() {
        connection.validate();
        pace.validate();
        if (logins.stream().anyMatch(String::isBlank)) {
            throw ExitException.usage("--login is blank: give the login of a deleted user");
        }
        if (execute && !yes && !terminal.isInteractive()) {
            throw ExitException.usage("--execute needs --yes when there is no terminal to confirm on (standard"
                    + " input or output is redirected)");
        }
        if (report != null && report.toAbsolutePath().normalize().equals(journal.toAbsolutePath().normalize())) {
            throw ExitException.usage("--report " + report + " is the journal: name another file for the report");
        }
    }

    private JournalContents read() {
        try {
            return DeletionJournal.read(journal);
        } catch (NoSuchFileException e) {
            throw ExitException.usage("--journal " + journal + " does not exist: name the journal of the deletion"
                    + " (its path was printed when that run started)");
        } catch (IOException e) {
            throw ExitException.badInput("cannot read the journal " + journal + ": " + e.getMessage());
        }
    }

    private static void checkSameOrg(JournalContents contents, String orgUrl) {
        if (contents.runs().isEmpty()) {
            return;
        }
        String journalOrg = contents.runs().get(contents.runs().size() - 1).orgUrl();
        String thisOrg = new JournalHeader(Instant.EPOCH, orgUrl, Map.of(), null).orgUrl();
        if (journalOrg != null && thisOrg != null && !strip(journalOrg).equalsIgnoreCase(strip(thisOrg))) {
            throw ExitException.usage("restore: the journal " + contents.file() + " records deletions in "
                    + journalOrg + ", not " + thisOrg + ": restore into the org the users were deleted from");
        }
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private boolean confirmed(long users, String orgUrl) {
        String question = "Create " + LoginInputs.plural(users, "user") + " again in " + orgUrl + " (STAGED)?";
        if (yes) {
            err.println(question + " Confirmed by --yes.");
            return true;
        }
        String answer = terminal.readLine(question + " Type yes to continue: ");
        if (answer == null || !answer.strip().equalsIgnoreCase("yes")) {
            err.println("Not confirmed: nothing was created.");
            return false;
        }
        return true;
    }

    private int finish(List<RestoreOutcome> outcomes, RestoreSummary summary) {
        return finish(outcomes, summary, outcomes);
    }

    private int finish(List<RestoreOutcome> outcomes, RestoreSummary summary, List<RestoreOutcome> printed) {
        printed.forEach(this::print);
        writeReport(outcomes);
        out.println((execute ? "Restored: " + summary.restored() : "Would restore: " + summary.wouldRestore())
                + ", already exist: " + summary.alreadyExists() + ", not restorable: " + summary.notRestorable()
                + ", failed: " + summary.failed());
        if (summary.restored() > 0) {
            out.println("The restored users are STAGED: activate them with POST /api/v1/users/{id}/lifecycle/activate"
                    + " or in the Admin Console.");
        }
        if (summary.stopped()) {
            return ExitStatus.STOPPED;
        }
        return summary.failed() + summary.notRestorable() > 0 ? ExitStatus.FAILED : ExitStatus.OK;
    }

    private void print(RestoreOutcome outcome) {
        out.println(RestoreReport.line(outcome));
    }

    private void writeReport(List<RestoreOutcome> outcomes) {
        if (report == null) {
            return;
        }
        try {
            Files.write(report, RestoreReport.csv(outcomes));
            err.println("  report: " + report.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report " + report + ": " + e.getMessage(), e);
        }
    }
}

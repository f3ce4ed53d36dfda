package io.github.oktabulkdelete.cli;

import com.okta.sdk.resource.client.ApiClient;
import io.github.oktabulkdelete.BatchStop;
import io.github.oktabulkdelete.BulkDeleteSummary;
import io.github.oktabulkdelete.BulkUserDeleter;
import io.github.oktabulkdelete.Cancellation;
import io.github.oktabulkdelete.DeletionJournal;
import io.github.oktabulkdelete.DeletionOutcome;
import io.github.oktabulkdelete.InvalidJournalException;
import io.github.oktabulkdelete.InvalidLoginFileException;
import io.github.oktabulkdelete.JournalContents;
import io.github.oktabulkdelete.JournalHeader;
import io.github.oktabulkdelete.LoginSource;
import io.github.oktabulkdelete.OktaClients;
import io.github.oktabulkdelete.OutcomeKind;
import io.github.oktabulkdelete.Sleeper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code okta-bulk-delete} command: deletes the Okta users a CSV names (the Okta Password Health Report, any CSV
 * with a login column, or a plain list), after a dry pass, a count and a confirmation; a dry run by default.
 *
 * <p>Everything it touches is injected, so that it runs in-process in tests: the environment (where the API token
 * comes from, never the command line), standard input, standard output and error, and the {@link Terminal}. It never
 * calls {@code System.exit}: {@link #commandLine()}{@code .execute(args)} returns the exit status (see
 * {@link ExitStatus}). An instance runs once; it is not thread-safe.
 *
 * <pre>{@code
 * BulkDeleteCommand command = new BulkDeleteCommand(System.getenv(), System.in,
 *         new PrintWriter(System.out, true), new PrintWriter(System.err, true), Terminal.system());
 * int status = command.commandLine().execute("--csv", "users.csv");   // a dry run
 * }</pre>
 */
@Command(name = "okta-bulk-delete",
        mixinStandardHelpOptions = true,
        versionProvider = BulkDeleteCommand.Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        headerHeading = "%n",
        header = "Delete Okta users in bulk from a CSV: safely, at the org's rate limit, with a report of every login.",
        synopsisHeading = "%nUsage: ",
        customSynopsis = {
            "okta-bulk-delete [--csv FILE | --login LOGIN | -]... [--execute] [options]",
            "       okta-bulk-delete --demo"},
        descriptionHeading = "%n",
        description = {
            "Reads the logins from the Okta Password Health Report (Admin Console > Reports > Okta Password Health),"
                + " from any CSV with a login, username or email column, or from a plain list, one login per line.",
            "",
            "A dry run by default: it looks every user up and says what it would do. With --execute it first checks"
                + " every login the same way, shows how many users it will delete, asks for confirmation, then"
                + " deactivates (if needed) and deletes each user by id. It never deletes the owner of its own API"
                + " token, a user on the protected list, or a user whose login is not exactly the one given (Okta"
                + " resolves login shortnames: 'jsmith' can name jsmith@corp.com).",
            "",
            "Connection: the Okta SDK's own configuration (~/.okta/okta.yaml, OKTA_CLIENT_ORGURL,"
                + " OKTA_CLIENT_TOKEN), or --org-url with the token from an environment variable or typed at a"
                + " prompt. A token is never accepted as an argument: other users can read arguments with ps.",
            "",
            "Journal and resume: --execute records the outcome of every login it works on in a journal (JSON Lines,"
                + " each record forced to disk before the next login starts): the file --journal names, or else"
                + " okta-bulk-delete-<UTC time>.journal.jsonl in the folder of --report, or in the working folder"
                + " without --report; its path is printed first. If the run is interrupted, killed or stopped, run"
                + " the same command with --journal FILE --resume: the logins the journal shows as finished (deleted,"
                + " not found, skipped) are left alone, every other login is done again (looked up first, so a login"
                + " in flight when the run died is safe to redo), and the report covers both runs.",
            "",
            "Stopping: Ctrl-C or SIGTERM, or --max-duration, stops starting new logins, gives the logins in flight"
                + " --grace-period to finish, writes the journal and the report, and exits with status 3. Logins"
                + " still in flight after the grace period are named and reported not attempted (outcome unknown):"
                + " --resume looks them up again."},
        parameterListHeading = "%nFiles:%n",
        optionListHeading = "%nGeneral:%n",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:no login failed (dry run, or every login deleted, not found or skipped on purpose)",
            "1:at least one login failed; the report says which and why",
            "2:bad usage or input (nothing was changed), including --execute without --yes when there is no"
                + " terminal to confirm on",
            "3:the run was stopped: authentication or permission failure, --max-deletions, confirmation declined,"
                + " Ctrl-C or SIGTERM, --max-duration; the logins not attempted can be run again safely (--resume)"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  okta-bulk-delete --demo",
            "  okta-bulk-delete --csv report.csv",
            "  okta-bulk-delete --csv report.csv --execute --report out.csv",
            "  okta-bulk-delete --csv report.csv --execute --journal run.jsonl",
            "  okta-bulk-delete --csv report.csv --execute --journal run.jsonl --resume",
            "  okta-bulk-delete --csv report.csv --execute --adaptive --max-duration 2h",
            "  okta-bulk-delete - --execute --yes --max-deletions 500 < logins.txt"})
public final class BulkDeleteCommand implements Callable<Integer> {

    /** Default pace: 240 requests a minute, under the default 50% token share of a 600/min Workforce bucket. */
    static final int DEFAULT_REQUESTS_PER_MINUTE = 240;
    /** Default concurrency: 4 requests in flight, far under Okta's 75 per org. */
    static final int DEFAULT_CONCURRENCY = 4;
    static final String DEFAULT_TOKEN_ENV = "OKTA_CLIENT_TOKEN";
    /** Default grace period: how long logins in flight may take to finish once the run is stopped. */
    static final Duration DEFAULT_GRACE_PERIOD = Duration.ofSeconds(30);
    private static final DateTimeFormatter JOURNAL_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** Input options. */
    static final class Input {
        @Option(names = "--csv", paramLabel = "FILE",
                description = "A CSV or list of logins; repeatable. '-' reads standard input.")
        List<String> csv = new ArrayList<>();

        @Option(names = "--login", paramLabel = "LOGIN", description = "A login; repeatable.")
        List<String> logins = new ArrayList<>();

        @Option(names = "--column", paramLabel = "NAME",
                description = "The CSV column that holds the logins (default: Login, login, username or email,"
                        + " case-insensitively).")
        String column;
    }

    /** Connection options. */
    static final class Connection {
        @Option(names = "--org-url", paramLabel = "URL",
                description = "The org, such as https://corp.okta.com (default: OKTA_CLIENT_ORGURL or"
                        + " ~/.okta/okta.yaml).")
        String orgUrl;

        @Option(names = "--token-env", paramLabel = "NAME",
                description = "The environment variable that holds the SSWS API token (default: ${DEFAULT-VALUE})."
                        + " If it is unset and --org-url is given, the token is asked for on the terminal.")
        String tokenEnv = DEFAULT_TOKEN_ENV;

        @Option(names = "--client-id", paramLabel = "ID",
                description = "OAuth 2.0 instead of a token: the service app's client id (with --private-key).")
        String clientId;

        @Option(names = "--private-key", paramLabel = "FILE",
                description = "OAuth 2.0: the service app's private key, a PEM file.")
        Path privateKey;

        @Option(names = "--key-id", paramLabel = "KID", description = "OAuth 2.0: the key id, if the app has several.")
        String keyId;

        @Option(names = "--scopes", paramLabel = "SCOPE", split = ",",
                description = "OAuth 2.0 scopes (default: okta.users.read for a dry run, okta.users.manage with"
                        + " --execute).")
        List<String> scopes;

        @Option(names = "--allow-insecure-http",
                description = "Allow an http:// org URL: for local fake orgs only, never for a real org.")
        boolean allowInsecureHttp;
    }

    /** Safety options. */
    static final class Safety {
        @Option(names = "--execute", description = "Delete. Without it, nothing is changed (dry run).")
        boolean execute;

        @Option(names = {"-y", "--yes"},
                description = "Do not ask for confirmation before deleting. Needed with --execute when there is no"
                        + " terminal.")
        boolean yes;

        @Option(names = "--protect", paramLabel = "LOGIN",
                description = "A login or user id never to touch; repeatable.")
        List<String> protect = new ArrayList<>();

        @Option(names = "--protect-file", paramLabel = "FILE",
                description = "A CSV or list of logins never to touch; repeatable.")
        List<Path> protectFiles = new ArrayList<>();

        @Option(names = "--max-deletions", paramLabel = "N",
                description = "Delete at most N users: refuse before deleting anything when the check finds more,"
                        + " and stop the run if it would ever exceed N.")
        Long maxDeletions;
    }

    /** Pace options. */
    static final class Pace {
        @Option(names = "--requests-per-minute", paramLabel = "N",
                description = "At most N requests a minute, all kinds together, evenly spaced (default: 240). A"
                        + " token may use 50%% of each rate-limit bucket by default, 300 of the 600 DELETE a minute"
                        + " of a Workforce org; 240 stays under it with room for other clients. Each user takes 2 to"
                        + " 3 requests. Raise it only if your token's share is higher; 429 answers are waited out and"
                        + " retried anyway. With --adaptive: no limit unless given, and then a hard cap.")
        Integer requestsPerMinute;

        @Option(names = "--concurrency", paramLabel = "N",
                description = "At most N requests in flight (default: ${DEFAULT-VALUE}; 1 to 75). Okta allows 75 at"
                        + " once per org, shared with every other client of the org.")
        int concurrency = DEFAULT_CONCURRENCY;

        @Option(names = "--no-verify",
                description = "Do not check with a GET by id that each deleted user is gone. Okta's DELETE answers"
                        + " 204 also when it only deactivated a user (reactivated by someone else during the run);"
                        + " without the check such a user is reported deleted although it still exists. Saves one"
                        + " request per user.")
        boolean noVerify;

        @Option(names = "--adaptive",
                description = "Pace by the org's own rate limits, read from the X-Rate-Limit headers of every"
                        + " answer, instead of a fixed rate: each bucket's budget is spread over its window, and"
                        + " requests in flight follow rate x latency (never above --concurrency). Faster on large"
                        + " orgs, without 429s; the fixed rate stays the default because it is predictable.")
        boolean adaptive;

        @Option(names = "--max-share", paramLabel = "SHARE",
                description = "With --adaptive: the share of each rate-limit bucket this run may use, more than 0"
                        + " and at most 1 (default: 1, all that Okta lets the token use; 0.8 leaves 20%% of it to"
                        + " other clients of the same token).")
        Double maxShare;
    }

    /** Journal and stopping options. */
    static final class Journal {
        @Option(names = "--journal", paramLabel = "FILE",
                description = "Record the outcome of every login in FILE (JSON Lines, appended, each record forced to"
                        + " disk before the next login). Without it, --execute writes"
                        + " okta-bulk-delete-<UTC time>.journal.jsonl next to --report, or in the working folder,"
                        + " and prints its path. A dry run keeps a journal only when given one. An existing journal"
                        + " is only continued with --resume.")
        Path file;

        @Option(names = "--resume",
                description = "Continue the run that --journal FILE recorded: the logins it shows as finished"
                        + " (deleted, not found, skipped) are left alone and counted; all others, including those in"
                        + " flight when it stopped, are done again. A new run section is appended to the journal; the"
                        + " count to confirm and --max-deletions apply to what remains; --report covers both runs.")
        boolean resume;

        @Option(names = "--max-duration", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "Stop after DURATION, such as 90m, 2h or PT2H (from the start, confirmation included),"
                        + " as Ctrl-C does: no new login starts, the logins in flight finish, exit status 3; resume"
                        + " later with --resume.")
        Duration maxDuration;

        @Option(names = "--grace-period", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "After Ctrl-C, SIGTERM or --max-duration, how long the logins in flight may take to"
                        + " finish (default: 30s). After it the tool exits anyway and names the logins still in"
                        + " flight: their outcome is unknown, and --resume looks them up again.")
        Duration gracePeriod = DEFAULT_GRACE_PERIOD;
    }

    /** Output options. */
    static final class Output {
        @Option(names = "--report", paramLabel = "FILE",
                description = "Write one row per login to FILE: .csv or .jsonl. Columns: login, outcome, reason,"
                        + " user_id, previous_status, http_status, error_code, attempts, detail.")
        Path report;

        @Option(names = "--no-progress", description = "No progress display on standard error.")
        boolean noProgress;
    }

    @Parameters(paramLabel = "FILE", arity = "0..*",
            description = "Files of logins, as --csv; '-' reads standard input.")
    List<String> files = new ArrayList<>();

    @ArgGroup(validate = false, heading = "Input:%n", order = 1)
    Input input = new Input();

    @ArgGroup(validate = false, heading = "%nConnection:%n", order = 2)
    Connection connection = new Connection();

    @ArgGroup(validate = false, heading = "%nSafety:%n", order = 3)
    Safety safety = new Safety();

    @ArgGroup(validate = false, heading = "%nPace:%n", order = 4)
    Pace pace = new Pace();

    @ArgGroup(validate = false, heading = "%nOutput:%n", order = 5)
    Output output = new Output();

    @ArgGroup(validate = false, heading = "%nJournal and stopping:%n", order = 6)
    Journal journal = new Journal();

    /** The demo option. */
    static final class DemoOption {
        @Option(names = "--demo",
                description = "Run the whole flow against a local fake Okta org started in this process: no real org"
                        + " is contacted. Writes a Password Health Report CSV for it to a temporary folder, runs a dry"
                        + " run and then a deletion over it, and prints where the files are.")
        boolean demo;
    }

    @ArgGroup(validate = false, heading = "%nDemo:%n", order = 7)
    DemoOption demoOption = new DemoOption();

    private final Map<String, String> env;
    private final InputStream stdin;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Terminal terminal;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private final Set<String> secrets = new LinkedHashSet<>();
    private final Cancellation cancellation = Cancellation.create();
    private Path workingDirectory = Path.of("");
    private volatile boolean deleting;
    private volatile GuardedBatch running;

    /**
     * A command that reads the token from {@code env}, never from its arguments.
     *
     * @param env the environment variables, such as {@code System.getenv()}
     * @param stdin standard input, read for {@code -}
     * @param out standard output: the summary table
     * @param err standard error: progress, messages, prompts' context
     * @param terminal the terminal, or {@link Terminal#NONE}
     * @throws NullPointerException if an argument is {@code null}
     */
    public BulkDeleteCommand(Map<String, String> env, InputStream stdin, PrintWriter out, PrintWriter err,
            Terminal terminal) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.stdin = Objects.requireNonNull(stdin, "stdin");
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.terminal = Objects.requireNonNull(terminal, "terminal");
    }

    /**
     * The clock and the sleeper of the deleter and the progress display; tests inject a fake clock and a sleeper that
     * advances it, so that retries take no real time.
     *
     * @param clock the clock
     * @param sleeper the sleeper
     * @return this command
     */
    BulkDeleteCommand withTime(Clock clock, Sleeper sleeper) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        return this;
    }

    /**
     * The folder of a journal written without {@code --journal} and without {@code --report}; tests pass a temporary
     * folder. Default: the working directory.
     *
     * @param folder the folder
     * @return this command
     */
    BulkDeleteCommand withWorkingDirectory(Path folder) {
        this.workingDirectory = Objects.requireNonNull(folder, "folder");
        return this;
    }

    /**
     * A picocli command line for this command, writing to its standard output and error, with the exit statuses of
     * {@link ExitStatus}.
     *
     * @return the command line; {@code execute(args)} runs the command and returns its exit status
     */
    public CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(this);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExitCodeExceptionMapper(e -> ExitStatus.USAGE);
        commandLine.setParameterExceptionHandler((e, args) -> {
            err.println("okta-bulk-delete: " + redact(e.getMessage()));
            err.println("Run 'okta-bulk-delete --help' for the options.");
            err.flush();
            return ExitStatus.USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            err.println("okta-bulk-delete: unexpected failure: " + redact(String.valueOf(e)));
            err.flush();
            return ExitStatus.STOPPED;
        });
        return commandLine;
    }

    /**
     * Whether a batch is running, or its journal and report are being finished: {@link #cancel(String)} then stops
     * it cleanly, and {@link Main} waits for the command instead of exiting at once.
     *
     * @return whether the command is inside a pass
     */
    boolean isDeleting() {
        return deleting;
    }

    /**
     * How long the logins in flight may take to finish once the run is stopped: {@code --grace-period}.
     *
     * @return the grace period
     */
    Duration gracePeriod() {
        return journal.gracePeriod;
    }

    /**
     * Stops the run from another thread, as Ctrl-C does: a running batch starts no new login, lets the logins in
     * flight finish within the grace period and reports the others as not attempted; a batch not yet started never
     * starts. The exit status is then 3.
     *
     * @param reason why, for the messages and the report
     */
    void cancel(String reason) {
        cancellation.cancel(reason);
        GuardedBatch batch = running;
        if (batch != null) {
            batch.wake();
        }
    }

    /** The org could not be reached or refused the credentials before anything was asked of it: exit status 3. */
    private static final class ConnectionFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConnectionFailedException(String message) {
            super(message);
        }
    }

    /** A usage or configuration error: exit status 2, nothing changed. */
    private static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    @Override
    public Integer call() {
        try {
            return run();
        } catch (UsageException e) {
            err.println("okta-bulk-delete: " + redact(e.getMessage()));
            err.println("Run 'okta-bulk-delete --help' for the options. Nothing was changed.");
            return ExitStatus.USAGE;
        } catch (InvalidLoginFileException e) {
            err.println("okta-bulk-delete: " + redact(e.getMessage()));
            err.println("Nothing was changed.");
            return ExitStatus.USAGE;
        } catch (ConnectionFailedException e) {
            err.println("okta-bulk-delete: " + redact(e.getMessage()));
            err.println("Nothing was changed.");
            return ExitStatus.STOPPED;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * What a resumed run found in its journal.
     *
     * @param contents the journal as read before this run
     * @param finished the input's logins with a final outcome there, left alone
     * @param remaining the input's logins to do
     * @param finishedByKind {@code finished} by outcome kind
     */
    private record Resume(JournalContents contents, long finished, long remaining,
            Map<OutcomeKind, Long> finishedByKind) {
    }

    private int run() {
        List<String> inputFiles = new ArrayList<>(input.csv);
        inputFiles.addAll(files);
        checkUsage(inputFiles);
        checkOutputsAreNotInputs(inputFiles);
        if (demoOption.demo) {
            return new Demo(out, err, terminal, output.noProgress, clock, sleeper).run();
        }
        if (journal.maxDuration != null) {
            cancellation.cancelAt(clock.instant().plus(journal.maxDuration));
        }
        Set<String> protect = protectedLogins();
        LoginInputs inputs;
        try {
            inputs = LoginInputs.open(inputFiles, input.logins, input.column, stdin);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        } catch (UncheckedIOException e) {
            throw new UsageException("cannot read the input: " + e.getCause().getMessage());
        }
        try (inputs) {
            err.println("okta-bulk-delete: " + (safety.execute ? "delete (--execute)"
                    : "dry run: nothing will be changed (add --execute to delete)"));
            for (String description : inputs.descriptions()) {
                err.println("  input: " + description);
            }
            checkReportWritable();
            Path journalFile = journalFile();
            checkJournalUsable(journalFile);
            Resume resume = journal.resume ? resume(journalFile, inputs) : null;
            Iterable<String> todo = resume == null ? inputs : resume.contents().remaining(inputs);
            long total = resume == null ? inputs.total() : resume.remaining();
            if (journalFile != null) {
                err.println("  journal: " + journalFile.toAbsolutePath() + (resume != null ? " (resumed)"
                        : journal.file == null ? " (to resume if the run stops: --journal "
                        + journalFile.toAbsolutePath() + " --resume)" : ""));
            }
            if (total == 0) {
                if (resume != null) {
                    err.println("Nothing left to do: every login of the input has a final outcome in the journal.");
                    writeReportOfEarlierRuns(resume);
                    return ExitStatus.OK;
                }
                err.println("Nothing to do: the input holds no logins.");
                return ExitStatus.OK;
            }
            Connected connected = connect();
            try {
                err.println("  org:   " + connected.orgUrl() + " (" + connected.credentials() + ")");
                if (!protect.isEmpty()) {
                    err.println("  protected: " + LoginInputs.plural(protect.size(), "login or id")
                            + ", never touched");
                }
                err.println("  pace:  " + describePace());
                if (journal.maxDuration != null) {
                    err.println("  stops: after " + DurationConverter.format(journal.maxDuration) + " (at "
                            + cancellation.deadline().orElseThrow() + "), with a grace period of "
                            + DurationConverter.format(journal.gracePeriod) + " for the logins in flight");
                }
                checkSameOrg(resume, connected);
                return safety.execute ? deleteUsers(connected, inputs, todo, total, protect, journalFile, resume)
                        : dryRun(connected, todo, total, protect, journalFile, resume);
            } finally {
                OktaClients.close(connected.client());
            }
        }
    }

    private void checkUsage(List<String> inputFiles) {
        boolean anyInput = !inputFiles.isEmpty() || !input.logins.isEmpty();
        if (demoOption.demo) {
            if (anyInput || safety.execute || connection.orgUrl != null || output.report != null
                    || connection.clientId != null || !safety.protect.isEmpty() || journal.file != null
                    || journal.resume) {
                throw new UsageException("--demo runs on its own, against a local fake org: it takes no input,"
                        + " connection, --execute, --report or --journal option");
            }
            return;
        }
        if (!anyInput) {
            throw new UsageException("no logins: give --csv FILE (the Okta Password Health Report or any CSV of"
                    + " logins), --login LOGIN, or - to read standard input; or try --demo");
        }
        if (pace.requestsPerMinute != null && (pace.requestsPerMinute < 1 || pace.requestsPerMinute > 1_000_000)) {
            throw new UsageException("--requests-per-minute must be from 1 to 1000000, was "
                    + pace.requestsPerMinute);
        }
        if (pace.concurrency < 1 || pace.concurrency > 75) {
            throw new UsageException("--concurrency must be from 1 to 75 (Okta's limit per org), was "
                    + pace.concurrency);
        }
        if (pace.maxShare != null && !pace.adaptive) {
            throw new UsageException("--max-share applies to --adaptive pacing only; add --adaptive, or use"
                    + " --requests-per-minute for a fixed rate");
        }
        if (pace.maxShare != null && !(pace.maxShare > 0 && pace.maxShare <= 1)) {
            throw new UsageException("--max-share must be more than 0 and at most 1 (0.8 = 80% of each bucket), was "
                    + pace.maxShare);
        }
        if (safety.maxDeletions != null && safety.maxDeletions < 0) {
            throw new UsageException("--max-deletions must not be negative, was " + safety.maxDeletions);
        }
        if (output.report != null && ReportWriter.formatOf(output.report).isEmpty()) {
            throw new UsageException("--report must name a .csv or .jsonl file, was " + output.report);
        }
        if (journal.resume && journal.file == null) {
            throw new UsageException("--resume needs --journal FILE: the journal of the run to continue (its path"
                    + " was printed when that run started)");
        }
        if (journal.maxDuration != null && journal.maxDuration.isZero()) {
            throw new UsageException("--max-duration must be more than 0, such as 90m or 2h");
        }
        if (journal.gracePeriod.compareTo(Duration.ofDays(1)) > 0) {
            throw new UsageException("--grace-period must be at most 24h, was "
                    + DurationConverter.format(journal.gracePeriod));
        }
        if ((connection.clientId == null) != (connection.privateKey == null)) {
            throw new UsageException("OAuth 2.0 needs both --client-id and --private-key");
        }
        if (connection.clientId != null && !DEFAULT_TOKEN_ENV.equals(connection.tokenEnv)) {
            throw new UsageException("use either an API token (--token-env) or OAuth 2.0 (--client-id), not both");
        }
        if (safety.execute && !safety.yes && !terminal.isInteractive()) {
            throw new UsageException("--execute needs --yes when there is no terminal to confirm on (standard input"
                    + " or output is redirected)");
        }
    }

    /** The report and the journal must not overwrite an input, nor each other. */
    private void checkOutputsAreNotInputs(List<String> inputFiles) {
        List<Path> inputs = new ArrayList<>(safety.protectFiles);
        inputFiles.stream().filter(f -> !LoginInputs.STDIN.equals(f)).map(Path::of).forEach(inputs::add);
        if (output.report != null) {
            for (Path input : inputs) {
                if (sameFile(input, output.report)) {
                    throw new UsageException("--report " + output.report + " is also an input: it would be"
                            + " overwritten");
                }
            }
        }
        if (journal.file != null) {
            for (Path input : inputs) {
                if (sameFile(input, journal.file)) {
                    throw new UsageException("--journal " + journal.file + " is also an input: name a file of its"
                            + " own for the journal");
                }
            }
            if (output.report != null && sameFile(output.report, journal.file)) {
                throw new UsageException("--journal and --report name the same file, " + journal.file + ": the"
                        + " report would overwrite the journal");
            }
        }
    }

    private static boolean sameFile(Path a, Path b) {
        boolean same = a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        try {
            same |= Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            // cannot tell: each file is checked when it is opened
        }
        return same;
    }

    private Set<String> protectedLogins() {
        Set<String> protect = new LinkedHashSet<>();
        for (String login : safety.protect) {
            if (login.isBlank()) {
                throw new UsageException("--protect must not be blank");
            }
            protect.add(login.strip());
        }
        for (Path file : safety.protectFiles) {
            LoginSource source = LoginSource.of(file);
            source.validate();
            boolean[] any = {false};
            source.forEach(login -> {
                any[0] = true;
                protect.add(login);
            });
            if (!any[0]) {
                throw new UsageException("--protect-file " + file + " holds no login, so it would protect nobody: "
                        + "put the logins to protect in it, one per line or in a login column, or leave the option "
                        + "out. Nothing was changed.");
            }
        }
        return protect;
    }

    private void checkReportWritable() {
        Path report = output.report;
        if (report == null) {
            return;
        }
        Path parent = report.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new UsageException("--report: the folder " + parent + " does not exist");
        }
        if (Files.isDirectory(report)) {
            throw new UsageException("--report: " + report + " is a folder");
        }
    }

    /**
     * The journal of this run: {@code --journal}; without it, for {@code --execute}, a new file named after the time
     * in the folder of the report or the working folder; for a dry run without it, none.
     */
    private Path journalFile() {
        if (journal.file != null) {
            return journal.file;
        }
        if (!safety.execute) {
            return null;
        }
        Path folder = output.report != null && output.report.toAbsolutePath().getParent() != null
                ? output.report.toAbsolutePath().getParent() : workingDirectory.toAbsolutePath();
        String stem = "okta-bulk-delete-" + JOURNAL_TIME.format(clock.instant());
        Path file = folder.resolve(stem + ".journal.jsonl");
        for (int n = 2; Files.exists(file); n++) {
            file = folder.resolve(stem + "-" + n + ".journal.jsonl");
        }
        return file;
    }

    private void checkJournalUsable(Path file) {
        if (file == null) {
            return;
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new UsageException("--journal: the folder " + parent + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new UsageException("--journal: " + file + " is a folder");
        }
        boolean exists = Files.exists(file);
        if (journal.resume && !exists) {
            throw new UsageException("--resume: the journal " + file + " does not exist. Name the journal of the run"
                    + " to continue (its path was printed when that run started), or leave out --resume to start a"
                    + " new run");
        }
        long size;
        try {
            size = exists ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UsageException("--journal: cannot read " + file + ": " + e.getMessage());
        }
        if (!journal.resume && size > 0) {
            throw new UsageException("--journal " + file + " already holds a journal: add --resume to continue that"
                    + " run (the logins it finished are left alone), or name a new file");
        }
    }

    /** Reads the journal to resume and counts what of the input it finished. */
    private Resume resume(Path file, LoginInputs inputs) {
        JournalContents contents;
        try {
            contents = DeletionJournal.read(file);
        } catch (InvalidJournalException e) {
            throw new UsageException("--resume: " + e.getMessage());
        } catch (NoSuchFileException e) {
            throw new UsageException("--resume: the journal " + file + " does not exist");
        } catch (IOException e) {
            throw new UsageException("--resume: cannot read the journal " + file + ": " + e.getMessage());
        }
        for (String torn : contents.tornRecords()) {
            err.println("  journal: note: " + torn);
        }
        long finished = 0;
        long remaining = 0;
        Map<OutcomeKind, Long> byKind = new EnumMap<>(OutcomeKind.class);
        for (String login : inputs) {
            DeletionOutcome outcome = login == null ? null : contents.outcome(login).orElse(null);
            if (outcome != null && JournalContents.isFinal(outcome)) {
                finished++;
                byKind.merge(outcome.kind(), 1L, Long::sum);
            } else {
                remaining++;
            }
        }
        List<String> parts = new ArrayList<>();
        parts.add(byKind.getOrDefault(OutcomeKind.DELETED, 0L) + " deleted");
        parts.add(byKind.getOrDefault(OutcomeKind.NOT_FOUND, 0L) + " not found");
        parts.add(byKind.getOrDefault(OutcomeKind.SKIPPED, 0L) + " skipped");
        err.println("  resume: " + LoginInputs.plural(contents.runs().size(), "earlier run") + " in the journal; "
                + finished + " of the " + LoginInputs.plural(finished + remaining, "login") + " of the input"
                + " finished (" + String.join(", ", parts) + "), left alone; " + remaining + " to do, including any"
                + " in flight when the last run stopped");
        return new Resume(contents, finished, remaining, byKind);
    }

    /** Refuses to resume a journal of another org: its finished logins say nothing about this one. */
    private void checkSameOrg(Resume resume, Connected connected) {
        if (resume == null || resume.contents().runs().isEmpty()) {
            return;
        }
        String journalOrg = resume.contents().runs().get(resume.contents().runs().size() - 1).orgUrl();
        String thisOrg = new JournalHeader(clock.instant(), connected.orgUrl(), Map.of(), null).orgUrl();
        if (journalOrg != null && thisOrg != null && !comparableUrl(journalOrg).equals(comparableUrl(thisOrg))) {
            throw new UsageException("--resume: the journal " + resume.contents().file() + " records a run against "
                    + journalOrg + ", not " + thisOrg + ": resume against the same org, or start a new journal");
        }
    }

    private static String comparableUrl(String url) {
        String u = url.strip().toLowerCase(Locale.ROOT);
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }

    private String describePace() {
        if (pace.adaptive) {
            return "adaptive, by the rate limits in the org's X-Rate-Limit headers"
                    + (pace.maxShare == null ? "" : String.format(Locale.ROOT, ", up to %.0f%% of each bucket",
                    pace.maxShare * 100))
                    + (pace.requestsPerMinute == null ? "" : ", at most " + pace.requestsPerMinute
                    + " requests a minute") + ", at most " + pace.concurrency + " at a time";
        }
        return "at most " + requestsPerMinute() + " requests a minute, " + pace.concurrency + " at a time";
    }

    private int requestsPerMinute() {
        return pace.requestsPerMinute == null ? DEFAULT_REQUESTS_PER_MINUTE : pace.requestsPerMinute;
    }

    /** A client, with where it points and how it authenticates, for messages. */
    private record Connected(ApiClient client, String orgUrl, String credentials) {
    }

    private Connected connect() {
        String orgUrl = connection.orgUrl != null ? connection.orgUrl : env.get("OKTA_CLIENT_ORGURL");
        if (orgUrl != null && orgUrl.strip().regionMatches(true, 0, "http://", 0, 7)
                && !connection.allowInsecureHttp) {
            throw new UsageException((connection.orgUrl != null ? "--org-url" : "OKTA_CLIENT_ORGURL")
                    + " is a plain http:// URL: the API token would be sent unencrypted. Use the org's https:// URL"
                    + " (--allow-insecure-http is for a local fake org only, never for a real org)");
        }
        OktaClients.Builder builder = OktaClients.tuned()
                .connectionPoolSize(pace.concurrency)
                .allowInsecureHttp(connection.allowInsecureHttp);
        if (orgUrl != null && !orgUrl.isBlank()) {
            builder.orgUrl(orgUrl.strip());
        }
        String credentials;
        if (connection.clientId != null) {
            List<String> scopes = connection.scopes != null ? connection.scopes
                    : List.of(safety.execute ? "okta.users.manage" : "okta.users.read");
            rememberPrivateKey(connection.privateKey);
            builder.clientId(connection.clientId).privateKey(connection.privateKey)
                    .scopes(new LinkedHashSet<>(scopes));
            if (connection.keyId != null) {
                builder.keyId(connection.keyId);
            }
            credentials = "OAuth 2.0 client " + connection.clientId + ", scopes " + String.join(" ", scopes);
        } else {
            String name = connection.tokenEnv;
            String token = env.get(name);
            if (token != null && !token.isBlank()) {
                secrets.add(token.strip());
                builder.apiToken(token.strip());
                credentials = "API token from $" + name;
            } else if (connection.orgUrl != null || !DEFAULT_TOKEN_ENV.equals(name)) {
                builder.apiToken(promptForToken(name, orgUrl));
                credentials = "API token typed at the prompt";
            } else {
                credentials = "API token from the Okta SDK's configuration";
            }
        }
        ApiClient client;
        try {
            client = builder.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new UsageException("cannot set up the Okta client: " + e.getMessage() + " (use --org-url with"
                    + " $" + connection.tokenEnv + ", set OKTA_CLIENT_ORGURL and OKTA_CLIENT_TOKEN, or write"
                    + " ~/.okta/okta.yaml)");
        } catch (RuntimeException e) {
            // OAuth 2.0 asks the org for an access token as the client is built: the org is unreachable or said no
            throw new ConnectionFailedException("could not connect to the org (" + credentials + "): "
                    + e.getMessage());
        }
        return new Connected(client, client.getBasePath(), credentials);
    }

    /** The lines of a private key are secrets too: no message of this command may show them. */
    private void rememberPrivateKey(Path file) {
        try {
            for (String line : Files.readAllLines(file)) {
                String value = line.strip();
                if (value.length() >= 16 && !value.startsWith("-----")) {
                    secrets.add(value);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // the SDK reports an unreadable key when it loads it
        }
    }

    private String promptForToken(String envName, String orgUrl) {
        if (!terminal.isInteractive()) {
            throw new UsageException("no API token: the environment variable " + envName + " is not set, and there"
                    + " is no terminal to type it on. Set " + envName + " (a token is never accepted as an"
                    + " argument: other users can read arguments with ps)");
        }
        char[] typed = terminal.readPassword("Okta API token for " + orgUrl + " (typing is hidden): ");
        if (typed == null) {
            throw new UsageException("no API token was typed");
        }
        String token = new String(typed).strip();
        Arrays.fill(typed, '\0');
        if (token.isEmpty()) {
            throw new UsageException("no API token was typed");
        }
        secrets.add(token);
        return token;
    }

    private int dryRun(Connected connected, Iterable<String> todo, long total, Set<String> protect, Path journalFile,
            Resume resume) {
        PassResult check = pass(connected, todo, total, protect, true, Long.MAX_VALUE, "Checking (dry run)",
                journalFile, resume);
        check.printTable(out, output.report, journalFile, resume == null ? 0 : resume.finished());
        if (check.summary().stop().isPresent()) {
            return stopped(check.summary().stop().get(), journalFile);
        }
        Long max = safety.maxDeletions;
        if (max != null && check.wouldDelete() > max) {
            err.println("Note: " + LoginInputs.plural(check.wouldDelete(), "user") + " would be deleted, more than"
                    + " --max-deletions " + max + ": a run with --execute would refuse to start.");
        } else if (check.wouldDelete() > 0) {
            err.println("To delete " + (check.wouldDelete() == 1 ? "this user" : "these users")
                    + ", run the same command with --execute.");
        }
        return check.summary().counts().failed() > 0 ? ExitStatus.FAILED : ExitStatus.OK;
    }

    private int deleteUsers(Connected connected, LoginInputs inputs, Iterable<String> todo, long total,
            Set<String> protect, Path journalFile, Resume resume) {
        long earlier = resume == null ? 0 : resume.finished();
        PassResult check = pass(connected, todo, total, protect, true, Long.MAX_VALUE, "Checking", null, resume);
        if (check.summary().stop().isPresent()) {
            check.printTable(out, output.report, null, earlier);
            return stopped(check.summary().stop().get(), null);
        }
        long wouldDelete = check.wouldDelete();
        long unchecked = check.lookupFailures();
        BulkDeleteSummary checked = check.summary();
        err.println("Checked " + LoginInputs.plural(checked.counts().total(), "login") + ": "
                + wouldDelete + " to delete, " + checked.counts().notFound() + " not found, "
                + (checked.counts().skipped() - wouldDelete) + " skipped, " + unchecked + " could not be looked up.");
        if (wouldDelete + unchecked == 0) {
            check.printTable(out, output.report, null, earlier);
            err.println("Nothing to delete.");
            return ExitStatus.OK;
        }
        Long max = safety.maxDeletions;
        if (max != null && wouldDelete > max) {
            check.printTable(out, output.report, null, earlier);
            err.println("Stopped before deleting anything: " + LoginInputs.plural(wouldDelete, "user")
                    + " would be deleted, more than --max-deletions " + max + ". Narrow the input or raise"
                    + " --max-deletions" + (output.report == null ? "." : "; the report lists them."));
            return ExitStatus.STOPPED;
        }
        String question = "Delete " + LoginInputs.plural(wouldDelete, "user") + " from " + connected.orgUrl()
                + (unchecked == 0 ? "" : " (and up to " + unchecked + " more whose lookup failed, tried again)")
                + "? This cannot be undone.";
        if (safety.yes) {
            err.println(question + " Confirmed by --yes.");
        } else {
            String answer = terminal.readLine(question + " Type yes to continue: ");
            if (answer == null || !answer.strip().equalsIgnoreCase("yes")) {
                err.println("Not confirmed: nothing was deleted."
                        + (output.report == null ? "" : " The report lists what would have been done: "
                        + output.report.toAbsolutePath()));
                return ExitStatus.STOPPED;
            }
        }
        if (Thread.interrupted() || cancellation.isCancelled()) {
            err.println("Interrupted: nothing was deleted.");
            return ExitStatus.STOPPED;
        }
        String changed = inputs.changedFile();
        if (changed != null) {
            err.println("okta-bulk-delete: " + changed + " changed after it was checked: nothing was deleted. Run"
                    + " again to check it anew.");
            return ExitStatus.USAGE;
        }
        // never more than were counted and confirmed, nor more than --max-deletions
        long cap = Math.min(max == null ? Long.MAX_VALUE : max, wouldDelete + unchecked);
        PassResult run = pass(connected, todo, total, protect, false, cap, "Deleting", journalFile, resume);
        run.printTable(out, output.report, journalFile, earlier);
        if (run.summary().stop().isPresent()) {
            return stopped(run.summary().stop().get(), journalFile);
        }
        if (run.summary().counts().failed() > 0) {
            resumeHint(journalFile, "To try the failed logins again");
            return ExitStatus.FAILED;
        }
        return ExitStatus.OK;
    }

    private int stopped(BatchStop stop, Path journalFile) {
        err.println("Stopped: " + redact(stop.message()));
        resumeHint(journalFile, "To finish the run");
        return ExitStatus.STOPPED;
    }

    private void resumeHint(Path journalFile, String what) {
        if (journalFile != null && safety.execute) {
            err.println(what + ", run the same command with --journal " + journalFile.toAbsolutePath()
                    + " --resume: the logins the journal shows as finished are left alone.");
        }
    }

    private PassResult pass(Connected connected, Iterable<String> logins, long total, Set<String> protect,
            boolean dryRun, long maxDeletions, String label, Path journalFile, Resume resume) {
        ProgressMeter.Mode mode = output.noProgress ? ProgressMeter.Mode.OFF
                : terminal.isErrorTerminal() ? ProgressMeter.Mode.BAR : ProgressMeter.Mode.LINES;
        ProgressMeter progress = new ProgressMeter(err, mode, clock, label, total, dryRun);
        GuardedBatch batch = new GuardedBatch(cancellation, clock, journal.gracePeriod);
        BulkUserDeleter.Builder builder = BulkUserDeleter.builder(connected.client())
                .maxConcurrency(pace.concurrency)
                .protectedLogins(protect)
                .dryRun(dryRun)
                .verifyDeletions(!pace.noVerify)
                .listener(batch.listening(progress))
                .clock(clock)
                .sleeper(sleeper);
        if (pace.adaptive) {
            builder.adaptivePacing(true);
            if (pace.maxShare != null) {
                builder.maxShareOfLimit(pace.maxShare);
            }
            if (pace.requestsPerMinute != null) {
                builder.requestsPerMinute(pace.requestsPerMinute); // a hard cap on top of the learned limits
            }
        } else {
            builder.adaptivePacing(false); // the library's default on a tuned client is adaptive since issue 10
            builder.requestsPerMinute(requestsPerMinute());
        }
        if (maxDeletions != Long.MAX_VALUE) {
            builder.maxDeletions(maxDeletions);
        }
        BulkUserDeleter deleter = builder.build();
        PassResult.Tally tally = new PassResult.Tally();
        DeletionJournal journalWriter = null;
        ReportWriter report = null;
        GuardedBatch.Finished finished;
        deleting = true;
        try {
            journalWriter = journalFile == null ? null : openJournal(journalFile, connected, dryRun, total);
            report = openReport(resume);
            finished = runBatch(batch, deleter, logins, pipeline(journalWriter, tally, report));
        } finally {
            closeJournal(journalWriter);
            closeReport(report);
            progress.finish();
            deleting = false;
        }
        List<String> abandoned = finished.abandonedInFlight();
        if (!abandoned.isEmpty()) {
            err.println("The grace period of " + DurationConverter.format(journal.gracePeriod) + " ended with "
                    + LoginInputs.plural(abandoned.size(), "login") + " still in flight: "
                    + String.join(", ", abandoned.subList(0, Math.min(20, abandoned.size())))
                    + (abandoned.size() > 20 ? ", ..." : "") + ". Their outcome is unknown (reported not attempted);"
                    + " a run with --resume looks them up again.");
        }
        return new PassResult(dryRun, finished.summary(), tally, progress.retries());
    }

    private GuardedBatch.Finished runBatch(GuardedBatch batch, BulkUserDeleter deleter, Iterable<String> logins,
            Consumer<DeletionOutcome> pipeline) {
        running = batch;
        try {
            return batch.run(deleter, logins, pipeline);
        } finally {
            running = null;
        }
    }

    /**
     * Each outcome goes to the journal first (on disk before the report row, and before the worker starts its next
     * login), then to the counts and the report. Logins never attempted are not journaled: a resumed run does every
     * login without a final record anyway, and forcing thousands of them to disk one by one would hold up a stop.
     */
    private static Consumer<DeletionOutcome> pipeline(DeletionJournal journalWriter, PassResult.Tally tally,
            ReportWriter report) {
        return outcome -> {
            if (journalWriter != null && !(outcome instanceof DeletionOutcome.NotAttempted)) {
                journalWriter.record(outcome);
            }
            tally.accept(outcome);
            if (report != null) {
                report.writeUnchecked(ReportRow.of(outcome));
            }
        };
    }

    private DeletionJournal openJournal(Path file, Connected connected, boolean dryRun, long total) {
        try {
            return DeletionJournal.open(file, journalHeader(connected, dryRun, total), clock);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new UsageException("--journal " + file + ": " + e.getReason());
        } catch (IOException e) {
            throw new UsageException("--journal: cannot write " + file + ": " + e.getMessage());
        }
    }

    /** The run record: where, what and how, never a credential. */
    private JournalHeader journalHeader(Connected connected, boolean dryRun, long total) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("mode", dryRun ? "dry-run" : "execute");
        options.put("resume", Boolean.toString(journal.resume));
        List<String> inputs = new ArrayList<>(input.csv);
        inputs.addAll(files);
        if (!input.logins.isEmpty()) {
            inputs.add(LoginInputs.plural(input.logins.size(), "--login value"));
        }
        options.put("inputs", String.join(", ", inputs));
        options.put("logins", Long.toString(total));
        options.put("pace", pace.adaptive ? "adaptive" : "fixed");
        if (!pace.adaptive || pace.requestsPerMinute != null) {
            options.put("requestsPerMinute", Integer.toString(requestsPerMinute()));
        }
        if (pace.maxShare != null) {
            options.put("maxShare", Double.toString(pace.maxShare));
        }
        options.put("concurrency", Integer.toString(pace.concurrency));
        if (safety.maxDeletions != null) {
            options.put("maxDeletions", Long.toString(safety.maxDeletions));
        }
        if (journal.maxDuration != null) {
            options.put("maxDuration", journal.maxDuration.toString());
        }
        options.put("gracePeriod", journal.gracePeriod.toString());
        options.put("protected", Integer.toString(safety.protect.size() + safety.protectFiles.size()));
        return new JournalHeader(clock.instant(), connected.orgUrl(), options, Version.implementationVersion());
    }

    private void closeJournal(DeletionJournal journalWriter) {
        if (journalWriter != null) {
            try {
                journalWriter.close();
            } catch (IOException e) {
                err.println("okta-bulk-delete: closing the journal failed: " + e.getMessage());
            }
        }
    }

    /** Opens the report; a resumed run's starts with the logins that earlier runs finished, as the journal has them. */
    private ReportWriter openReport(Resume resume) {
        if (output.report == null) {
            return null;
        }
        ReportWriter report = null;
        try {
            report = ReportWriter.open(output.report);
            if (resume != null) {
                for (DeletionOutcome outcome : resume.contents().outcomes()) {
                    if (JournalContents.isFinal(outcome)) {
                        report.write(ReportRow.of(outcome));
                    }
                }
            }
            return report;
        } catch (IOException e) {
            closeReport(report);
            throw new UsageException("--report: cannot write " + output.report + ": " + e.getMessage());
        }
    }

    private void writeReportOfEarlierRuns(Resume resume) {
        closeReport(openReport(resume));
        if (output.report != null) {
            out.println("  report: " + output.report.toAbsolutePath());
        }
    }

    private void closeReport(ReportWriter report) {
        if (report != null) {
            try {
                report.close();
            } catch (IOException e) {
                err.println("okta-bulk-delete: closing the report failed: " + e.getMessage());
            }
        }
    }

    private String redact(String text) {
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, "****");
        }
        return result;
    }

    /** The version, from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {

        /** @return the version in the jar's manifest, or {@code null} in a development build */
        static String implementationVersion() {
            return BulkDeleteCommand.class.getPackage().getImplementationVersion();
        }

        @Override
        public String[] getVersion() {
            String version = implementationVersion();
            return new String[] {"okta-bulk-delete " + (version == null ? "(development build)" : version),
                "Java " + System.getProperty("java.version") + ", " + System.getProperty("os.name", "")
                        .toLowerCase(Locale.ROOT)};
        }
    }
}

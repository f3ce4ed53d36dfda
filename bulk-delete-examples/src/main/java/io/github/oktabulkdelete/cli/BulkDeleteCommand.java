package io.github.oktabulkdelete.cli;

import com.okta.sdk.resource.client.ApiClient;
import io.github.oktabulkdelete.BatchStop;
import io.github.oktabulkdelete.BulkDeleteSummary;
import io.github.oktabulkdelete.BulkUserDeleter;
import io.github.oktabulkdelete.Cancellation;
import io.github.oktabulkdelete.InvalidLoginFileException;
import io.github.oktabulkdelete.LoginSource;
import io.github.oktabulkdelete.OktaClients;
import io.github.oktabulkdelete.Sleeper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
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
                + " prompt. A token is never accepted as an argument: other users can read arguments with ps."},
        parameterListHeading = "%nFiles:%n",
        optionListHeading = "%nGeneral:%n",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:no login failed (dry run, or every login deleted, not found or skipped on purpose)",
            "1:at least one login failed; the report says which and why",
            "2:bad usage or input (nothing was changed), including --execute without --yes when there is no"
                + " terminal to confirm on",
            "3:the run was stopped: authentication or permission failure, --max-deletions, confirmation declined,"
                + " interrupt; the logins not attempted can be run again safely"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  okta-bulk-delete --demo",
            "  okta-bulk-delete --csv report.csv",
            "  okta-bulk-delete --csv report.csv --execute --report out.csv",
            "  okta-bulk-delete - --execute --yes --max-deletions 500 < logins.txt"})
public final class BulkDeleteCommand implements Callable<Integer> {

    /** Default pace: 240 requests a minute, under the default 50% token share of a 600/min Workforce bucket. */
    static final int DEFAULT_REQUESTS_PER_MINUTE = 240;
    /** Default concurrency: 4 requests in flight, far under Okta's 75 per org. */
    static final int DEFAULT_CONCURRENCY = 4;
    static final String DEFAULT_TOKEN_ENV = "OKTA_CLIENT_TOKEN";

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
                description = "At most N requests a minute, all kinds together, evenly spaced (default:"
                        + " ${DEFAULT-VALUE}). A token may use 50%% of each rate-limit bucket by default, 300 of the"
                        + " 600 DELETE a minute of a Workforce org; ${DEFAULT-VALUE} stays under it with room for"
                        + " other clients. Each user takes 2 to 3 requests. Raise it only if your token's share is"
                        + " higher; 429 answers are waited out and retried anyway.")
        int requestsPerMinute = DEFAULT_REQUESTS_PER_MINUTE;

        @Option(names = "--concurrency", paramLabel = "N",
                description = "At most N requests in flight (default: ${DEFAULT-VALUE}; 1 to 75). Okta allows 75 at"
                        + " once per org, shared with every other client of the org.")
        int concurrency = DEFAULT_CONCURRENCY;
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

    /** The demo option. */
    static final class DemoOption {
        @Option(names = "--demo",
                description = "Run the whole flow against a local fake Okta org started in this process: no real org"
                        + " is contacted. Writes a Password Health Report CSV for it to a temporary folder, runs a dry"
                        + " run and then a deletion over it, and prints where the files are.")
        boolean demo;
    }

    @ArgGroup(validate = false, heading = "%nDemo:%n", order = 6)
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
    private volatile boolean deleting;

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

    /** @return whether a batch is running now ({@link #cancel(String)} then stops it cleanly) */
    boolean isDeleting() {
        return deleting;
    }

    /**
     * Stops the run from another thread, as Ctrl-C does: a running batch starts no new login, lets the logins in
     * flight finish and reports the others as not attempted; a batch not yet started never starts. The exit status
     * is then 3.
     *
     * @param reason why, for the messages and the report
     */
    void cancel(String reason) {
        cancellation.cancel(reason);
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
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int run() {
        List<String> inputFiles = new ArrayList<>(input.csv);
        inputFiles.addAll(files);
        checkUsage(inputFiles);
        checkReportIsNotAnInput(inputFiles);
        if (demoOption.demo) {
            return new Demo(out, err, terminal, output.noProgress, clock, sleeper).run();
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
            if (inputs.total() == 0) {
                err.println("Nothing to do: the input holds no logins.");
                return ExitStatus.OK;
            }
            checkReportWritable();
            Connected connected = connect();
            try {
                err.println("  org:   " + connected.orgUrl() + " (" + connected.credentials() + ")");
                if (!protect.isEmpty()) {
                    err.println("  protected: " + LoginInputs.plural(protect.size(), "login or id")
                            + ", never touched");
                }
                err.println("  pace:  at most " + pace.requestsPerMinute + " requests a minute, "
                        + pace.concurrency + " at a time");
                return safety.execute ? deleteUsers(connected, inputs, protect) : dryRun(connected, inputs, protect);
            } finally {
                OktaClients.close(connected.client());
            }
        }
    }

    private void checkUsage(List<String> inputFiles) {
        boolean anyInput = !inputFiles.isEmpty() || !input.logins.isEmpty();
        if (demoOption.demo) {
            if (anyInput || safety.execute || connection.orgUrl != null || output.report != null
                    || connection.clientId != null || !safety.protect.isEmpty()) {
                throw new UsageException("--demo runs on its own, against a local fake org: it takes no input,"
                        + " connection, --execute or --report option");
            }
            return;
        }
        if (!anyInput) {
            throw new UsageException("no logins: give --csv FILE (the Okta Password Health Report or any CSV of"
                    + " logins), --login LOGIN, or - to read standard input; or try --demo");
        }
        if (pace.requestsPerMinute < 1 || pace.requestsPerMinute > 1_000_000) {
            throw new UsageException("--requests-per-minute must be from 1 to 1000000, was "
                    + pace.requestsPerMinute);
        }
        if (pace.concurrency < 1 || pace.concurrency > 75) {
            throw new UsageException("--concurrency must be from 1 to 75 (Okta's limit per org), was "
                    + pace.concurrency);
        }
        if (safety.maxDeletions != null && safety.maxDeletions < 0) {
            throw new UsageException("--max-deletions must not be negative, was " + safety.maxDeletions);
        }
        if (output.report != null && ReportWriter.formatOf(output.report).isEmpty()) {
            throw new UsageException("--report must name a .csv or .jsonl file, was " + output.report);
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

    private void checkReportIsNotAnInput(List<String> inputFiles) {
        if (output.report == null) {
            return;
        }
        List<Path> inputs = new ArrayList<>(safety.protectFiles);
        inputFiles.stream().filter(f -> !LoginInputs.STDIN.equals(f)).map(Path::of).forEach(inputs::add);
        Path report = output.report.toAbsolutePath().normalize();
        for (Path input : inputs) {
            boolean same = input.toAbsolutePath().normalize().equals(report);
            try {
                same |= Files.exists(input) && Files.exists(report) && Files.isSameFile(input, report);
            } catch (IOException e) {
                // cannot tell: the input is checked when it is read
            }
            if (same) {
                throw new UsageException("--report " + output.report + " is also an input: it would be overwritten");
            }
        }
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
            source.forEach(protect::add);
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

    /** A client, with where it points and how it authenticates, for messages. */
    private record Connected(ApiClient client, String orgUrl, String credentials) {
    }

    private Connected connect() {
        String orgUrl = connection.orgUrl != null ? connection.orgUrl : env.get("OKTA_CLIENT_ORGURL");
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
        }
        return new Connected(client, client.getBasePath(), credentials);
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

    private int dryRun(Connected connected, LoginInputs inputs, Set<String> protect) {
        PassResult check = pass(connected, inputs, protect, true, Long.MAX_VALUE, "Checking (dry run)");
        check.printTable(out, output.report);
        if (check.summary().stop().isPresent()) {
            return stopped(check.summary().stop().get());
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

    private int deleteUsers(Connected connected, LoginInputs inputs, Set<String> protect) {
        PassResult check = pass(connected, inputs, protect, true, Long.MAX_VALUE, "Checking");
        if (check.summary().stop().isPresent()) {
            check.printTable(out, output.report);
            return stopped(check.summary().stop().get());
        }
        long wouldDelete = check.wouldDelete();
        long unchecked = check.lookupFailures();
        BulkDeleteSummary checked = check.summary();
        err.println("Checked " + LoginInputs.plural(checked.counts().total(), "login") + ": "
                + wouldDelete + " to delete, " + checked.counts().notFound() + " not found, "
                + (checked.counts().skipped() - wouldDelete) + " skipped, " + unchecked + " could not be looked up.");
        if (wouldDelete + unchecked == 0) {
            check.printTable(out, output.report);
            err.println("Nothing to delete.");
            return ExitStatus.OK;
        }
        Long max = safety.maxDeletions;
        if (max != null && wouldDelete > max) {
            check.printTable(out, output.report);
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
        PassResult run = pass(connected, inputs, protect, false, cap, "Deleting");
        run.printTable(out, output.report);
        if (run.summary().stop().isPresent()) {
            return stopped(run.summary().stop().get());
        }
        return run.summary().counts().failed() > 0 ? ExitStatus.FAILED : ExitStatus.OK;
    }

    private int stopped(BatchStop stop) {
        err.println("Stopped: " + redact(stop.message()));
        return ExitStatus.STOPPED;
    }

    private PassResult pass(Connected connected, LoginInputs inputs, Set<String> protect, boolean dryRun,
            long maxDeletions, String label) {
        ProgressMeter.Mode mode = output.noProgress ? ProgressMeter.Mode.OFF
                : terminal.isErrorTerminal() ? ProgressMeter.Mode.BAR : ProgressMeter.Mode.LINES;
        ProgressMeter progress = new ProgressMeter(err, mode, clock, label, inputs.total(), dryRun);
        BulkUserDeleter.Builder builder = BulkUserDeleter.builder(connected.client())
                .requestsPerMinute(pace.requestsPerMinute)
                .maxConcurrency(pace.concurrency)
                .protectedLogins(protect)
                .dryRun(dryRun)
                .listener(progress)
                .clock(clock)
                .sleeper(sleeper);
        if (maxDeletions != Long.MAX_VALUE) {
            builder.maxDeletions(maxDeletions);
        }
        BulkUserDeleter deleter = builder.build();
        PassResult.Tally tally = new PassResult.Tally();
        ReportWriter report = openReport();
        BulkDeleteSummary summary;
        deleting = true;
        try {
            summary = deleter.deleteAll(inputs, outcome -> {
                tally.accept(outcome);
                if (report != null) {
                    report.writeUnchecked(ReportRow.of(outcome));
                }
            }, cancellation);
        } finally {
            deleting = false;
            closeReport(report);
            progress.finish();
        }
        return new PassResult(dryRun, summary, tally, progress.retries());
    }

    private ReportWriter openReport() {
        if (output.report == null) {
            return null;
        }
        try {
            return ReportWriter.open(output.report);
        } catch (IOException e) {
            throw new UsageException("--report: cannot write " + output.report + ": " + e.getMessage());
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
        @Override
        public String[] getVersion() {
            String version = BulkDeleteCommand.class.getPackage().getImplementationVersion();
            return new String[] {"okta-bulk-delete " + (version == null ? "(development build)" : version),
                "Java " + System.getProperty("java.version") + ", " + System.getProperty("os.name", "")
                        .toLowerCase(Locale.ROOT)};
        }
    }
}

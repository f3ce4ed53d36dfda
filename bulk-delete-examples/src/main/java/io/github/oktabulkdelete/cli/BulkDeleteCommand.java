package io.github.oktabulkdelete.cli;

import io.github.oktabulkdelete.Cancellation;
import io.github.oktabulkdelete.Sleeper;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The {@code okta-bulk-delete} command: deletes the Okta users a CSV names (the Okta Password Health Report, any CSV
 * with a login column, or a plain list), after a dry pass, a count and a confirmation; a dry run by default. It is the
 * top command; subcommands (a future {@code restore}) sit beside its own options.
 *
 * <p>Everything it touches is injected, so that it runs in-process in tests: the environment (where the API token
 * comes from, never the command line), standard input, standard output and error, and the {@link Terminal}. It never
 * calls {@code System.exit}: {@link #commandLine()}{@code .execute(args)} returns the exit status (see
 * {@link ExitStatus}). An instance runs once; it is not thread-safe, except {@link #cancel(String)}.
 *
 * <pre>{@code
 * BulkDeleteCommand command = new BulkDeleteCommand(System.getenv(), System.in,
 *         new PrintWriter(System.out, true), new PrintWriter(System.err, true), Terminal.system());
 * int status = command.commandLine().execute("--csv", "users.csv");   // a dry run
 * }</pre>
 */
@Command(name = "okta-bulk-delete", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true, headerHeading = "%n",
        header = "Delete Okta users in bulk from a CSV: safely, at the org's rate limit, with a report of every login.",
        synopsisHeading = "%nUsage: ",
        customSynopsis = {"okta-bulk-delete [--csv FILE | --login LOGIN | -]... [--execute] [--plan-out FILE]"
            + " [options]", "       okta-bulk-delete --execute --plan FILE [options]",
            "       okta-bulk-delete --demo"},
        descriptionHeading = "%n",
        description = {HelpText.INPUT, "", HelpText.WHAT_IT_DOES, "", HelpText.CONNECTION, "", HelpText.JOURNAL, "",
            HelpText.STOPPING},
        parameterListHeading = "%nFiles:%n", optionListHeading = "%nGeneral:%n",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {HelpText.EXIT_OK, HelpText.EXIT_FAILED, HelpText.EXIT_USAGE, HelpText.EXIT_STOPPED},
        footerHeading = "%nExamples:%n",
        footer = {HelpText.EXAMPLE_1, HelpText.EXAMPLE_2, HelpText.EXAMPLE_3, HelpText.EXAMPLE_4, HelpText.EXAMPLE_5,
            HelpText.EXAMPLE_6, HelpText.EXAMPLE_7})
public final class BulkDeleteCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "0..*",
            description = "Files of logins, as --csv; '-' reads standard input.")
    List<String> files = new ArrayList<>();

    @ArgGroup(validate = false, heading = "Input:%n", order = 1)
    InputOptions input = new InputOptions();

    @ArgGroup(validate = false, heading = "%nConnection:%n", order = 2)
    ConnectionOptions connection = new ConnectionOptions();

    @ArgGroup(validate = false, heading = "%nSafety:%n", order = 3)
    SafetyOptions safety = new SafetyOptions();

    @ArgGroup(validate = false, heading = "%nPace:%n", order = 4)
    PaceOptions pace = new PaceOptions();

    @ArgGroup(validate = false, heading = "%nOutput:%n", order = 5)
    OutputOptions output = new OutputOptions();

    @ArgGroup(validate = false, heading = "%nJournal and stopping:%n", order = 6)
    JournalOptions journal = new JournalOptions();

    @ArgGroup(validate = false, heading = "%nPlan, then apply:%n", order = 7)
    PlanOptions plans = new PlanOptions();

    @ArgGroup(validate = false, heading = "%nDemo:%n", order = 8)
    DemoOption demoOption = new DemoOption();

    private final Map<String, String> env;
    final InputStream stdin;
    final PrintWriter out;
    final PrintWriter err;
    final Terminal terminal;
    final OktaConnection connector;
    Clock clock = Clock.systemUTC();
    Sleeper sleeper = Sleeper.SYSTEM;
    Path workingDirectory = Path.of("");
    final RunControl control = new RunControl();

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
        this.connector = new OktaConnection(this.env, terminal);
    }

    /** Tests inject a fake clock and a sleeper that advances it, so that retries take no real time. */
    BulkDeleteCommand withTime(Clock clock, Sleeper sleeper) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        return this;
    }

    /** The folder of a journal written without {@code --journal} and {@code --report}; default: the working one. */
    BulkDeleteCommand withWorkingDirectory(Path folder) {
        this.workingDirectory = Objects.requireNonNull(folder, "folder");
        return this;
    }

    /**
     * A picocli command line for this command and its subcommands, writing to its standard output and error; every
     * failure is mapped to an exit status in one place, {@link ExitException#report}.
     *
     * @return the command line; {@code execute(args)} runs the command and returns its exit status
     */
    public CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(this);
        // Subcommands: one class each, added here
        commandLine.addSubcommand(new RestoreCommand(env, stdin, out, err, terminal).withTime(clock, sleeper));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExitCodeExceptionMapper(e -> ExitStatus.USAGE);
        commandLine.setParameterExceptionHandler((e, args) -> {
            err.println("okta-bulk-delete: " + connector.redact(e.getMessage()));
            err.println("Run 'okta-bulk-delete --help' for the options.");
            err.flush();
            return ExitStatus.USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            out.flush();
            return ExitException.report(e, err, connector::redact);
        });
        return commandLine;
    }

    /** @return whether a pass is running: {@link Main} then lets {@link #cancel(String)} stop it cleanly */
    boolean isDeleting() {
        return control.isDeleting();
    }

    /** @return {@code --grace-period}: how long the logins in flight may take to finish once the run is stopped */
    Duration gracePeriod() {
        return journal.gracePeriod;
    }

    /** Stops the run from another thread, as Ctrl-C does (see {@link RunControl}); the exit status is then 3. */
    void cancel(String reason) {
        control.cancel(reason);
    }

    @Override
    public Integer call() {
        return CommandStreams.flushedAfter(this::run, out, err);
    }

    private int run() {
        validate();
        if (demoOption.demo) {
            return new Demo(out, err, terminal, output.noProgress, clock, sleeper).run();
        }
        Cancellation stop = control.cancellation(journal.gracePeriod);
        if (journal.maxDuration != null) {
            stop.cancelAt(clock.instant().plus(journal.maxDuration));
        }
        return new Launch(this).run(stop, safety.protectedLogins());
    }

    /** Each option group checks itself; then what spans groups. */
    private void validate() {
        if (demoOption.demo) {
            demoOption.validateAlone(input.any(files) || safety.execute || connection.anyGiven()
                    || output.report != null || !safety.protect.isEmpty() || journal.file != null || journal.resume);
            return;
        }
        if (!plans.applying() && !journal.resume) {
            input.validate(files); // else the plan (or the journal's) may be the whole input: checked when read
        }
        plans.validate(safety.execute, input.any(files));
        pace.validate();
        safety.validate();
        output.validate();
        journal.validate();
        connection.validate();
        safety.validateConfirmation(terminal);
        OutputFiles.checkNotInputs(input.files(files), safety.protectFiles, output.report, journal.file);
    }

    void describeRun(OktaConnection.Connected org, Set<String> protect) {
        err.println("  org:   " + org.orgUrl() + " (" + org.credentials() + ")");
        if (!protect.isEmpty()) {
            err.println("  protected: " + LoginInputs.plural(protect.size(), "login or id") + ", never touched");
        }
        err.println("  pace:  " + pace.describe());
        journal.announceStop(control.cancellation(journal.gracePeriod), err);
    }
}

package io.github.oktabulkdelete.examples.benchmark;

import io.github.oktabulkdelete.cli.BulkDeleteCommand;
import io.github.oktabulkdelete.cli.Terminal;
import io.github.oktabulkdelete.testing.FakeOktaOrg;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command-line tool as an admin runs it, end to end and in-process: its entry ({@link BulkDeleteCommand}'s
 * command line, as its tests call it) with the token in an injected environment, a plain list of logins as input,
 * no pace option, {@code --yes}, {@code --no-progress}, a journal and a report in the variant's folder.
 *
 * <ul>
 *   <li>{@link #execute()}: plain {@code --execute --yes}: its check pass and its deletion in one run, timed
 *       together; the check pass's own time (until the "Checked" line) is noted beside it.
 *   <li>{@link #planThenApply()}: a dry run with {@code --plan-out FILE} (the check pass, timed apart and not
 *       counted), a fresh rate-limit window (an admin reviews the plan before applying it), then
 *       {@code --execute --yes --plan FILE}, timed.
 * </ul>
 */
final class CliVariant implements Variant {

    private final String name;
    private final boolean plan;

    private CliVariant(String name, boolean plan) {
        this.name = name;
        this.plan = plan;
    }

    /** @return plain {@code --execute --yes} */
    static CliVariant execute() {
        return new CliVariant("CLI --execute --yes", false);
    }

    /** @return {@code --plan-out FILE}, then {@code --execute --yes --plan FILE} (the apply is timed) */
    static CliVariant planThenApply() {
        return new CliVariant("CLI --execute --yes --plan FILE", true);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int users(Scenario scenario, int fullRun) {
        return fullRun;
    }

    @Override
    public String unavailable() {
        if (!plan) {
            return null;
        }
        BulkDeleteCommand command = new BulkDeleteCommand(Map.of(), new ByteArrayInputStream(new byte[0]),
                new PrintWriter(Writer.nullWriter()), new PrintWriter(Writer.nullWriter()), Terminal.NONE);
        return command.commandLine().getCommandSpec().findOption("--plan-out") == null
                ? "this build's CLI has no --plan-out / --plan yet" : null;
    }

    @Override
    public Run run(FakeOktaOrg org, List<String> logins, int scale, Path work) throws Exception {
        Path input = Files.write(work.resolve("logins.txt"), logins, StandardCharsets.UTF_8);
        List<String> common = List.of("--org-url", org.orgUrl(), "--allow-insecure-http", "--csv", input.toString(),
                "--no-progress", "--report", work.resolve("report.csv").toString());
        if (!plan) {
            CheckTimer err = new CheckTimer();
            int[] status = new int[1];
            double seconds = Variant.time(() -> status[0] = cli(org, err, concat(common, "--execute", "--yes")));
            return new Run(seconds, err.checkedAt, 0, exitNote(status[0], err));
        }
        Path planFile = work.resolve("plan.jsonl");
        CheckTimer planErr = new CheckTimer();
        int[] status = new int[1];
        double planSeconds = Variant.time(() -> status[0] = cli(org, planErr,
                List.of("--org-url", org.orgUrl(), "--allow-insecure-http", "--csv", input.toString(), "--no-progress",
                        "--plan-out", planFile.toString())));
        if (status[0] != 0) {
            return new Run(planSeconds, planSeconds, 0, "the --plan-out dry run " + exitNote(status[0], planErr));
        }
        org.resetRateLimits(); // the admin reviews the plan: the apply starts in fresh windows
        org.resetCounts();
        CheckTimer err = new CheckTimer();
        double seconds = Variant.time(() -> status[0] = cli(org, err, List.of("--org-url", org.orgUrl(),
                "--allow-insecure-http", "--no-progress", "--report", work.resolve("report.csv").toString(),
                "--execute", "--yes", "--plan", planFile.toString())));
        return new Run(seconds, planSeconds, 0, exitNote(status[0], err));
    }

    private static int cli(FakeOktaOrg org, Writer err, List<String> args) {
        StringWriter out = new StringWriter();
        BulkDeleteCommand command = new BulkDeleteCommand(Map.of("OKTA_CLIENT_TOKEN", org.apiToken()),
                new ByteArrayInputStream(new byte[0]), new PrintWriter(out, true), new PrintWriter(err, true),
                Terminal.NONE);
        return command.commandLine().execute(args.toArray(String[]::new));
    }

    private static String exitNote(int status, CheckTimer err) {
        if (status == 0) {
            return "";
        }
        String text = err.toString().strip();
        return "exit status " + status + ": " + text.substring(Math.max(0, text.length() - 300)).replace('\n', ' ');
    }

    private static List<String> concat(List<String> first, String... rest) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(rest));
        return all;
    }

    /** Standard error, kept, with the time the check pass ended (its "Checked N logins" line). */
    private static final class CheckTimer extends StringWriter {
        private final long start = System.nanoTime();
        private double checkedAt = Double.NaN;

        @Override
        public void write(String text, int offset, int length) {
            if (Double.isNaN(checkedAt) && text.regionMatches(offset, "Checked ", 0, Math.min(8, length))) {
                checkedAt = (System.nanoTime() - start) / 1e9;
            }
            super.write(text, offset, length);
        }
    }
}

package io.github.oktabulkdelete.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.okta.sdk.resource.model.UserStatus;
import io.github.oktabulkdelete.Sleeper;
import io.github.oktabulkdelete.testing.FakeOktaOrg;
import io.github.oktabulkdelete.testing.Fault;
import io.github.oktabulkdelete.testing.MutableClock;
import io.github.oktabulkdelete.testing.Route;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command object run in-process against a {@link FakeOktaOrg} on 127.0.0.1: the token reaches it through an
 * injected environment, never through its arguments; time is a {@link MutableClock} that the deleter's sleeper
 * advances, so retries take no real time.
 */
class BulkDeleteCommandTest {

    private static final String TOKEN = "00TOKEN-secret-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
    private static final String OWNER = "svc-api@corp.example";
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final String PHR_HEADER = "User,Login,Status,Activation date,Authentication Source,Last Login,"
            + "Last Password Change";

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-27T10:00:00Z"));
    private FakeOktaOrg org;
    private Map<String, String> env;
    private FakeTerminal terminal = FakeTerminal.none();
    private InputStream stdin = new ByteArrayInputStream(new byte[0]);
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void startOrg() {
        org = FakeOktaOrg.builder().apiToken(TOKEN).clock(clock)
                .rateLimit(Route.GET_USER, 100_000).rateLimit(Route.LIST_USERS, 100_000)
                .rateLimit(Route.DELETE_USER, 100_000)
                .start();
        org.addUser(OWNER, UserStatus.ACTIVE);
        org.setTokenOwner(OWNER);
        env = new HashMap<>(Map.of("OKTA_CLIENT_TOKEN", TOKEN));
    }

    @AfterEach
    void stopOrg() {
        org.close();
    }

    /** Runs the command with the fake org's URL; the token comes from {@link #env}. */
    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of("--org-url", org.orgUrl(), "--allow-insecure-http",
                "--requests-per-minute", "1000000", "--concurrency", "1"));
        all.addAll(Arrays.asList(args));
        return runBare(all.toArray(String[]::new));
    }

    private int runBare(String... args) {
        return runBare(command -> duration -> clock.advance(duration), args);
    }

    /** Runs the command with a sleeper made for it (which may, say, cancel it). */
    private int runBare(Function<BulkDeleteCommand, Sleeper> sleeper, String... args) {
        assertThat(String.join(" ", args)).doesNotContain(TOKEN);
        out = new StringWriter();
        err = new StringWriter();
        BulkDeleteCommand command = new BulkDeleteCommand(env, stdin, new PrintWriter(out, true),
                new PrintWriter(err, true), terminal);
        command.withTime(clock, sleeper.apply(command));
        return command.commandLine().execute(args);
    }

    private Path file(String name, String text) throws IOException {
        return file(name, new byte[0], text);
    }

    private Path file(String name, byte[] prefix, String text) throws IOException {
        Path path = dir.resolve(name);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(prefix);
        bytes.write(text.getBytes(StandardCharsets.UTF_8));
        Files.write(path, bytes.toByteArray());
        return path;
    }

    private void addUsers(UserStatus status, String... logins) {
        for (String login : logins) {
            org.addUser(login, status);
        }
    }

    private static List<CSVRecord> csvRows(Path report) throws IOException {
        try (Reader reader = Files.newBufferedReader(report, StandardCharsets.UTF_8);
                CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                        .parse(reader)) {
            assertThat(parser.getHeaderNames()).containsExactlyElementsOf(ReportRow.COLUMNS);
            return parser.getRecords();
        }
    }

    private static Map<String, Map<String, String>> csvByLogin(Path report) throws IOException {
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        for (CSVRecord record : csvRows(report)) {
            rows.put(record.get("login"), record.toMap());
        }
        return rows;
    }

    @Nested
    class InputFormats {

        @Test
        void passwordHealthReportWithBomCrlfAndQuotedCommasAndQuotes() throws IOException {
            addUsers(UserStatus.ACTIVE, "jsmith@corp.example", "adoe@corp.example");
            Path csv = file("report.csv", BOM, String.join("\r\n", PHR_HEADER,
                    "\"Smith, John \"\"JJ\"\"\",jsmith@corp.example,Active,2024-01-02,OKTA,2025-01-01,2024-06-01",
                    "\"Doe, Ann\",adoe@corp.example,Active,2024-01-03,ACTIVE_DIRECTORY,,", ""));
            Path report = dir.resolve("r.csv");

            int status = run("--csv", csv.toString(), "--report", report.toString());

            assertThat(status).isEqualTo(ExitStatus.OK);
            assertThat(err.toString()).contains("Okta Password Health Report, 2 logins (column 'Login')");
            assertThat(csvByLogin(report)).containsOnlyKeys("jsmith@corp.example", "adoe@corp.example")
                    .allSatisfy((login, row) -> assertThat(row).containsEntry("reason", "dry_run"));
        }

        @Test
        void anyCsvWithAnEmailColumnOrANamedColumn() throws IOException {
            addUsers(UserStatus.SUSPENDED, "a@corp.example", "b@corp.example");
            Path byEmail = file("emails.csv", "Name,E-mail\nA,a@corp.example\n");
            Path byColumn = file("hr.csv", "Employee,Work Address\nB,b@corp.example\n");

            assertThat(run("--csv", byEmail.toString())).isEqualTo(ExitStatus.OK);
            assertThat(err.toString()).contains("CSV, 1 login (column 'E-mail')");
            assertThat(out.toString()).contains("would delete           1");

            assertThat(run("--csv", byColumn.toString(), "--column", "work address")).isEqualTo(ExitStatus.OK);
            assertThat(err.toString()).contains("CSV, 1 login (column 'Work Address')");
        }

        @Test
        void plainListOnStandardInputWithHeaderCommentsAndBlankLines() throws IOException {
            addUsers(UserStatus.ACTIVE, "a@corp.example", "b@corp.example");
            stdin = new ByteArrayInputStream("login\r\n# leavers\r\n\r\na@corp.example\r\nb@corp.example\r\n"
                    .getBytes(StandardCharsets.UTF_8));
            Path report = dir.resolve("r.jsonl");

            int status = run("-", "--report", report.toString());

            assertThat(status).isEqualTo(ExitStatus.OK);
            assertThat(err.toString()).contains("standard input: list of logins, 2 logins (column 'login')");
            assertThat(Files.readAllLines(report)).hasSize(2);
        }

        @Test
        void loginsOnTheCommandLineAndSeveralFilesAddUp() throws IOException {
            addUsers(UserStatus.ACTIVE, "a@corp.example", "b@corp.example", "c@corp.example");
            Path one = file("one.txt", "a@corp.example\n");
            Path two = file("two.csv", "login,x\nb@corp.example,1\n");

            int status = run("--csv", one.toString(), "--csv", two.toString(), "--login", "c@corp.example");

            assertThat(status).isEqualTo(ExitStatus.OK);
            assertThat(out.toString()).contains("would delete           3").contains("logins                 3");
        }

        @Test
        void aRowWithoutALoginIsBadInputAndNothingIsCalled() throws IOException {
            Path csv = file("report.csv", PHR_HEADER + "\r\nA,a@corp.example,Active,,,,\r\nB,,Active,,,,\r\n");

            int status = run("--csv", csv.toString(), "--execute", "--yes");

            assertThat(status).isEqualTo(ExitStatus.USAGE);
            assertThat(err.toString()).contains(csv + ", line 3: the row has no value in column 'Login'. Fill in "
                    + "the login or delete the row, then run again.").contains("Nothing was changed.");
            assertThat(org.requestCount()).isZero();
        }

        @Test
        void aFileThatIsNotUtf8IsBadInput() throws IOException {
            Path csv = dir.resolve("latin1.csv");
            Files.write(csv, "login\nren\u00e9@corp.example\n".getBytes(StandardCharsets.ISO_8859_1));

            assertThat(run("--csv", csv.toString())).isEqualTo(ExitStatus.USAGE);
            assertThat(err.toString()).contains(csv + ", line 2: the file is not UTF-8");
            assertThat(org.requestCount()).isZero();
        }

        @Test
        void aCsvWithoutALoginColumnIsBadInput() throws IOException {
            Path csv = file("hr.csv", "Name,Department\nAnn,Sales\n");

            assertThat(run("--csv", csv.toString())).isEqualTo(ExitStatus.USAGE);
            assertThat(err.toString()).contains("no column of the first line holds logins (its columns are 'Name', "
                    + "'Department')").contains("--column");
        }

        @Test
        void aLaterBadFileStopsTheRunBeforeAnyCall() throws IOException {
            addUsers(UserStatus.ACTIVE, "a@corp.example");
            Path good = file("good.txt", "a@corp.example\n");
            Path bad = file("bad.txt", "b@corp.example\nc@corp.example,d@corp.example\n");

            assertThat(run("--csv", good.toString(), "--csv", bad.toString(), "--execute", "--yes"))
                    .isEqualTo(ExitStatus.USAGE);
            assertThat(err.toString()).contains(bad + ", line 2: the line holds 2 values");
            assertThat(org.requestCount()).isZero();
            assertThat(org.status("a@corp.example")).contains(UserStatus.ACTIVE);
        }
    }

    @Nested
    class DryRunAndExecute {

        @Test
        void dryRunIsTheDefaultAndChangesNothing() throws IOException {
            addUsers(UserStatus.ACTIVE, "a@corp.example");
            addUsers(UserStatus.DEPROVISIONED, "b@corp.example");

            int status = run("--login", "a@corp.example", "--login", "b@corp.example", "--login", "c@corp.example");

            assertThat(status).isEqualTo(ExitStatus.OK);
            assertThat(org.status("a@corp.example")).contains(UserStatus.ACTIVE);
            assertThat(org.status("b@corp.example")).contains(UserStatus.DEPROVISIONED);
            assertThat(org.requests()).allSatisfy(r -> assertThat(r.method()).isEqualTo("GET"));
            assertThat(out.toString())
                    .contains("Summary: dry run, nothing was changed")
                    .contains("would delete           2  1 already deactivated, 1 to deactivate first")
                    .contains("not found              1");
            assertThat(err.toString()).contains("run the same command with --execute");
        }

        @Test
        void executeDeletesWhatTheDryRunCountedAfterShowingTheCount() throws IOException {
            addUsers(UserStatus.ACTIVE, "a@corp.example");
            addUsers(UserStatus.DEPROVISIONED, "b@corp.example");
            addUsers(UserStatus.ACTIVE, "stays@corp.example");

            int status = run("--login", "a@corp.example", "--login", "b@corp.example", "--execute", "--yes");

            assertThat(status).isEqualTo(ExitStatus.OK);
            assertThat(org.deletedLogins()).containsExactlyInAnyOrder("a@corp.example", "b@corp.example");
            assertThat(org.user("stays@corp.example")).isPresent();
            assertThat(err.toString()).contains("Checked 2 logins: 2 to delete")
                    .contains("Delete 2 users from " + org.orgUrl() + "? This cannot be undone. Confirmed by --yes.");
            assertThat(out.toString()).contains("Summary: 2 users deleted")
                    .contains("deleted                2  1 deactivated first");
        }

        @Test
        void theTrapsAreSkippedNotDeleted() {
            addUsers(UserStatus.ACTIVE, "jsmith@corp.example", "admin@corp.example", "gone@corp.example");

            int status = run("--login", "jsmith", "--login", OWNER, "--login", "admin@corp.example", "--login",
                    "gone@corp.example", "--login", "GONE@corp.example", "--protect", "admin@corp.example",
                    "--execute", "--yes");

            assertThat(status).isEqualTo(ExitStatus.OK);
            assertThat(org.deletedLogins()).containsExactly("gone@corp.example");
            assertThat(out.toString()).contains("1 protected, 1 duplicate, 1 login mismatch, 1 token owner");
        }

        @Test
        void protectFileIsReadLikeAnInputFile() throws IOException {
            addUsers(UserStatus.ACTIVE, "a@corp.example", "b@corp.example");
            Path protect = file("keep.csv", BOM, "User,Login,Status\r\nB,b@corp.example,Active\r\n");

            int status = run("--login", "a@corp.example", "--login", "b@corp.example", "--protect-file",
                    protect.toString(), "--execute", "--yes");

            assertThat(status).isEqualTo(ExitStatus.OK);
            assertThat(org.deletedLogins()).containsExactly("a@corp.example");
        }

        @Test
        void nothingToDeleteStopsAfterTheCheck() {
            int status = run("--login", "ghost@corp.example", "--execute", "--yes");

            assertThat(status).isEqualTo(ExitStatus.OK);
            assertThat(err.toString()).contains("Nothing to delete.");
            assertThat(org.requests()).allSatisfy(r -> assertThat(r.method()).isEqualTo("GET"));
        }
    }

    @Nested
    class Confirmation {

        @Test
        void withoutATerminalExecuteNeedsYesAndNothingIsCalled() {
            addUsers(UserStatus.ACTIVE, "a@corp.example");
            terminal = FakeTerminal.none();

            int status = run("--login", "a@corp.example", "--execute");

            assertThat(status).isEqualTo(ExitStatus.USAGE);
            assertThat(err.toString()).contains("--execute needs --yes when there is no terminal to confirm on");
            assertThat(org.requestCount()).isZero();
            assertThat(org.status("a@corp.example")).contains(UserStatus.ACTIVE);
        }

        @Test
        void onATerminalItShowsTheCountAndDeletesOnYes() {
            addUsers(UserStatus.ACTIVE, "a@corp.example", "b@corp.example");
            terminal = FakeTerminal.answering(prompt -> "yes");

            int status = run("--login", "a@corp.example", "--login", "b@corp.example", "--login", "c@corp.example",
                    "--execute");

            assertThat(status).isEqualTo(ExitStatus.OK);
            assertThat(terminal.prompts).containsExactly("Delete 2 users from " + org.orgUrl()
                    + "? This cannot be undone. Type yes to continue: ");
            assertThat(org.deletedLogins()).hasSize(2);
        }

        @Test
        void anyOtherAnswerDeletesNothing() {
            addUsers(UserStatus.ACTIVE, "a@corp.example");
            terminal = FakeTerminal.answering(prompt -> "y");

            int status = run("--login", "a@corp.example", "--execute");

            assertThat(status).isEqualTo(ExitStatus.STOPPED);
            assertThat(err.toString()).contains("Not confirmed: nothing was deleted.");
            assertThat(org.status("a@corp.example")).contains(UserStatus.ACTIVE);
        }

        @Test
        void cancellingDuringTheDeletionLetsTheLoginInFlightEndAndReportsTheRestNotAttempted() throws IOException {
            addUsers(UserStatus.DEPROVISIONED, "a@corp.example", "b@corp.example", "c@corp.example");
            org.failNext(Route.DELETE_USER, 1, Fault.status(503)); // a@'s delete: its retry wait is when Ctrl-C comes
            Path report = dir.resolve("r.csv");

            int status = runBare(command -> duration -> {
                command.cancel("interrupted (Ctrl-C)");
                clock.advance(duration);
            }, "--org-url", org.orgUrl(), "--allow-insecure-http", "--requests-per-minute", "1000000",
                    "--concurrency", "1", "--login", "a@corp.example", "--login", "b@corp.example", "--login",
                    "c@corp.example", "--execute", "--yes", "--report", report.toString());

            assertThat(status).isEqualTo(ExitStatus.STOPPED);
            assertThat(org.user("b@corp.example")).isPresent();
            assertThat(org.user("c@corp.example")).isPresent();
            assertThat(csvByLogin(report)).hasSize(3)
                    .hasEntrySatisfying("b@corp.example", r -> assertThat(r).containsEntry("outcome", "not_attempted"))
                    .hasEntrySatisfying("c@corp.example", r -> assertThat(r).containsEntry("outcome", "not_attempted"));
            assertThat(out.toString()).contains("Summary: stopped (cancelled)");
            assertThat(err.toString()).contains("Stopped: ");
        }

        @Test
        void anInterruptWhileConfirmingDeletesNothing() {
            addUsers(UserStatus.ACTIVE, "a@corp.example");
            terminal = FakeTerminal.answering(prompt -> {
                Thread.currentThread().interrupt(); // Ctrl-C while the question is on screen
                return "yes";
            });

            int status = run("--login", "a@corp.example", "--execute");

            assertThat(status).isEqualTo(ExitStatus.STOPPED);
            assertThat(Thread.interrupted()).isFalse(); // the command consumed the interrupt
            assertThat(err.toString()).contains("Interrupted: nothing was deleted.");
            assertThat(org.status("a@corp.example")).contains(UserStatus.ACTIVE);
        }
    }

    @Nested
    class MaxDeletions {

        @Test
        void refusesUpFrontWhenTheCheckFindsMoreAndDeletesNothing() throws IOException {
            addUsers(UserStatus.ACTIVE, "a@corp.example", "b@corp.example", "c@corp.example");
            Path report = dir.resolve("r.csv");

            int status = run("--login", "a@corp.example", "--login", "b@corp.example", "--login", "c@corp.example",
                    "--max-deletions", "2", "--execute", "--yes", "--report", report.toString());

            assertThat(status).isEqualTo(ExitStatus.STOPPED);
            assertThat(err.toString()).contains("Stopped before deleting anything: 3 users would be deleted, more "
                    + "than --max-deletions 2.");
            assertThat(org.deletedLogins()).isEmpty();
            assertThat(org.requests()).allSatisfy(r -> assertThat(r.method()).isEqualTo("GET"));
            assertThat(csvRows(report)).extracting(r -> r.get("reason")).containsOnly("dry_run");
        }

        @Test
        void withinTheLimitItDeletes() {
            addUsers(UserStatus.ACTIVE, "a@corp.example", "b@corp.example");

            int status = run("--login", "a@corp.example", "--login", "b@corp.example", "--max-deletions", "2",
                    "--execute", "--yes");

            assertThat(status).isEqualTo(ExitStatus.OK);
            assertThat(org.deletedLogins()).hasSize(2);
        }

        @Test
        void aDryRunOnlyWarnsThatAnExecuteWouldRefuse() {
            addUsers(UserStatus.ACTIVE, "a@corp.example", "b@corp.example");

            int status = run("--login", "a@corp.example", "--login", "b@corp.example", "--max-deletions", "1");

            assertThat(status).isEqualTo(ExitStatus.OK);
            assertThat(err.toString()).contains("a run with --execute would refuse to start");
        }

        @Test
        void neverDeletesMoreThanWereCountedEvenIfTheOrgChangesAfterTheCheck() throws IOException {
            addUsers(UserStatus.ACTIVE, "a@corp.example", "b@corp.example");
            Path report = dir.resolve("r.jsonl");
            terminal = FakeTerminal.answering(prompt -> {
                org.addUser("late@corp.example", UserStatus.ACTIVE); // appears between the check and the deletion
                return "yes";
            });

            int status = run("--login", "late@corp.example", "--login", "a@corp.example", "--login",
                    "b@corp.example", "--execute", "--report", report.toString());

            assertThat(status).isEqualTo(ExitStatus.STOPPED);
            assertThat(terminal.prompts).singleElement().asString().startsWith("Delete 2 users");
            assertThat(org.deletedLogins()).containsExactly("late@corp.example", "a@corp.example");
            assertThat(org.status("b@corp.example")).contains(UserStatus.ACTIVE);
            assertThat(err.toString()).contains("Stopped: the batch reached its limit of 2 deletions");
            assertThat(jsonRows(report)).filteredOn(r -> r.get("login").asText().equals("b@corp.example"))
                    .singleElement().satisfies(r -> {
                        assertThat(r.get("outcome").asText()).isEqualTo("not_attempted");
                        assertThat(r.get("reason").asText()).isEqualTo("batch_stopped");
                    });
        }
    }

    @Nested
    class ExitStatuses {

        @Test
        void zeroWhenNoLoginFailed() {
            addUsers(UserStatus.ACTIVE, "a@corp.example");

            assertThat(run("--login", "a@corp.example", "--login", "ghost@corp.example", "--execute", "--yes"))
                    .isEqualTo(ExitStatus.OK);
        }

        @Test
        void oneWhenAnyLoginFailed() throws IOException {
            addUsers(UserStatus.DEPROVISIONED, "a@corp.example", "b@corp.example");
            org.failNext(Route.DELETE_USER, 1, Fault.status(400, "E0000001", "Api validation failed"));
            Path report = dir.resolve("r.csv");

            int status = run("--login", "a@corp.example", "--login", "b@corp.example", "--execute", "--yes",
                    "--report", report.toString());

            assertThat(status).isEqualTo(ExitStatus.FAILED);
            assertThat(org.deletedLogins()).containsExactly("b@corp.example");
            assertThat(csvByLogin(report).get("a@corp.example"))
                    .containsEntry("outcome", "failed").containsEntry("reason", "delete")
                    .containsEntry("http_status", "400").containsEntry("error_code", "E0000001")
                    .containsEntry("detail", "Api validation failed");
            assertThat(out.toString()).contains("failed                 1  see the report");
        }

        @Test
        void oneForADryRunWhoseLookupsFailAfterRetries() {
            org.failNext(Route.LIST_USERS, 6, Fault.status(503)); // a login with '/' is searched for: 6 attempts

            int status = run("--login", "ops/backup@corp.example");

            assertThat(status).isEqualTo(ExitStatus.FAILED);
            assertThat(out.toString()).contains("failed                 1").contains("5 retries");
        }

        @Test
        void twoForBadUsage() {
            assertThat(runBare()).isEqualTo(ExitStatus.USAGE);
            assertThat(err.toString()).contains("no logins: give --csv FILE");

            assertThat(run("--login", "a@corp.example", "--no-such-option")).isEqualTo(ExitStatus.USAGE);
            assertThat(err.toString()).contains("Unknown option: '--no-such-option'");

            assertThat(run("--login", "a@corp.example", "--report", "out.txt")).isEqualTo(ExitStatus.USAGE);
            assertThat(err.toString()).contains("--report must name a .csv or .jsonl file");

            assertThat(run("--login", "a@corp.example", "--concurrency", "0")).isEqualTo(ExitStatus.USAGE);
            assertThat(run("--login", "a@corp.example", "--max-deletions", "many")).isEqualTo(ExitStatus.USAGE);
            assertThat(run("--csv", dir.resolve("missing.csv").toString())).isEqualTo(ExitStatus.USAGE);
            assertThat(err.toString()).contains("missing.csv: no such file");
            assertThat(runBare("--demo", "--login", "a@corp.example")).isEqualTo(ExitStatus.USAGE);
            Path input = dir.resolve("in.csv");
            assertThat(run("--csv", input.toString(), "--report", dir.resolve(".").resolve("in.csv").toString()))
                    .isEqualTo(ExitStatus.USAGE);
            assertThat(err.toString()).contains("is also an input: it would be overwritten");
            assertThat(org.requestCount()).isZero();
        }

        @Test
        void twoWhenNoTokenCanBeFound() {
            env.clear();

            assertThat(run("--login", "a@corp.example")).isEqualTo(ExitStatus.USAGE);
            assertThat(err.toString()).contains("no API token: the environment variable OKTA_CLIENT_TOKEN is not set")
                    .contains("never accepted as an argument");
            assertThat(org.requestCount()).isZero();
        }

        @Test
        void threeWhenAuthenticationFails() {
            addUsers(UserStatus.ACTIVE, "a@corp.example");
            env.put("OKTA_CLIENT_TOKEN", "not-the-token");

            int status = run("--login", "a@corp.example", "--execute", "--yes");

            assertThat(status).isEqualTo(ExitStatus.STOPPED);
            assertThat(err.toString()).contains("Stopped: Okta answered 401");
            assertThat(out.toString()).contains("Summary: stopped (authentication_failed), nothing was changed");
            assertThat(org.status("a@corp.example")).contains(UserStatus.ACTIVE);
        }

        @Test
        void threeWhenTheTokenIsRevokedDuringTheDeletion() throws IOException {
            addUsers(UserStatus.DEPROVISIONED, "a@corp.example", "b@corp.example", "c@corp.example");
            Path report = dir.resolve("r.csv");
            terminal = FakeTerminal.answering(prompt -> {
                org.revokeToken();
                return "yes";
            });

            int status = run("--login", "a@corp.example", "--login", "b@corp.example", "--login", "c@corp.example",
                    "--execute", "--report", report.toString());

            assertThat(status).isEqualTo(ExitStatus.STOPPED);
            assertThat(org.deletedLogins()).isEmpty();
            assertThat(csvRows(report)).extracting(r -> r.get("outcome")).containsOnly("not_attempted");
        }
    }

    @Nested
    class Reports {

        private final Map<String, String> ids = new HashMap<>();

        /** One login of each kind; with concurrency 1 the first deactivate is fails@'s, which gets a 400. */
        private String[] scenario(Path report) {
            addUsers(UserStatus.SUSPENDED, "fails@corp.example");
            addUsers(UserStatus.ACTIVE, "active@corp.example", "jsmith@corp.example", "admin@corp.example");
            addUsers(UserStatus.DEPROVISIONED, "old@corp.example");
            for (String login : List.of("fails@corp.example", "active@corp.example", "jsmith@corp.example",
                    "old@corp.example", OWNER)) {
                ids.put(login, org.user(login).orElseThrow().id());
            }
            org.failNext(Route.DEACTIVATE_USER, 1, Fault.status(400, "E0000001", "Api validation failed: status"));
            return new String[] {"--login", "fails@corp.example", "--login", "active@corp.example", "--login",
                "old@corp.example", "--login", "ghost@corp.example", "--login", "jsmith", "--login",
                "admin@corp.example", "--login", "OLD@corp.example", "--login", OWNER,
                "--protect", "admin@corp.example", "--execute", "--yes", "--report", report.toString()};
        }

        /** login, outcome, reason, user_id, previous_status, http_status, error_code, attempts; "" when absent. */
        private List<List<String>> expected() {
            return List.of(
                    List.of("fails@corp.example", "failed", "deactivate", ids.get("fails@corp.example"), "", "400",
                            "E0000001", "2"),
                    List.of("active@corp.example", "deleted", "", ids.get("active@corp.example"), "ACTIVE", "", "",
                            "3"),
                    List.of("old@corp.example", "deleted", "", ids.get("old@corp.example"), "DEPROVISIONED", "", "",
                            "2"),
                    List.of("ghost@corp.example", "not_found", "", "", "", "", "", "1"),
                    List.of("jsmith", "skipped", "login_mismatch", ids.get("jsmith@corp.example"), "ACTIVE", "", "",
                            ""),
                    List.of("admin@corp.example", "skipped", "protected", "", "", "", "", ""),
                    List.of("OLD@corp.example", "skipped", "duplicate", "", "", "", "", ""),
                    List.of(OWNER, "skipped", "token_owner", ids.get(OWNER), "ACTIVE", "", "", ""));
        }

        private void checkDetails(Map<String, String> details) {
            assertThat(details.get("fails@corp.example")).isEqualTo("Api validation failed: status");
            assertThat(details.get("active@corp.example")).isEqualTo("deactivated, then deleted");
            assertThat(details.get("old@corp.example")).isEqualTo("deleted; the user was already deactivated");
            assertThat(details.get("ghost@corp.example")).isEqualTo("no user has this login");
            assertThat(details.get("jsmith")).contains("jsmith@corp.example");
            assertThat(details.values()).allSatisfy(d -> assertThat(d).isNotBlank());
        }

        @Test
        void csvReportHasOneRowPerLoginInTheDocumentedColumns() throws IOException {
            Path report = dir.resolve("report.csv");

            int status = run(scenario(report));

            assertThat(status).isEqualTo(ExitStatus.FAILED);
            List<CSVRecord> records = csvRows(report);
            assertThat(records).extracting(r -> r.toList().subList(0, 8)).containsExactlyElementsOf(expected());
            Map<String, String> details = new HashMap<>();
            records.forEach(r -> details.put(r.get("login"), r.get("detail")));
            checkDetails(details);
            assertThat(out.toString()).contains("report: " + report.toAbsolutePath());
        }

        @Test
        void jsonLinesReportParsesBackRowByRow() throws IOException {
            Path report = dir.resolve("report.jsonl");

            int status = run(scenario(report));

            assertThat(status).isEqualTo(ExitStatus.FAILED);
            List<JsonNode> rows = jsonRows(report);
            assertThat(rows).allSatisfy(r -> assertThat(fieldNames(r)).containsExactlyElementsOf(ReportRow.COLUMNS));
            assertThat(rows).extracting(r -> ReportRow.COLUMNS.subList(0, 8).stream()
                    .map(c -> r.get(c).isNull() ? "" : r.get(c).asText()).toList())
                    .containsExactlyElementsOf(expected());
            JsonNode failed = rows.get(0);
            assertThat(failed.get("http_status").isInt()).isTrue();
            assertThat(failed.get("attempts").isInt()).isTrue();
            assertThat(rows.get(1).get("reason").isNull()).isTrue();
            Map<String, String> details = new HashMap<>();
            rows.forEach(r -> details.put(r.get("login").asText(), r.get("detail").asText()));
            checkDetails(details);
        }

        @Test
        void aDeclinedRunLeavesTheReportOfTheCheck() throws IOException {
            addUsers(UserStatus.ACTIVE, "a@corp.example");
            terminal = FakeTerminal.answering(prompt -> "no");
            Path report = dir.resolve("r.csv");

            assertThat(run("--login", "a@corp.example", "--execute", "--report", report.toString()))
                    .isEqualTo(ExitStatus.STOPPED);
            assertThat(csvRows(report)).singleElement().satisfies(r -> {
                assertThat(r.get("outcome")).isEqualTo("skipped");
                assertThat(r.get("reason")).isEqualTo("dry_run");
                assertThat(r.get("previous_status")).isEqualTo("ACTIVE");
            });
            assertThat(err.toString()).contains("The report lists what would have been done");
        }
    }

    @Nested
    class Secrets {

        @Test
        void theTokenNeverAppearsInOutputReportOrLogs() throws IOException {
            addUsers(UserStatus.ACTIVE, "a@corp.example");
            org.failNext(Route.DELETE_USER, 1, Fault.status(500));
            Path csvReport = dir.resolve("r.csv");
            Path jsonReport = dir.resolve("r.jsonl");
            PrintStream realErr = System.err;
            ByteArrayOutputStream logs = new ByteArrayOutputStream();
            System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
            StringBuilder seen = new StringBuilder();
            try {
                run("--login", "a@corp.example", "--login", "b@corp.example", "--execute", "--yes", "--report",
                        csvReport.toString());
                seen.append(out).append(err);
                run("--login", "a@corp.example", "--report", jsonReport.toString());
                seen.append(out).append(err);
                env.put("OKTA_CLIENT_TOKEN", TOKEN + "-wrong"); // a 401, whose message is printed
                run("--login", "a@corp.example", "--execute", "--yes");
                seen.append(out).append(err);
                runBare("--org-url", "http://127.0.0.1:1", "--login", "a@corp.example"); // refused: http
                seen.append(out).append(err);
            } finally {
                System.setErr(realErr);
            }
            seen.append(logs.toString(StandardCharsets.UTF_8));
            seen.append(Files.readString(csvReport)).append(Files.readString(jsonReport));

            assertThat(seen.toString()).contains("Summary").doesNotContain(TOKEN);
        }

        @Test
        void theTokenIsAskedForOnATerminalWhenTheVariableIsUnset() {
            env.clear();
            addUsers(UserStatus.ACTIVE, "a@corp.example");
            terminal = FakeTerminal.answering(prompt -> null).typingPassword(TOKEN);

            int status = run("--login", "a@corp.example");

            assertThat(status).isEqualTo(ExitStatus.OK);
            assertThat(terminal.prompts).containsExactly("Okta API token for " + org.orgUrl()
                    + " (typing is hidden): ");
            assertThat(err.toString()).contains("API token typed at the prompt").doesNotContain(TOKEN);
        }

        @Test
        void theTokenIsReadFromTheVariableTokenEnvNames() {
            env.clear();
            env.put("MY_OKTA_TOKEN", TOKEN);
            addUsers(UserStatus.ACTIVE, "a@corp.example");

            assertThat(run("--token-env", "MY_OKTA_TOKEN", "--login", "a@corp.example")).isEqualTo(ExitStatus.OK);
            assertThat(err.toString()).contains("API token from $MY_OKTA_TOKEN");
        }
    }

    @Test
    void helpExplainsTheSafeDefaultsAndTheExitStatuses() {
        assertThat(runBare("--help")).isEqualTo(ExitStatus.OK);

        assertThat(out.toString().replaceAll("\\s+", " "))
                .contains("--requests-per-minute=N", "(default: 240)", "300 of the 600 DELETE a minute")
                .contains("--concurrency=N", "(default: 4; 1 to 75)")
                .contains("Input:", "Connection:", "Safety:", "Pace:", "Output:")
                .contains("Exit status:", "0 no login failed", "3 the run was stopped")
                .contains("--demo");
    }

    private static List<JsonNode> jsonRows(Path report) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(report, StandardCharsets.UTF_8)) {
            rows.add(json.readTree(line));
        }
        return rows;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

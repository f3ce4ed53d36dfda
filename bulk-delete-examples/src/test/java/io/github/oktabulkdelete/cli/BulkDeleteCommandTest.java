package io.github.oktabulkdelete.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.okta.sdk.resource.model.UserStatus;
import io.github.oktabulkdelete.DeletionJournal;
import io.github.oktabulkdelete.DeletionOutcome;
import io.github.oktabulkdelete.JournalContents;
import io.github.oktabulkdelete.SkipReason;
import io.github.oktabulkdelete.Sleeper;
import io.github.oktabulkdelete.testing.FakeOktaOrg;
import io.github.oktabulkdelete.testing.Fault;
import io.github.oktabulkdelete.testing.MutableClock;
import io.github.oktabulkdelete.testing.RecordedRequest;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
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
        command.withTime(clock, sleeper.apply(command)).withWorkingDirectory(dir);
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
        void anEmptyProtectFileIsAnErrorBeforeAnythingChanges() throws IOException {
            addUsers(UserStatus.ACTIVE, "a@corp.example");
            Path protect = file("keep.txt", "");

            int status = run("--login", "a@corp.example", "--protect-file", protect.toString(), "--execute", "--yes");

            assertThat(status).isEqualTo(ExitStatus.USAGE);
            assertThat(err.toString()).contains("--protect-file").contains(protect.toString())
                    .contains("protect nobody");
            assertThat(org.deletedLogins()).isEmpty();
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

            // plan, then apply: only the users the check planned and the admin confirmed are deleted; one that
            // appeared after the check was planned not found and is left alone
            assertThat(status).isEqualTo(ExitStatus.OK);
            assertThat(terminal.prompts).singleElement().asString().startsWith("Delete 2 users");
            assertThat(org.deletedLogins()).containsExactlyInAnyOrder("a@corp.example", "b@corp.example");
            assertThat(org.status("late@corp.example")).contains(UserStatus.ACTIVE);
            assertThat(jsonRows(report)).filteredOn(r -> r.get("login").asText().equals("late@corp.example"))
                    .singleElement().satisfies(r -> assertThat(r.get("outcome").asText()).isEqualTo("not_found"));
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
        void theProgressLineCountsWhatTheBatchCountsAndShowsItsWait() throws IOException {
            addUsers(UserStatus.DEPROVISIONED, "a@corp.example", "b@corp.example", "c@corp.example");
            org.failNext(Route.DELETE_USER, 1, Fault.status(400, "E0000001", "Api validation failed"));
            org.failNext(Route.DELETE_USER, 1, Fault.rateLimited(Duration.ofSeconds(30)));
            Path report = dir.resolve("r.csv");

            int status = run("--login", "a@corp.example", "--login", "b@corp.example", "--login", "c@corp.example",
                    "--login", "ghost@corp.example", "--execute", "--yes",
                    "--report", report.toString());

            assertThat(status).isEqualTo(ExitStatus.FAILED);
            List<String> deleting = err.toString().lines().filter(l -> l.startsWith("Deleting ")).toList();
            assertThat(deleting).anySatisfy(l -> assertThat(l).contains(" | waiting: rate-limit reset of "));
            String last = deleting.get(deleting.size() - 1);
            assertThat(last).startsWith("Deleting 4/4 100% ")
                    .endsWith("| deleted 2, not found 1, skipped 0, failed 1 (1 retry)"); // the journaled batch's own
            assertThat(out.toString()).contains("deleted                2").contains("failed                 1");
            assertThat(csvByLogin(report).values()).extracting(r -> r.get("outcome"))
                    .containsExactlyInAnyOrder("deleted", "deleted", "not_found", "failed");
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
            // the token's owner is known from the check (one /users/me per run): the apply's first call, a GET by id,
            // gets the 401; that login failed (nothing changed), the others were not attempted
            List<String> outcomes = csvRows(report).stream().map(r -> r.get("outcome")).toList();
            assertThat(outcomes).containsOnly("failed", "not_attempted").containsOnlyOnce("failed");
            assertThat(csvRows(report)).filteredOn(r -> r.get("outcome").equals("failed"))
                    .allSatisfy(r -> assertThat(r.get("reason")).isEqualTo("lookup"));
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

        /**
         * login, outcome, reason, user_id, previous_status, http_status, error_code, attempts; "" when absent. The
         * attempts of a user changed include the listing of its groups for the journal's record.
         */
        private List<List<String>> expected() {
            return List.of(
                    List.of("fails@corp.example", "failed", "deactivate", ids.get("fails@corp.example"), "", "400",
                            "E0000001", "3"),
                    List.of("active@corp.example", "deleted", "", ids.get("active@corp.example"), "ACTIVE", "", "",
                            "5"),
                    List.of("old@corp.example", "deleted", "", ids.get("old@corp.example"), "DEPROVISIONED", "", "",
                            "4"),
                    // found missing by the check (the plan), so the apply pass made no call for it
                    List.of("ghost@corp.example", "not_found", "", "", "", "", "", "0"),
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
            assertThat(details.get("ghost@corp.example")).isEqualTo("no user had this login when the plan was made");
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
            Path csvResumedReport = dir.resolve("resumed.csv");
            Path jsonReport = dir.resolve("r.jsonl");
            Path journal = dir.resolve("run.journal.jsonl");
            Path dryJournal = dir.resolve("dry.journal.jsonl");
            PrintStream realErr = System.err;
            ByteArrayOutputStream logs = new ByteArrayOutputStream();
            System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
            StringBuilder seen = new StringBuilder();
            try {
                run("--login", "a@corp.example", "--login", "b@corp.example", "--execute", "--yes", "--report",
                        csvReport.toString(), "--journal", journal.toString());
                seen.append(out).append(err);
                run("--login", "a@corp.example", "--login", "b@corp.example", "--execute", "--yes", "--report",
                        csvResumedReport.toString(), "--journal", journal.toString(), "--resume");
                seen.append(out).append(err);
                run("--login", "a@corp.example", "--report", jsonReport.toString(), "--journal",
                        dryJournal.toString());
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
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) { // the reports, the journals, the default journal of the 401 run
                    seen.append(Files.readString(file));
                }
            }

            assertThat(seen.toString()).contains("Summary").contains("\"type\":\"run\"").doesNotContain(TOKEN);
            assertThat(journaled(journal)).containsOnlyKeys("a@corp.example", "b@corp.example");
        }

        @Test
        void anHttpOrgUrlIsRefusedUnlessAllowed() {
            assertThat(runBare("--org-url", "http://127.0.0.1:1", "--login", "a@corp.example")).isEqualTo(
                    ExitStatus.USAGE);
            assertThat(err.toString()).contains("okta-bulk-delete: --org-url is a plain http:// URL: the API token"
                    + " would be sent unencrypted. Use the org's https:// URL (--allow-insecure-http is for a local"
                    + " fake org only, never for a real org)").contains("Nothing was changed.");

            env.put("OKTA_CLIENT_ORGURL", "HTTP://user:" + TOKEN + "@corp.okta.example");
            assertThat(runBare("--login", "a@corp.example")).isEqualTo(ExitStatus.USAGE);
            assertThat(err.toString()).contains("OKTA_CLIENT_ORGURL is a plain http:// URL").doesNotContain(TOKEN);
            assertThat(org.requestCount()).isZero();
        }

        @Test
        void thePrivateKeyNeverAppearsInOutputReportOrJournal() throws Exception {
            String base64 = TestKeys.privateKeyBase64();
            Path key = file("service-app.pem", TestKeys.pem(base64));
            Path report = dir.resolve("r.csv");
            Path journal = dir.resolve("run.journal.jsonl");
            addUsers(UserStatus.ACTIVE, "a@corp.example");
            PrintStream realErr = System.err;
            ByteArrayOutputStream logs = new ByteArrayOutputStream();
            System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
            int status;
            try {
                // OAuth 2.0 needs https, which no local server here speaks: the token request fails, and says so
                status = runBare("--org-url", "https://127.0.0.1:1", "--client-id",
                        "0oa-service-app", "--private-key", key.toString(), "--login", "a@corp.example",
                        "--execute", "--yes", "--report", report.toString(), "--journal", journal.toString());
            } finally {
                System.setErr(realErr);
            }

            assertThat(status).isEqualTo(ExitStatus.STOPPED);
            assertThat(err.toString()).contains("okta-bulk-delete: could not connect to the org (OAuth 2.0 client"
                    + " 0oa-service-app, scopes okta.users.manage): ");
            StringBuilder seen = new StringBuilder().append(out).append(err).append(logs.toString(
                    StandardCharsets.UTF_8));
            try (var files = Files.list(dir)) {
                for (Path file : files.filter(f -> !f.equals(key)).toList()) {
                    seen.append(Files.readString(file));
                }
            }
            assertThat(seen.toString()).contains("OAuth 2.0 client 0oa-service-app");
            for (String line : base64.split("\n")) {
                assertThat(seen.toString()).doesNotContain(line);
            }
            assertThat(org.user("a@corp.example")).isPresent();
        }

        @Test
        void aGroupSelectionAsksOAuthForTheGroupsReadScopeToo() throws Exception {
            Path key = file("service-app.pem", TestKeys.pem(TestKeys.privateKeyBase64()));

            // OAuth 2.0 needs https, which no local server here speaks: the token request fails, naming the scopes
            int status = runBare("--org-url", "https://127.0.0.1:1", "--client-id", "0oa-service-app",
                    "--private-key", key.toString(), "--group", "Sales");

            assertThat(status).isEqualTo(ExitStatus.STOPPED);
            assertThat(err.toString()).as("Okta's spec: a group's members need okta.groups.read")
                    .contains("(OAuth 2.0 client 0oa-service-app, scopes okta.users.read okta.groups.read)");
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

    /** The journal as a resumed run sees it: one outcome per login. */
    private static Map<String, DeletionOutcome> journaled(Path journal) throws IOException {
        Map<String, DeletionOutcome> byLogin = new LinkedHashMap<>();
        for (DeletionOutcome outcome : DeletionJournal.read(journal).outcomes()) {
            byLogin.put(outcome.login(), outcome);
        }
        return byLogin;
    }

    @Nested
    class JournalAndResume {

        private static final String DEFAULT_JOURNAL = "okta-bulk-delete-20261127-100000.journal.jsonl";

        @Test
        void executeWithoutJournalWritesOneInTheWorkingFolderAndSaysWhere() throws IOException {
            addUsers(UserStatus.ACTIVE, "a@corp.example");
            Path journal = dir.resolve(DEFAULT_JOURNAL);
            Instant started = clock.instant(); // the adaptive pace's waits move the clock during the run

            int status = run("--login", "a@corp.example", "--login", "ghost@corp.example", "--execute", "--yes");

            assertThat(status).isEqualTo(ExitStatus.OK);
            assertThat(err.toString()).contains("journal: " + journal.toAbsolutePath() + " (to resume if the run"
                    + " stops: --journal " + journal.toAbsolutePath() + " --resume)");
            assertThat(out.toString()).contains("journal: " + journal.toAbsolutePath());
            assertThat(journaled(journal)).containsOnlyKeys("a@corp.example", "ghost@corp.example");
            assertThat(journaled(journal).get("a@corp.example")).isInstanceOf(DeletionOutcome.Deleted.class);
            assertThat(journaled(journal).get("ghost@corp.example")).isInstanceOf(DeletionOutcome.NotFound.class);
            assertThat(DeletionJournal.read(journal).runs()).singleElement().satisfies(run -> {
                assertThat(run.orgUrl()).isEqualTo(org.orgUrl());
                assertThat(run.startedAt()).isEqualTo(started);
                assertThat(run.options()).containsEntry("mode", "execute").containsEntry("pace", "adaptive")
                        .containsEntry("requestsPerMinute", "1000000").containsEntry("concurrency", "1")
                        .containsEntry("resume", "false");
            });
        }

        @Test
        void withAReportTheDefaultJournalGoesNextToItUnderANameOfItsOwn() throws IOException {
            addUsers(UserStatus.ACTIVE, "a@corp.example", "b@corp.example");
            Path reports = Files.createDirectory(dir.resolve("reports"));

            assertThat(run("--login", "a@corp.example", "--execute", "--yes", "--report",
                    reports.resolve("a.csv").toString())).isEqualTo(ExitStatus.OK);
            assertThat(run("--login", "b@corp.example", "--execute", "--yes", "--report",
                    reports.resolve("b.csv").toString())).isEqualTo(ExitStatus.OK);

            assertThat(journaled(reports.resolve(DEFAULT_JOURNAL))).containsOnlyKeys("a@corp.example");
            assertThat(journaled(reports.resolve("okta-bulk-delete-20261127-100000-2.journal.jsonl")))
                    .containsOnlyKeys("b@corp.example");
        }

        @Test
        void aDryRunKeepsAJournalOnlyWhenGivenOne() throws IOException {
            addUsers(UserStatus.ACTIVE, "a@corp.example");
            Path journal = dir.resolve("dry.journal.jsonl");

            assertThat(run("--login", "a@corp.example")).isEqualTo(ExitStatus.OK);
            try (var files = Files.list(dir)) {
                assertThat(files).isEmpty();
            }
            assertThat(run("--login", "a@corp.example", "--login", "ghost@corp.example", "--journal",
                    journal.toString())).isEqualTo(ExitStatus.OK);

            assertThat(journaled(journal).get("a@corp.example")).isInstanceOfSatisfying(DeletionOutcome.Skipped.class,
                    s -> assertThat(s.reason()).isEqualTo(SkipReason.DRY_RUN));
            assertThat(journaled(journal).get("ghost@corp.example")).isInstanceOf(DeletionOutcome.NotFound.class);
            assertThat(DeletionJournal.read(journal).runs().get(0).options()).containsEntry("mode", "dry-run");
        }

        @Test
        void resumeLeavesFinishedLoginsAloneDoesTheRestAndReportsBothRuns() throws IOException {
            addUsers(UserStatus.ACTIVE, "a@corp.example", "b@corp.example", "c@corp.example", "d@corp.example",
                    "e@corp.example", "f@corp.example");
            Path journal = dir.resolve("run.journal.jsonl");
            Path report = dir.resolve("report.csv");
            assertThat(run("--login", "a@corp.example", "--login", "B@corp.example", "--execute", "--yes",
                    "--journal", journal.toString())).isEqualTo(ExitStatus.OK);
            org.resetCounts();
            Path input = file("all.txt", "a@corp.example\nb@corp.example\nc@corp.example\nd@corp.example\n"
                    + "e@corp.example\nf@corp.example\n");

            // 6 logins, 2 done: the count to confirm and --max-deletions apply to the 4 that remain
            int status = run("--csv", input.toString(), "--execute", "--yes", "--journal", journal.toString(),
                    "--resume", "--max-deletions", "4", "--report", report.toString());

            assertThat(status).as(err.toString()).isEqualTo(ExitStatus.OK);
            assertThat(err.toString()).contains("resume: 1 earlier run in the journal; 2 of the 6 logins of the"
                    + " input finished (2 deleted, 0 not found, 0 skipped), left alone; 4 to do")
                    .contains("Delete 4 users from");
            assertThat(org.requests()).extracting(RecordedRequest::rawPath)
                    .doesNotContain("/api/v1/users/a%40corp.example", "/api/v1/users/b%40corp.example");
            assertThat(org.deletedLogins()).hasSize(6);
            assertThat(csvRows(report)).extracting(r -> r.get("login") + " " + r.get("outcome"))
                    .containsExactly("a@corp.example deleted", "B@corp.example deleted", "c@corp.example deleted",
                            "d@corp.example deleted", "e@corp.example deleted", "f@corp.example deleted");
            assertThat(DeletionJournal.read(journal).runs()).hasSize(2)
                    .last().satisfies(run -> assertThat(run.options()).containsEntry("resume", "true"));
            assertThat(journaled(journal).values()).hasSize(6).allSatisfy(o ->
                    assertThat(o).isInstanceOf(DeletionOutcome.Deleted.class));
            assertThat(out.toString()).contains("Summary: 4 users deleted").contains("done earlier           2");
        }

        @Test
        void aStoppedRunIsFinishedByResume() throws IOException {
            addUsers(UserStatus.DEPROVISIONED, "a@corp.example", "b@corp.example", "c@corp.example");
            org.failNext(Route.DELETE_USER, 1, Fault.status(503)); // a@'s delete: its retry wait is when Ctrl-C comes
            Path journal = dir.resolve("run.journal.jsonl");
            String[] logins = {"--login", "a@corp.example", "--login", "b@corp.example", "--login", "c@corp.example"};

            int stopped = runBare(command -> duration -> {
                if (org.requestCount(Route.DELETE_USER, 503) > 0) { // not at the adaptive pace's own waits
                    command.cancel("interrupted (Ctrl-C)");
                }
                clock.advance(duration);
            }, concat(List.of("--org-url", org.orgUrl(), "--allow-insecure-http", "--requests-per-minute",
                    "1000000", "--concurrency", "1", "--execute", "--yes", "--journal", journal.toString()), logins));

            assertThat(stopped).isEqualTo(ExitStatus.STOPPED);
            assertThat(err.toString()).contains("To finish the run, run the same command with --journal "
                    + journal.toAbsolutePath() + " --resume");
            assertThat(journaled(journal).values()).noneMatch(JournalContents::isFinal);
            Path report = dir.resolve("report.jsonl");

            int resumed = run(concat(List.of("--execute", "--yes", "--journal", journal.toString(), "--resume",
                    "--report", report.toString()), logins));

            assertThat(resumed).isEqualTo(ExitStatus.OK);
            assertThat(err.toString()).contains("0 of the 3 logins of the input finished").contains("3 to do");
            assertThat(org.deletedLogins()).containsExactlyInAnyOrder("a@corp.example", "b@corp.example",
                    "c@corp.example");
            assertThat(jsonRows(report)).extracting(r -> r.get("outcome").asText()).containsExactly("deleted",
                    "deleted", "deleted");
            assertThat(journaled(journal).values()).allSatisfy(o ->
                    assertThat(o).isInstanceOf(DeletionOutcome.Deleted.class));
        }

        @Test
        void aTornLastLineIsReportedNotFatalAndItsLoginIsDoneAgain() throws IOException {
            addUsers(UserStatus.ACTIVE, "a@corp.example", "b@corp.example");
            Path journal = dir.resolve("run.journal.jsonl");
            assertThat(run("--login", "a@corp.example", "--execute", "--yes", "--journal", journal.toString()))
                    .isEqualTo(ExitStatus.OK);
            // a crash while b@'s record was being written
            Files.write(journal, "{\"type\":\"outcome\",\"at\":\"2026-11-27T10:00:01Z\",\"login\":\"b@corp.exa"
                    .getBytes(StandardCharsets.UTF_8), java.nio.file.StandardOpenOption.APPEND);

            int status = run("--login", "a@corp.example", "--login", "b@corp.example", "--execute", "--yes",
                    "--journal", journal.toString(), "--resume");

            assertThat(status).as(err.toString()).isEqualTo(ExitStatus.OK);
            // line 2 is a's intent, line 3 its outcome
            assertThat(err.toString()).contains("journal: note: " + journal + ", line 4: the last record is"
                    + " incomplete").contains("1 of the 2 logins of the input finished");
            assertThat(org.deletedLogins()).containsExactlyInAnyOrder("a@corp.example", "b@corp.example");
            JournalContents contents = DeletionJournal.read(journal);
            assertThat(contents.tornTail()).isEmpty();
            assertThat(contents.tornRecords()).hasSize(1);
            assertThat(contents.finishedLogins()).containsExactlyInAnyOrder("a@corp.example", "b@corp.example");
        }

        @Test
        void resumeRefusesWhatItCannotTrustBeforeAnyCall() throws IOException {
            addUsers(UserStatus.ACTIVE, "a@corp.example");
            Path journal = dir.resolve("run.journal.jsonl");

            assertThat(run("--login", "a@corp.example", "--resume")).isEqualTo(ExitStatus.USAGE);
            assertThat(err.toString()).contains("--resume needs --journal FILE");

            assertThat(run("--login", "a@corp.example", "--journal", journal.toString(), "--resume"))
                    .isEqualTo(ExitStatus.USAGE);
            assertThat(err.toString()).contains("--resume: the journal " + journal + " does not exist");

            Path notAJournal = file("users.jsonl", "{\"login\":\"a@corp.example\"}\n");
            assertThat(run("--login", "a@corp.example", "--journal", notAJournal.toString(), "--resume"))
                    .isEqualTo(ExitStatus.USAGE);
            assertThat(err.toString()).contains("--resume: " + notAJournal + ", line 1: the record has no 'type'");

            Path input = file("in.txt", "a@corp.example\n");
            assertThat(run("--csv", input.toString(), "--journal", input.toString())).isEqualTo(ExitStatus.USAGE);
            assertThat(err.toString()).contains("--journal " + input + " is also an input");
            assertThat(org.requestCount()).isZero();

            assertThat(run("--login", "a@corp.example", "--journal", journal.toString())).isEqualTo(ExitStatus.OK);
            assertThat(run("--login", "a@corp.example", "--journal", journal.toString(), "--execute", "--yes"))
                    .isEqualTo(ExitStatus.USAGE);
            assertThat(err.toString()).contains("--journal " + journal + " already holds a journal: add --resume");

            List<String> lines = Files.readAllLines(journal); // a run record, then a login's record
            Files.write(journal, List.of(lines.get(0), lines.get(1), "not json", lines.get(1)));
            assertThat(run("--login", "a@corp.example", "--journal", journal.toString(), "--resume", "--execute",
                    "--yes")).isEqualTo(ExitStatus.USAGE);
            assertThat(err.toString()).contains("--resume: " + journal + ", line 3: ")
                    .contains("in the middle of the journal");

            try (FakeOktaOrg other = FakeOktaOrg.builder().apiToken(TOKEN).clock(clock).start()) {
                Path fresh = dir.resolve("fresh.journal.jsonl");
                assertThat(run("--login", "a@corp.example", "--journal", fresh.toString())).isEqualTo(ExitStatus.OK);
                other.addUser("a@corp.example", UserStatus.ACTIVE);
                assertThat(runBare("--org-url", other.orgUrl(), "--allow-insecure-http", "--login",
                        "a@corp.example", "--journal", fresh.toString(), "--resume", "--execute", "--yes"))
                        .isEqualTo(ExitStatus.USAGE);
                assertThat(err.toString()).contains("records a run against " + org.orgUrl() + ", not "
                        + other.orgUrl());
                assertThat(other.deletedLogins()).isEmpty();
            }
            assertThat(org.deletedLogins()).isEmpty();
        }

        @Test
        void everyLoginOfAFinishedJournalLeavesNothingToDo() throws IOException {
            addUsers(UserStatus.ACTIVE, "a@corp.example");
            Path journal = dir.resolve("run.journal.jsonl");
            Path report = dir.resolve("r.csv");
            assertThat(run("--login", "a@corp.example", "--login", "ghost@corp.example", "--execute", "--yes",
                    "--journal", journal.toString())).isEqualTo(ExitStatus.OK);
            org.resetCounts();

            int status = run("--login", "a@corp.example", "--login", "ghost@corp.example", "--execute", "--yes",
                    "--journal", journal.toString(), "--resume", "--report", report.toString());

            assertThat(status).isEqualTo(ExitStatus.OK);
            assertThat(err.toString()).contains("Nothing left to do");
            assertThat(org.requestCount()).isZero();
            assertThat(csvRows(report)).extracting(r -> r.get("outcome")).containsExactly("deleted", "not_found");
        }
    }

    @Nested
    class Stopping {

        @Test
        void maxDurationStopsLikeCtrlCAndExitsWithThree() throws IOException {
            addUsers(UserStatus.DEPROVISIONED, "a@corp.example", "b@corp.example", "c@corp.example");
            org.failNext(Route.DELETE_USER, 1, Fault.rateLimited(Duration.ofMinutes(2))); // a@ waits past the end
            Path journal = dir.resolve("run.journal.jsonl");
            Path report = dir.resolve("r.csv");

            int status = run("--login", "a@corp.example", "--login", "b@corp.example", "--login", "c@corp.example",
                    "--execute", "--yes", "--max-duration", "PT30S", "--journal", journal.toString(), "--report",
                    report.toString());

            assertThat(status).isEqualTo(ExitStatus.STOPPED);
            assertThat(err.toString()).contains("stops: after 30s (at 2026-11-27T10:00:30Z)")
                    .contains("Stopped: the batch reached its deadline")
                    .contains("To finish the run, run the same command with --journal");
            assertThat(out.toString()).contains("Summary: stopped (deadline)");
            assertThat(org.user("b@corp.example")).isPresent();
            assertThat(csvByLogin(report)).hasSize(3)
                    .hasEntrySatisfying("c@corp.example", r -> assertThat(r).containsEntry("outcome", "not_attempted"));
            assertThat(DeletionJournal.read(journal).runs().get(0).options()).containsEntry("maxDuration", "PT30S");
        }

        @Test
        void theGracePeriodEndsWithTheLoginsStillInFlightNamedAndAnUnsentChangeReportedAsUnknown() throws IOException,
                InterruptedException {
            addUsers(UserStatus.DEPROVISIONED, "a@corp.example", "b@corp.example", "c@corp.example");
            org.failNext(Route.DELETE_USER, 1, Fault.rateLimited(Duration.ofSeconds(30)));
            Path journal = dir.resolve("run.journal.jsonl");
            Path report = dir.resolve("r.csv");
            CountDownLatch stuck = new CountDownLatch(1);
            int status;
            try {
                // a@'s retry wait never ends (as a request that hangs would not): Ctrl-C, and no grace at all
                status = runBare(command -> duration -> {
                    if (duration.compareTo(Duration.ofSeconds(1)) >= 0) {
                        command.cancel("interrupted (Ctrl-C)");
                        stuck.await();
                    }
                    clock.advance(duration);
                }, "--org-url", org.orgUrl(), "--allow-insecure-http", "--requests-per-minute", "1000000",
                        "--concurrency", "1", "--login", "a@corp.example", "--login", "b@corp.example", "--login",
                        "c@corp.example", "--execute", "--yes", "--grace-period", "0", "--journal",
                        journal.toString(), "--report", report.toString());
            } finally {
                stuck.countDown();
            }

            assertThat(status).isEqualTo(ExitStatus.STOPPED);
            assertThat(err.toString()).contains("The grace period of 0s ended with 1 login still in flight:"
                    + " a@corp.example. Their outcome is unknown");
            assertThat(out.toString()).contains("Summary: stopped (cancelled)");
            Map<String, Map<String, String>> rows = csvByLogin(report);
            assertThat(rows).containsOnlyKeys("a@corp.example", "b@corp.example", "c@corp.example");
            // a@'s DELETE had been sent (answered 429, then its retry hung): not "not attempted", the change may
            // have been made
            assertThat(rows.get("a@corp.example")).containsEntry("outcome", "failed")
                    .hasEntrySatisfying("detail", d -> assertThat(d).contains("the change may have been made",
                            "outcome is unknown"));
            assertThat(rows.get("b@corp.example")).containsEntry("outcome", "not_attempted");
            assertThat(journaled(journal).values()).noneMatch(JournalContents::isFinal); // a resumed run does all
            assertThat(org.user("b@corp.example")).isPresent();
        }

        @Test
        void aLoginHangingInItsLookupWhenTheGracePeriodEndsIsNotAttemptedWithItsOutcomeUnknown() throws IOException,
                InterruptedException {
            addUsers(UserStatus.ACTIVE, "j/smith@corp.example"); // looked up by search: a route of its own
            org.failNext(Route.LIST_USERS, 1, Fault.rateLimited(Duration.ofSeconds(30)));
            Path report = dir.resolve("r.csv");
            CountDownLatch stuck = new CountDownLatch(1);
            int status;
            try {
                status = runBare(command -> duration -> {
                    if (duration.compareTo(Duration.ofSeconds(1)) >= 0) {
                        command.cancel("interrupted (Ctrl-C)");
                        stuck.await();
                    }
                    clock.advance(duration);
                }, "--org-url", org.orgUrl(), "--allow-insecure-http", "--requests-per-minute", "1000000",
                        "--login", "j/smith@corp.example", "--execute", "--yes", "--grace-period", "0",
                        "--report", report.toString());
            } finally {
                stuck.countDown();
            }

            assertThat(status).isEqualTo(ExitStatus.STOPPED);
            assertThat(err.toString()).contains("ended with 1 login still in flight: j/smith@corp.example.");
            assertThat(csvByLogin(report).get("j/smith@corp.example")).containsEntry("outcome", "not_attempted")
                    .hasEntrySatisfying("detail", d -> assertThat(d).contains("its outcome is unknown",
                            "no deactivate or DELETE of it had been sent"));
            assertThat(org.status("j/smith@corp.example")).contains(UserStatus.ACTIVE);
        }

        @Test
        void durationsAreReadAsAdminsWriteThem() {
            Map<String, Duration> valid = Map.of("90m", Duration.ofMinutes(90), "2h", Duration.ofHours(2),
                    "1h30m", Duration.ofMinutes(90), "PT2H", Duration.ofHours(2), "pt1h30m", Duration.ofMinutes(90),
                    "45s", Duration.ofSeconds(45), "500ms", Duration.ofMillis(500), "0", Duration.ZERO,
                    "1d", Duration.ofDays(1));
            valid.forEach((text, duration) -> assertThat(DurationConverter.parse(text)).as(text).isEqualTo(duration));
            for (String bad : List.of("", "2 hours", "-5m", "PT-1H", "5", "m")) {
                assertThat(catchThrowable(() -> DurationConverter.parse(bad)))
                        .as(bad).hasMessageContaining("is not a duration: write it as 90m, 2h");
            }
            assertThat(DurationConverter.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
            assertThat(run("--login", "a@corp.example", "--max-duration", "soon")).isEqualTo(ExitStatus.USAGE);
            assertThat(err.toString()).contains("'soon' is not a duration");
            assertThat(run("--login", "a@corp.example", "--max-duration", "0")).isEqualTo(ExitStatus.USAGE);
            assertThat(run("--login", "a@corp.example", "--grace-period", "999999999d")).isEqualTo(ExitStatus.USAGE);
            assertThat(err.toString()).contains("--grace-period must be at most 24h");
            assertThat(org.requestCount()).isZero();
        }
    }

    @Nested
    class AdaptivePace {

        @Test
        void adaptivePacingIsTheDefaultWithTheLibrarysConcurrencyAndAnExplicitRateIsACap() throws IOException {
            addUsers(UserStatus.ACTIVE, "a@corp.example", "b@corp.example", "c@corp.example");
            Path journal = dir.resolve("adaptive.journal.jsonl");

            int status = runBare("--org-url", org.orgUrl(), "--allow-insecure-http", "--login", "a@corp.example",
                    "--execute", "--yes", "--journal", journal.toString());

            assertThat(status).as(err.toString()).isEqualTo(ExitStatus.OK);
            assertThat(err.toString()).contains("pace:  adaptive, by the rate limits in the org's X-Rate-Limit"
                    + " headers, at most 50 at a time (the default)");
            assertThat(org.deletedLogins()).containsExactly("a@corp.example");
            assertThat(DeletionJournal.read(journal).runs().get(0).options()).containsEntry("pace", "adaptive")
                    .containsEntry("concurrency", "50").doesNotContainKey("requestsPerMinute")
                    .doesNotContainKey("maxShare");

            // --max-share no longer needs --adaptive; --adaptive is accepted and changes nothing
            assertThat(runBare("--org-url", org.orgUrl(), "--allow-insecure-http", "--concurrency", "2",
                    "--login", "b@corp.example", "--execute", "--yes", "--max-share", "0.8")).isEqualTo(ExitStatus.OK);
            assertThat(err.toString()).contains("pace:  adaptive, by the rate limits in the org's X-Rate-Limit"
                    + " headers, up to 80% of each bucket, at most 2 at a time\n");

            assertThat(run("--login", "c@corp.example", "--execute", "--yes", "--adaptive")).isEqualTo(ExitStatus.OK);
            assertThat(err.toString()).contains("pace:  adaptive, by the rate limits in the org's X-Rate-Limit"
                    + " headers, at most 1000000 requests a minute, at most 1 at a time");
            assertThat(org.deletedLogins()).hasSize(3);
        }

        @Test
        void fixedRateReturnsToAFixedPaceAtTheRateGiven() throws IOException {
            addUsers(UserStatus.ACTIVE, "a@corp.example");
            Path journal = dir.resolve("fixed.journal.jsonl");

            int status = run("--login", "a@corp.example", "--execute", "--yes", "--fixed-rate", "--journal",
                    journal.toString());

            assertThat(status).as(err.toString()).isEqualTo(ExitStatus.OK);
            assertThat(err.toString()).contains("pace:  fixed, 1000000 requests a minute evenly spaced, at most 1"
                    + " at a time");
            assertThat(org.deletedLogins()).containsExactly("a@corp.example");
            assertThat(DeletionJournal.read(journal).runs().get(0).options()).containsEntry("pace", "fixed")
                    .containsEntry("requestsPerMinute", "1000000").containsEntry("concurrency", "1");
        }

        @Test
        void maxShareIsRefusedWithFixedRateAndMustBeAShareOfAtMostOne() {
            assertThat(run("--login", "a@corp.example", "--fixed-rate", "--max-share", "0.5"))
                    .isEqualTo(ExitStatus.USAGE);
            assertThat(err.toString()).contains("--max-share applies to the adaptive pace only (the default)");
            assertThat(run("--login", "a@corp.example", "--max-share", "1.5")).isEqualTo(ExitStatus.USAGE);
            assertThat(err.toString()).contains("--max-share must be more than 0 and at most 1");
            assertThat(run("--login", "a@corp.example", "--fixed-rate", "--adaptive")).isEqualTo(ExitStatus.USAGE);
            assertThat(err.toString()).contains("--fixed-rate and --adaptive contradict each other");
            assertThat(run("--login", "a@corp.example", "--concurrency", "76")).isEqualTo(ExitStatus.USAGE);
            assertThat(err.toString()).contains("--concurrency must be from 1 to 75");
            assertThat(org.requestCount()).isZero();
        }
    }

    private static String[] concat(List<String> first, String... rest) {
        List<String> all = new ArrayList<>(first);
        all.addAll(Arrays.asList(rest));
        return all.toArray(String[]::new);
    }

    @Nested
    class BadInput {

        /** What a stack trace looks like in any of the outputs. */
        private void assertNoStackTrace() {
            assertThat(out.toString() + err.toString()).doesNotContain("at io.github", "Exception in thread", "\tat ",
                    "at java.", "Caused by:");
        }

        @Test
        void unreadableFilesAreRefusedNamingTheFileAndTheLineBeforeAnyCall() throws IOException {
            byte[] tenMegabytes = new byte[10 * 1024 * 1024];
            Arrays.fill(tenMegabytes, (byte) 'a');
            byte[] binary = new byte[4096];
            new Random(7).nextBytes(binary);
            binary[0] = 0; // as a binary file, or UTF-16 without a byte order mark, starts
            Map<String, byte[]> corpus = new LinkedHashMap<>();
            Map<String, String> expected = new LinkedHashMap<>();
            corpus.put("empty.csv", new byte[0]);
            expected.put("empty.csv", ": the file is empty. Give the file of the users to delete");
            corpus.put("bom-only.csv", BOM);
            expected.put("bom-only.csv", ": the file is empty.");
            corpus.put("header-only.csv", (PHR_HEADER + "\r\n").getBytes(StandardCharsets.UTF_8));
            expected.put("header-only.csv", ": the file has a header row (column 'Login') but no logins");
            corpus.put("comments-only.txt", "# leavers\n\n".getBytes(StandardCharsets.UTF_8));
            expected.put("comments-only.txt", ": the file holds no logins (only blank lines or # comments)");
            corpus.put("binary.bin", binary);
            expected.put("binary.bin", ", line 1: the line holds the control character U+0000 (character 1 of the"
                    + " line); a file of logins holds none. This looks like a binary file");
            corpus.put("latin1.csv", "login\nren\u00e9@corp.example\n".getBytes(StandardCharsets.ISO_8859_1));
            expected.put("latin1.csv", ", line 2: the file is not UTF-8: byte 0xE9");
            corpus.put("utf16.csv", "login\na@corp.example\n".getBytes(StandardCharsets.UTF_16));
            expected.put("utf16.csv", ", line 1: ");
            corpus.put("unterminated.csv", "login,name\n\"a@corp.example,Ann\nb@corp.example,Bob\n"
                    .getBytes(StandardCharsets.UTF_8));
            expected.put("unterminated.csv", ", line 2: a quoted value is not closed");
            corpus.put("one-line.txt", tenMegabytes);
            expected.put("one-line.txt", ", line 1: the value is 10,485,760 characters long");
            corpus.put("control.txt", "a@corp.example\nb\u0001@corp.example\n".getBytes(StandardCharsets.UTF_8));
            expected.put("control.txt", ", line 2: the line holds the control character U+0001");
            corpus.put("escape.txt", "a@corp.example\n\u001b[31mb@corp.example\n".getBytes(StandardCharsets.UTF_8));
            expected.put("escape.txt", ", line 2: the line holds the control character U+001B");
            addUsers(UserStatus.ACTIVE, "a@corp.example", "b@corp.example");

            for (Map.Entry<String, byte[]> entry : corpus.entrySet()) {
                Path file = dir.resolve(entry.getKey());
                Files.write(file, entry.getValue());

                int status = run("--csv", file.toString(), "--execute", "--yes");

                assertThat(status).as(entry.getKey()).isEqualTo(ExitStatus.USAGE);
                assertThat(err.toString()).as(entry.getKey()).contains("okta-bulk-delete: " + file
                        + expected.get(entry.getKey())).contains("Nothing was changed.");
                assertThat(err.toString().length()).as(entry.getKey()).isLessThan(2_000);
                assertNoStackTrace();
            }
            assertThat(org.requestCount()).isZero();
            assertThat(org.deletedLogins()).isEmpty();
        }

        @Test
        void emptyStandardInputIsBadInputToo() {
            stdin = new ByteArrayInputStream(new byte[0]);

            assertThat(run("-", "--execute", "--yes")).isEqualTo(ExitStatus.USAGE);
            assertThat(err.toString()).contains("standard input: the file is empty");
            assertNoStackTrace();
        }

        @Test
        void loginsThatAreNotLoginsAreSkippedAsInvalidWithoutACall() throws IOException {
            String longLogin = "x".repeat(10_000) + "@corp.example";
            Path file = file("odd.txt", String.join("\n", "login", "me", "ME", "..", ".", longLogin,
                    "tab\tinside@corp.example", "") );
            Path report = dir.resolve("r.csv");

            int status = run("--csv", file.toString(), "--login", "bell\u0007@corp.example", "--login",
                    "nul\u0000@corp.example", "--login", "   ", "--execute", "--yes", "--report", report.toString());

            assertThat(status).as(err.toString()).isEqualTo(ExitStatus.OK);
            List<CSVRecord> rows = csvRows(report);
            assertThat(rows).hasSize(9).allSatisfy(r -> {
                assertThat(r.get("outcome")).isEqualTo("skipped");
                assertThat(r.get("reason")).isEqualTo("invalid_login");
            });
            assertThat(rows).extracting(r -> r.get("login")).contains("me", "..", ".", longLogin,
                    "tab\tinside@corp.example", "bell\u0007@corp.example");
            assertThat(err.toString()).contains("Nothing to delete.");
            // the only call: the token's owner, looked up as the core always does, never because of the input
            assertThat(org.requests()).extracting(RecordedRequest::rawPath).containsOnly("/api/v1/users/me");
            assertThat(org.user(OWNER)).isPresent();
            assertNoStackTrace();
        }

        @Test
        void oddButValidLoginsReachOktaExactlyAsTheyAreAndOnlyThoseUsersAreDeleted() throws IOException {
            List<String> existing = List.of("o'brien+test@corp.example", "with space@corp.example",
                    "what?@corp.example", "hash#tag@corp.example", "100%@corp.example", "%2e%2e@corp.example",
                    "ops/backup@corp.example", "a/../b@corp.example", "ren\u00e9@corp.example",
                    "\u7530\u4e2d@corp.example", "smile\uD83D\uDE00@corp.example", "x@corp.example?expand=all",
                    "semi;colon@corp.example", "back\\slash@corp.example", "quote\"d@corp.example");
            List<String> missing = List.of("https://evil.example/api/v1/users/admin@corp.example",
                    "../admin@corp.example", "..%2Fadmin@corp.example", "admin@corp.example#", "?admin@corp.example",
                    "admin@corp.example/../../me", "%61dmin@corp.example");
            List<String> decoys = List.of("admin@corp.example", "with@corp.example", "b@corp.example",
                    "backup@corp.example", "x@corp.example");
            addUsers(UserStatus.ACTIVE, existing.toArray(String[]::new));
            addUsers(UserStatus.ACTIVE, decoys.toArray(String[]::new));
            List<String> inputs = new ArrayList<>(existing);
            inputs.addAll(missing);
            StringBuilder csv = new StringBuilder("login\n");
            for (String login : inputs) {
                csv.append('"').append(login.replace("\"", "\"\"")).append("\"\n");
            }
            Path file = file("odd.csv", csv.toString());
            Path report = dir.resolve("r.jsonl");

            int status = run("--csv", file.toString(), "--execute", "--yes", "--report", report.toString());

            assertThat(status).as(err.toString()).isEqualTo(ExitStatus.OK);
            assertThat(org.deletedLogins()).containsExactlyInAnyOrderElementsOf(existing);
            assertThat(decoys).allSatisfy(login -> assertThat(org.user(login)).as(login).isPresent());
            assertThat(org.user(OWNER)).isPresent();
            Map<String, String> outcomes = new LinkedHashMap<>();
            jsonRows(report).forEach(r -> outcomes.put(r.get("login").asText(), r.get("outcome").asText()));
            assertThat(outcomes).hasSize(inputs.size());
            existing.forEach(login -> assertThat(outcomes).containsEntry(login, "deleted"));
            missing.forEach(login -> assertThat(outcomes).containsEntry(login, "not_found"));

            // every lookup names exactly an input login (or the token's owner, "me"); changes and the check that a
            // deleted user is gone go by id only
            List<String> lookedUp = new ArrayList<>();
            for (RecordedRequest request : org.requests()) {
                if (request.route() == Route.GET_USER) {
                    assertThat(request.rawQuery()).isNull();
                    String named = percentDecode(request.rawPath().substring("/api/v1/users/".length()));
                    if (!named.matches("00u[A-Za-z0-9]+")) {
                        lookedUp.add(named);
                    }
                } else if (request.route() == Route.LIST_USERS) {
                    lookedUp.add(filteredLogin(request.rawQuery()));
                } else {
                    assertThat(request.rawPath()).as(request.toString())
                            .matches("/api/v1/users/00u[A-Za-z0-9]+(/lifecycle/deactivate|/groups)?");
                }
            }
            assertThat(lookedUp).containsOnlyElementsOf(concatList(inputs, List.of("me")))
                    .containsAll(inputs);
            assertNoStackTrace();
        }
    }

    private static List<String> concatList(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Decodes %XX escapes only: unlike URLDecoder, a '+' stays a '+'. */
    private static String percentDecode(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()) {
                bytes.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The login of a {@code filter=profile.login eq "..."} search, as Okta would read it. */
    private static String filteredLogin(String rawQuery) {
        for (String parameter : rawQuery.split("&")) {
            if (parameter.startsWith("search=")) {
                String filter = percentDecode(parameter.substring("search=".length()).replace("+", "%20"));
                assertThat(filter).startsWith("profile.login eq \"").endsWith("\"");
                String quoted = filter.substring("profile.login eq \"".length(), filter.length() - 1);
                return quoted.replaceAll("\\\\(.)", "$1");
            }
        }
        throw new AssertionError("no search in " + rawQuery);
    }

    @Test
    void helpExplainsTheSafeDefaultsAndTheExitStatuses() {
        assertThat(runBare("--help")).isEqualTo(ExitStatus.OK);

        assertThat(out.toString().replaceAll("\\s+", " "))
                .contains("--requests-per-minute=N", "a hard cap on top of the adaptive pace",
                        "With --fixed-rate it is the pace itself (default: 240", "300 DELETE a minute")
                .contains("--concurrency=N", "1 to 75 (default: the library's 50;")
                .contains("--fixed-rate", "--adaptive", "The default: pace by the org's own rate limits",
                        "it changes nothing", "--max-share=SHARE", "Not with --fixed-rate")
                .contains("Input:", "Connection:", "Safety:", "Pace:", "Output:")
                .contains("Exit status:", "0 no login failed", "3 the run was stopped")
                .contains("--demo")
                .contains("Journal and stopping:", "--journal=FILE", "--resume", "--max-duration=DURATION",
                        "--grace-period=DURATION", "(default: 30s)", "okta-bulk-delete-<UTC time>.journal.jsonl")
                .doesNotContain("(default: 4", "With --adaptive: no limit unless given");
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

package io.github.oktabulkdelete.cli;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.okta.sdk.resource.model.UserStatus;
import io.github.oktabulkdelete.DeletionJournal;
import io.github.oktabulkdelete.DeletionOutcome;
import io.github.oktabulkdelete.JournalContents;
import io.github.oktabulkdelete.testing.FakeOktaOrg;
import io.github.oktabulkdelete.testing.RecordedRequest;
import io.github.oktabulkdelete.testing.Fault;
import io.github.oktabulkdelete.testing.Route;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI in a child process, killed with SIGKILL in the middle of a deletion (no shutdown hook runs, the last journal
 * record may be cut short), then resumed with {@code --resume}: afterwards every login of the input has exactly one
 * final outcome, the users gone from the org are exactly those the journal says were deleted (plus, at most, the
 * logins in flight at the kill, which the killed run deleted without living to record it, and which the resumed run
 * then found gone), nothing was deleted twice, and the report covers every login.
 *
 * <p>The org is a {@link FakeOktaOrg} in this JVM with 20 ms of latency per request, so that the kill lands
 * mid-run. No sleep: the test blocks on the journal's growth through a {@link WatchService}, every wait bounded.
 */
class KillAndResumeTest {

    private static final String TOKEN = "00kill-resume-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
    private static final int USERS = 200;
    /**
     * The fake org's rate-limit windows: Okta's limits a minute, in 5 s. The runs pace adaptively (the default), which
     * spreads a window's budget over it; in a minute's window these runs took about 45 s each, for nothing this test
     * is about.
     */
    private static final Duration WINDOW = Duration.ofSeconds(5);
    private static final int CONCURRENCY = 4;
    private static final int KILL_AFTER = 30;
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final List<String> STAYERS = List.of("stays1@corp.example", "stays2@corp.example",
            "svc-api@corp.example");
    private static final List<UserStatus> STATUSES = List.of(UserStatus.ACTIVE, UserStatus.DEPROVISIONED,
            UserStatus.SUSPENDED, UserStatus.ACTIVE, UserStatus.STAGED);

    @TempDir
    Path dir;

    @Test
    void aRunKilledMidDeletionIsFinishedByResumeAndTheJournalMatchesTheOrg() throws Exception {
        try (FakeOktaOrg org = FakeOktaOrg.builder().apiToken(TOKEN).rateLimitWindow(WINDOW).latency(Duration.ofMillis(20)).start()) {
            Path csv = dir.resolve("leavers.csv");
            List<String> logins = populate(org, csv);
            Path journal = dir.resolve("run.journal.jsonl");

            // 1. the first run, in a process of its own, killed once it has journaled KILL_AFTER outcomes
            Process child = startChild(org, csv, journal, List.of());
            try {
                awaitJournaledOutcomes(journal, KILL_AFTER, child);
                child.destroyForcibly(); // SIGKILL: no shutdown hook, no grace period, no closing of files
                assertThat(child.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            } finally {
                child.destroyForcibly();
            }
            assertThat(child.exitValue()).as(childOutput()).isNotZero();
            JournalContents killed = DeletionJournal.read(journal); // a cut-short last record is tolerated
            Set<String> finishedByKilledRun = new HashSet<>(killed.finishedLogins());
            assertThat(finishedByKilledRun).hasSizeGreaterThanOrEqualTo(KILL_AFTER).hasSizeLessThan(USERS);
            assertThat(childOutput()).doesNotContain(TOKEN);

            // 2. the resumed run, in-process
            Path report = dir.resolve("report.csv");
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            BulkDeleteCommand command = new BulkDeleteCommand(Map.of("OKTA_CLIENT_TOKEN", TOKEN),
                    new ByteArrayInputStream(new byte[0]), new PrintWriter(out, true), new PrintWriter(err, true),
                    FakeTerminal.none()).withWorkingDirectory(dir);
            int status = command.commandLine().execute("--org-url", org.orgUrl(), "--allow-insecure-http",
                    "--csv", csv.toString(), "--execute", "--yes", "--journal", journal.toString(), "--resume",
                    "--report", report.toString(), "--no-progress", "--requests-per-minute", "100000",
                    "--concurrency", Integer.toString(CONCURRENCY));

            assertThat(status).as(err.toString()).isEqualTo(ExitStatus.OK);
            assertThat(err.toString()).contains("resume: 1 earlier run in the journal; " + finishedByKilledRun.size()
                    + " of the " + USERS + " logins of the input finished");
            killed.tornTail().ifPresent(torn -> assertThat(err.toString()).contains("journal: note: " + torn));

            // 3. every login of the input has exactly one outcome, and it is final
            JournalContents done = DeletionJournal.read(journal);
            assertThat(done.runs()).hasSize(2);
            assertThat(done.outcomes()).hasSize(USERS).allSatisfy(o -> assertThat(JournalContents.isFinal(o))
                    .as(o.toString()).isTrue());
            assertThat(done.outcomes()).extracting(o -> o.login().toLowerCase(Locale.ROOT))
                    .containsExactlyInAnyOrderElementsOf(logins);

            // 4. the users gone are the logins the journal says were deleted, plus at most those in flight at the kill
            Set<String> deletedPerJournal = done.outcomes().stream()
                    .filter(o -> o instanceof DeletionOutcome.Deleted)
                    .map(o -> o.login().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
            Set<String> gone = org.deletedLogins().stream().map(l -> l.toLowerCase(Locale.ROOT))
                    .collect(Collectors.toSet());
            assertThat(gone).containsAll(deletedPerJournal);
            Set<String> deletedUnrecorded = new HashSet<>(gone);
            deletedUnrecorded.removeAll(deletedPerJournal);
            // issue 8 item 10: a user the killed run deleted without living to record it had its intent journaled;
            // the resumed run looked it up by that id and reports it deleted (by the interrupted run), not not_found
            assertThat(deletedUnrecorded).as("every user gone is reported deleted").isEmpty();
            assertThat(done.outcomes()).noneMatch(o -> o instanceof DeletionOutcome.NotFound);
            assertThat(gone).containsExactlyInAnyOrderElementsOf(logins); // every leaver is gone (none was skipped)
            STAYERS.forEach(login -> assertThat(org.user(login)).as(login).isPresent());

            // 5. nothing deleted twice: one DELETE that deleted per user, and one Deleted record per login
            Map<String, Integer> deletes = new HashMap<>();
            for (RecordedRequest request : org.requests()) {
                if (request.route() == Route.DELETE_USER && request.status() == 204) {
                    deletes.merge(request.rawPath(), 1, Integer::sum);
                }
            }
            assertThat(deletes.values()).allSatisfy(n -> assertThat(n).isEqualTo(1));
            assertThat(deletes).hasSize(USERS);
            Map<String, Integer> deletedRecords = new HashMap<>();
            ObjectMapper json = new ObjectMapper();
            for (String line : Files.readAllLines(journal, StandardCharsets.UTF_8)) {
                JsonNode record = readOrNull(json, line);
                if (record != null && "outcome".equals(record.path("type").asText())) {
                    assertThat(record.path("outcome").asText()).as(line).isNotEqualTo("FAILED");
                    if ("DELETED".equals(record.path("outcome").asText())) {
                        deletedRecords.merge(record.path("login").asText().toLowerCase(Locale.ROOT), 1, Integer::sum);
                    }
                }
            }
            assertThat(deletedRecords.values()).allSatisfy(n -> assertThat(n).isEqualTo(1));

            // 6. the report covers every login once, with its outcome over both runs
            try (Reader reader = Files.newBufferedReader(report, StandardCharsets.UTF_8);
                    CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                            .parse(reader)) {
                List<CSVRecord> rows = parser.getRecords();
                assertThat(rows).extracting(r -> r.get("login")).containsExactlyInAnyOrderElementsOf(logins);
                assertThat(rows).allSatisfy(r -> assertThat(r.get("outcome")).isEqualTo("deleted"));
                assertThat(rows.stream().filter(r -> r.get("outcome").equals("deleted")).map(r -> r.get("login"))
                        .collect(Collectors.toSet())).isEqualTo(deletedPerJournal);
            }
            assertThat(out.toString() + err.toString() + Files.readString(report) + Files.readString(journal))
                    .doesNotContain(TOKEN);
        }
    }

    @Test
    void sigtermLetsTheLoginsInFlightFinishCompletesJournalAndReportAndExitsWithThree() throws Exception {
        try (FakeOktaOrg org = FakeOktaOrg.builder().apiToken(TOKEN).rateLimitWindow(WINDOW).latency(Duration.ofMillis(20)).start()) {
            Path csv = dir.resolve("leavers.csv");
            List<String> logins = populate(org, csv);
            Path journal = dir.resolve("run.journal.jsonl");
            Path report = dir.resolve("report.jsonl");

            Process child = startChild(org, csv, journal, List.of("--report", report.toString()));
            try {
                awaitJournaledOutcomes(journal, KILL_AFTER, child);
                child.destroy(); // SIGTERM, as a service manager or kill sends it: the shutdown hook stops the run
                assertThat(child.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            } finally {
                child.destroyForcibly();
            }

            assertThat(child.exitValue()).as(childOutput()).isEqualTo(ExitStatus.STOPPED);
            assertThat(childOutput()).contains("Interrupted: finishing the logins in flight (for up to 30s)")
                    .contains("Summary: stopped (cancelled)")
                    .contains("To finish the run, run the same command with --journal " + journal + " --resume")
                    .doesNotContain("The grace period of").doesNotContain(TOKEN);
            JournalContents stopped = DeletionJournal.read(journal);
            assertThat(stopped.tornRecords()).isEmpty();
            assertThat(stopped.finishedLogins()).hasSizeGreaterThanOrEqualTo(KILL_AFTER).hasSizeLessThan(USERS);
            // the logins in flight finished and were recorded: the org and the journal agree exactly
            Set<String> deletedPerJournal = stopped.outcomes().stream()
                    .filter(o -> o instanceof DeletionOutcome.Deleted)
                    .map(o -> o.login().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
            assertThat(org.deletedLogins()).containsExactlyInAnyOrderElementsOf(deletedPerJournal);
            // the report has a row for every login: those not attempted included
            ObjectMapper json = new ObjectMapper();
            Map<String, String> outcomes = new HashMap<>();
            for (String line : Files.readAllLines(report, StandardCharsets.UTF_8)) {
                JsonNode row = json.readTree(line);
                outcomes.put(row.get("login").asText(), row.get("outcome").asText());
            }
            assertThat(outcomes).containsOnlyKeys(logins);
            assertThat(outcomes.values()).contains("deleted", "not_attempted");
            assertThat(outcomes.entrySet()).filteredOn(e -> e.getValue().equals("deleted")).extracting(
                    Map.Entry::getKey).containsExactlyInAnyOrderElementsOf(deletedPerJournal);
        }
    }

    @Test
    void aRunKilledDuringItsCheckPassIsResumedAsAFreshRun() throws Exception {
        try (FakeOktaOrg org = FakeOktaOrg.builder().apiToken(TOKEN).rateLimitWindow(WINDOW).latency(Duration.ofMillis(20)).start()) {
            Path csv = dir.resolve("leavers.csv");
            List<String> logins = populate(org, csv);
            Path journal = dir.resolve("run.journal.jsonl");
            // the check pass's first call (GET /users/me) reaches the org, which holds its answer: the kill lands
            // inside the check pass (a kill before that call arrived would leave the fault to the resume)
            java.util.concurrent.CountDownLatch arrived = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            org.failNext(Route.GET_USER, 1, Fault.holdAnswerUntil(arrived, release));

            Process child = startChild(org, csv, journal, List.of());
            try {
                awaitJournal(journal, "its run record", lines -> lines.stream()
                        .anyMatch(line -> line.contains("\"type\":\"run\"") && line.endsWith("}")), child);
                assertThat(arrived.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("the check pass's first call")
                        .isTrue();
                child.destroyForcibly(); // SIGKILL during the check pass
                assertThat(child.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            } finally {
                child.destroyForcibly();
                release.countDown(); // the held answer goes to a process that is gone
            }
            assertThat(org.requestCount(Route.GET_USER)).as("killed during the check pass's first call (GET /users/me)")
                    .isLessThanOrEqualTo(1);
            assertThat(org.requestCount(Route.DEACTIVATE_USER) + org.requestCount(Route.DELETE_USER))
                    .as("killed before any change").isZero();
            JournalContents killed = DeletionJournal.read(journal);
            assertThat(killed.runs()).singleElement().satisfies(run ->
                    assertThat(run.options()).containsEntry("mode", "execute"));
            assertThat(killed.outcomes()).isEmpty();

            StringWriter err = new StringWriter();
            int status = new BulkDeleteCommand(Map.of("OKTA_CLIENT_TOKEN", TOKEN),
                    new ByteArrayInputStream(new byte[0]), new PrintWriter(new StringWriter(), true),
                    new PrintWriter(err, true), FakeTerminal.none()).withWorkingDirectory(dir).commandLine()
                    .execute("--org-url", org.orgUrl(), "--allow-insecure-http", "--csv", csv.toString(),
                            "--execute", "--yes", "--journal", journal.toString(), "--resume", "--no-progress",
                            "--requests-per-minute", "100000", "--concurrency", Integer.toString(CONCURRENCY));

            assertThat(status).as(err.toString()).isEqualTo(ExitStatus.OK);
            assertThat(err.toString()).contains("resume: 1 earlier run in the journal; 0 of the " + USERS
                    + " logins of the input finished");
            JournalContents done = DeletionJournal.read(journal);
            assertThat(done.runs()).hasSize(2);
            assertThat(done.outcomes()).hasSize(USERS).allSatisfy(o ->
                    assertThat(o).isInstanceOf(DeletionOutcome.Deleted.class));
            assertThat(org.deletedLogins()).containsExactlyInAnyOrderElementsOf(logins);
            STAYERS.forEach(login -> assertThat(org.user(login)).as(login).isPresent());
        }
    }

    /**
     * Killed while Okta holds the answer to a change it made (a DELETE: the user is gone; a deactivate: the user is
     * deactivated), so the killed run never learns of it and never journals its outcome; only its intent is on disk.
     * The resume looks that user up by the id of its intent: every user gone is reported deleted, none not_found.
     */
    @ParameterizedTest
    @EnumSource(value = Route.class, names = {"DELETE_USER", "DEACTIVATE_USER"})
    void aRunKilledWhileOktaHoldsTheAnswerToAChangeItMadeIsResumedToTheTruth(Route held) throws Exception {
        try (FakeOktaOrg org = FakeOktaOrg.builder().apiToken(TOKEN).rateLimitWindow(WINDOW).latency(Duration.ofMillis(5)).start()) {
            Path csv = dir.resolve("leavers.csv");
            List<String> logins = populate(org, csv).subList(0, USERS);
            Path journal = dir.resolve("run.journal.jsonl");
            CountDownLatch changed = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            org.failNext(held, 1, Fault.holdAnswerUntil(changed, release));

            Process child = startChild(org, csv, journal, List.of());
            try {
                assertThat(changed.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as(childOutput()).isTrue();
                child.destroyForcibly(); // SIGKILL: the change is made, its answer never arrives
                assertThat(child.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            } finally {
                release.countDown();
                child.destroyForcibly();
            }
            JournalContents killed = DeletionJournal.read(journal);
            assertThat(killed.pendingIntents()).as("the held change's intent is on disk, its outcome is not")
                    .isNotEmpty();
            assertThat(killed.runs().get(0).options()).containsKey("plan");

            Path report = dir.resolve("report.csv");
            StringWriter err = new StringWriter();
            int status = new BulkDeleteCommand(Map.of("OKTA_CLIENT_TOKEN", TOKEN),
                    new ByteArrayInputStream(new byte[0]), new PrintWriter(new StringWriter(), true),
                    new PrintWriter(err, true), FakeTerminal.none()).withWorkingDirectory(dir).commandLine()
                    .execute("--org-url", org.orgUrl(), "--allow-insecure-http", "--csv", csv.toString(),
                            "--execute", "--yes", "--journal", journal.toString(), "--resume", "--no-progress",
                            "--report", report.toString(), "--requests-per-minute", "100000", "--concurrency",
                            Integer.toString(CONCURRENCY));

            assertThat(status).as(err.toString()).isEqualTo(ExitStatus.OK);
            assertThat(err.toString()).contains("  plan:  ").doesNotContain("Checking");
            JournalContents done = DeletionJournal.read(journal);
            assertThat(done.pendingIntents()).isEmpty();
            assertThat(done.outcomes().stream().filter(JournalContents::isFinal).map(o -> o.login()
                    .toLowerCase(Locale.ROOT)).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrderElementsOf(logins);
            assertThat(done.outcomes()).noneMatch(o -> o instanceof DeletionOutcome.NotFound);
            assertThat(org.deletedLogins()).containsExactlyInAnyOrderElementsOf(logins);
            STAYERS.forEach(login -> assertThat(org.user(login)).as(login).isPresent());
            try (Reader reader = Files.newBufferedReader(report, StandardCharsets.UTF_8);
                    CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                            .parse(reader)) {
                List<CSVRecord> rows = parser.getRecords();
                assertThat(rows).extracting(r -> r.get("login")).containsExactlyInAnyOrderElementsOf(logins);
                assertThat(rows).allSatisfy(r -> assertThat(r.get("outcome")).as(r.toString()).isEqualTo("deleted"));
                if (held == Route.DELETE_USER) {
                    assertThat(rows).anySatisfy(r -> assertThat(r.get("detail")).contains("interrupted run"));
                }
            }
        }
    }

    /** The leavers, in mixed statuses, written to {@code csv}; and the stayers, who must stay. */
    private static List<String> populate(FakeOktaOrg org, Path csv) throws IOException {
        List<String> logins = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            String login = "leaver" + i + (i % 17 == 0 ? "+contractor" : "") + "@corp.example";
            org.addUser(login, STATUSES.get(i % STATUSES.size()));
            logins.add(login);
        }
        STAYERS.forEach(login -> org.addUser(login, UserStatus.ACTIVE));
        org.setTokenOwner("svc-api@corp.example");
        Files.writeString(csv, "login\n" + String.join("\n", logins) + "\n", StandardCharsets.UTF_8);
        return logins;
    }

    private Process startChild(FakeOktaOrg org, Path csv, Path journal, List<String> moreArgs) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"),
                Main.class.getName(),
                "--org-url", org.orgUrl(), "--allow-insecure-http", "--csv", csv.toString(), "--execute", "--yes",
                "--journal", journal.toString(), "--no-progress", "--requests-per-minute", "100000",
                "--concurrency", Integer.toString(CONCURRENCY)));
        command.addAll(moreArgs);
        assertThat(String.join(" ", command)).doesNotContain(TOKEN);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(dir.resolve("child-out.txt").toFile())
                .redirectError(dir.resolve("child-err.txt").toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().put("OKTA_CLIENT_TOKEN", TOKEN);
        Process process = builder.start();
        process.getOutputStream().close();
        return process;
    }

    /** Blocks until the journal holds {@code wanted} outcome records, woken by the file system, within the timeout. */
    private void awaitJournaledOutcomes(Path journal, int wanted, Process child) throws Exception {
        awaitJournal(journal, wanted + " outcomes", lines -> lines.stream()
                .filter(line -> line.contains("\"type\":\"outcome\"") && line.endsWith("}")).count() >= wanted,
                child);
    }

    /** Blocks until the journal's lines satisfy {@code done}, woken by the file system, within the timeout. */
    private void awaitJournal(Path journal, String what, java.util.function.Predicate<List<String>> done,
            Process child) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try (WatchService watch = dir.getFileSystem().newWatchService()) {
            dir.register(watch, ENTRY_CREATE, ENTRY_MODIFY);
            while (!done.test(Files.exists(journal) ? Files.readAllLines(journal, StandardCharsets.UTF_8)
                    : List.of())) {
                if (!child.isAlive()) {
                    fail("the child ended (exit " + child.exitValue() + ") before it journaled " + what + ": "
                            + childOutput());
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    fail("the child did not journal " + what + " in " + TIMEOUT + ": " + childOutput());
                }
                // woken by the next write; at most a second, to notice a child that died without writing
                WatchKey key = watch.poll(Math.min(left, TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
        }
    }

    private static JsonNode readOrNull(ObjectMapper json, String line) {
        try {
            return json.readTree(line);
        } catch (IOException e) {
            return null; // the record the kill cut short
        }
    }

    private String childOutput() {
        try {
            return Files.readString(dir.resolve("child-out.txt")) + Files.readString(dir.resolve("child-err.txt"));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}

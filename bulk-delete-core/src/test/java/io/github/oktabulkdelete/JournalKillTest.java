package io.github.oktabulkdelete;

import static org.assertj.core.api.Assertions.assertThat;

import com.okta.sdk.resource.model.UserStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} at the library level: a child JVM deletes from a fake org in this JVM, journaling each outcome and
 * printing its login once the journal recorded it; it is killed after 25 of them. The journal then holds every one of
 * them, every user deleted without an outcome record has its intent on disk (at most the logins in flight), and a
 * resumed run finishes the rest, each login once, and reports every user gone as {@code Deleted}, none
 * {@code NotFound}.
 */
class JournalKillTest {

    private static final int USERS = 200;
    private static final int CONCURRENCY = 4;

    @TempDir
    Path dir;

    /** The child: {@code <orgUrl> <token> <journal> <logins file>}. */
    public static void main(String[] args) throws IOException {
        TunedOktaClient client = OktaClients.tuned().orgUrl(args[0]).apiToken(args[1]).allowInsecureHttp(true)
                .connectionPoolSize(CONCURRENCY).build();
        // 100 requests a second: slow enough to be killed half-way, fast enough to get there soon
        BulkUserDeleter deleter = BulkUserDeleter.builder(client).requestsPerMinute(6_000)
                .maxConcurrency(CONCURRENCY).build();
        try (DeletionJournal journal = DeletionJournal.open(Path.of(args[2]), JournalHeader.of(args[0], Map.of(),
                "kill-test"))) {
            deleter.deleteAll(LoginSource.of(Path.of(args[3])), journal, outcome -> {
                System.out.println("recorded " + outcome.login()); // the journal recorded it before this
                System.out.flush();
            }, Cancellation.create());
        }
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aKilledRunLosesAtMostTheLoginsInFlightAndAResumedRunFinishesTheRest() throws Exception {
        try (FaultScenario s = FaultScenario.start()) {
            IntStream.range(0, USERS).forEach(i -> s.user("k" + i + "@corp.example", UserStatus.DEPROVISIONED));
            Path logins = Files.write(dir.resolve("logins.txt"), s.input);
            Path journalFile = dir.resolve("killed.journal.jsonl");
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-cp", classpath, JournalKillTest.class.getName(), s.org.orgUrl(),
                    s.org.apiToken(), journalFile.toString(), logins.toString())
                    .redirectError(dir.resolve("child.err").toFile()).start();
            Set<String> printed = new HashSet<>();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while (printed.size() < 25 && (line = out.readLine()) != null) {
                    printed.add(line.substring("recorded ".length()));
                }
                child.destroyForcibly(); // SIGKILL
            } finally {
                child.destroyForcibly();
                child.waitFor(30, TimeUnit.SECONDS);
            }
            assertThat(printed).as("the child ran (see child.err)").hasSize(25);

            JournalContents killed = DeletionJournal.read(journalFile);
            Set<String> deletedInOrg = lower(s.org.deletedLogins());
            Set<String> recordedDeleted = lower(killed.outcomes().stream()
                    .filter(o -> o instanceof DeletionOutcome.Deleted).map(DeletionOutcome::login).toList());

            assertThat(killed.finishedLogins()).as("every login printed was on disk").containsAll(lower(printed));
            assertThat(deletedInOrg).as("nothing recorded that did not happen").containsAll(recordedDeleted);
            assertThat(deletedInOrg.size() - recordedDeleted.size()).as("deleted but not recorded: in flight")
                    .isLessThanOrEqualTo(CONCURRENCY);
            assertThat(deletedInOrg).as("killed mid-run").hasSizeLessThan(USERS);
            assertThat(deletedInOrg).as("each user deleted is recorded Deleted, or has its intent on disk")
                    .allMatch(login -> recordedDeleted.contains(login) || killed.isInDoubt(login));

            try (DeletionJournal journal = DeletionJournal.open(journalFile, JournalHeader.of(s.org.orgUrl(),
                    Map.of("resume", "true"), "kill-test"))) {
                BulkDeleteSummary resumed = s.deleter().build().resume(killed, LoginSource.of(logins), journal);
                assertThat(resumed.isSuccess()).isTrue();
            }
            JournalContents both = DeletionJournal.read(journalFile);

            assertThat(both.runs()).hasSize(2);
            assertThat(both.outcomes()).hasSize(USERS).allMatch(JournalContents::isFinal);
            assertThat(both.outcomes()).as("every user the runs deleted is Deleted, none NotFound")
                    .allMatch(o -> o instanceof DeletionOutcome.Deleted);
            assertThat(s.org.deletedLogins()).hasSize(USERS);
        }
    }

    private static Set<String> lower(Collection<String> logins) {
        return logins.stream().map(l -> l.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }
}

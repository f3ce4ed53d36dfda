package io.github.oktabulkdelete.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.okta.sdk.resource.model.UserStatus;
import io.github.oktabulkdelete.DeletionJournal;
import io.github.oktabulkdelete.JournalContents;
import io.github.oktabulkdelete.testing.FakeOktaOrg;
import io.github.oktabulkdelete.testing.MutableClock;
import io.github.oktabulkdelete.testing.Route;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8 item 11: the journal exists from the start of a run (its run record forced to disk before the check pass),
 * so that a run killed during its check pass can be resumed, and a journal with no outcome resumes as a fresh run.
 * Issue 8 item 12: a protected entry that names no user of the run is warned about before anything changes.
 */
class JournalFromTheStartTest {

    private static final String TOKEN = "fake-token-journal-from-the-start";

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-27T10:00:00Z"));
    private FakeOktaOrg org;
    private StringWriter err;

    @BeforeEach
    void startOrg() {
        org = FakeOktaOrg.builder().apiToken(TOKEN).clock(clock).start();
        org.addUser("admin@corp.example", UserStatus.ACTIVE);
        org.setTokenOwner("admin@corp.example");
    }

    @AfterEach
    void stopOrg() {
        org.close();
    }

    private int run(Sleeper sleeper, String... args) {
        List<String> all = new ArrayList<>(List.of("--org-url", org.orgUrl(), "--allow-insecure-http",
                "--requests-per-minute", "1000000", "--concurrency", "1", "--yes", "--no-progress"));
        all.addAll(List.of(args));
        err = new StringWriter();
        BulkDeleteCommand command = new BulkDeleteCommand(Map.of("OKTA_CLIENT_TOKEN", TOKEN),
                new ByteArrayInputStream(new byte[0]), new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true), FakeTerminal.none());
        command.withTime(clock, sleeper == null ? clock::advance : sleeper.of(command)).withWorkingDirectory(dir);
        return command.commandLine().execute(all.toArray(String[]::new));
    }

    /** A sleeper made for the command it runs in. */
    private interface Sleeper {
        io.github.oktabulkdelete.Sleeper of(BulkDeleteCommand command);
    }

    @Test
    void theRunRecordIsOnDiskBeforeTheCheckPassStarts() throws IOException {
        org.addUser("a@corp.example", UserStatus.ACTIVE);
        Path journal = dir.resolve("run.journal.jsonl");
        AtomicReference<JournalContents> duringCheck = new AtomicReference<>();
        AtomicReference<Integer> deletesThen = new AtomicReference<>();
        // the check pass's first call (GET /users/me) is answered 429: its wait is where the journal is read
        org.failNext(Route.GET_USER, 1, io.github.oktabulkdelete.testing.Fault.rateLimited(
                java.time.Duration.ofSeconds(5)));

        int status = run(command -> duration -> {
            if (duringCheck.get() == null) {
                try {
                    duringCheck.set(DeletionJournal.read(journal));
                } catch (IOException e) {
                    throw new AssertionError("no journal during the check pass", e);
                }
                deletesThen.set(org.requestCount(Route.DELETE_USER));
            }
            clock.advance(duration);
        }, "--login", "a@corp.example", "--execute", "--journal", journal.toString());

        assertThat(status).as(err.toString()).isEqualTo(ExitStatus.OK);
        assertThat(deletesThen.get()).as("the wait was in the check pass").isZero();
        assertThat(duringCheck.get().runs()).singleElement().satisfies(run ->
                assertThat(run.options()).containsEntry("mode", "execute"));
        assertThat(duringCheck.get().outcomes()).isEmpty();
        assertThat(DeletionJournal.read(journal).runs()).hasSize(1); // the deletion pass wrote to the same run
        assertThat(DeletionJournal.read(journal).finishedLogins()).containsExactly("a@corp.example");
    }

    @Test
    void aJournalWithOnlyItsRunRecordResumesAsAFreshRun() throws IOException {
        org.addUser("a@corp.example", UserStatus.ACTIVE);
        org.addUser("b@corp.example", UserStatus.DEPROVISIONED);
        Path journal = dir.resolve("run.journal.jsonl");
        // a run that ends after its check pass (here refused by --max-deletions) leaves what a kill then leaves
        assertThat(run(null, "--login", "a@corp.example", "--login", "b@corp.example", "--execute",
                "--journal", journal.toString(), "--max-deletions", "1")).isEqualTo(ExitStatus.STOPPED);
        assertThat(Files.readAllLines(journal)).singleElement().asString().contains("\"type\":\"run\"");
        assertThat(org.deletedLogins()).isEmpty();

        int status = run(null, "--login", "a@corp.example", "--login", "b@corp.example", "--execute",
                "--journal", journal.toString(), "--resume");

        assertThat(status).as(err.toString()).isEqualTo(ExitStatus.OK);
        assertThat(err.toString()).contains("1 earlier run in the journal; 0 of the 2 logins of the input finished")
                .contains("2 to do");
        assertThat(org.deletedLogins()).containsExactlyInAnyOrder("a@corp.example", "b@corp.example");
        assertThat(DeletionJournal.read(journal).finishedLogins()).containsExactlyInAnyOrder("a@corp.example",
                "b@corp.example");
    }

    @Test
    void aProtectedEntryThatNamesNoUserOfTheRunIsWarnedAboutBeforeAnythingIsDeleted() throws IOException {
        String bId = org.addUser("b@corp.example", UserStatus.ACTIVE).id();
        org.addUser("jsmith@corp.example", UserStatus.ACTIVE);
        org.addUser("c@corp.example", UserStatus.ACTIVE);
        Path protectFile = dir.resolve("vip.txt");
        Files.writeString(protectFile, "JSmith@corp.example\njsmtih@corp.example\n"); // the second, a typo

        int status = run(null, "--login", "jsmith@corp.example", "--login", "b@corp.example", "--login",
                "c@corp.example", "--execute",
                "--protect", bId, "--protect", "nobody@corp.example", "--protect-file", protectFile.toString());

        assertThat(status).as(err.toString()).isEqualTo(ExitStatus.OK);
        String text = err.toString();
        assertThat(text).contains("Warning: 2 protected entries (--protect, --protect-file) named no user of this"
                + " run, so they protect nobody here: nobody@corp.example, jsmtih@corp.example.");
        assertThat(text.indexOf("Warning: 2 protected entries")).isLessThan(text.indexOf("Confirmed by --yes"));
        assertThat(org.deletedLogins()).containsExactly("c@corp.example"); // b@ protected by id, jsmith@ by login
    }

    @Test
    void everyProtectedEntryMatchingAUserMeansNoWarning() {
        org.addUser("a@corp.example", UserStatus.ACTIVE);
        org.addUser("b@corp.example", UserStatus.ACTIVE);

        int status = run(null, "--login", "a@corp.example", "--login", "b@corp.example", "--protect",
                "B@corp.example");

        assertThat(status).as(err.toString()).isEqualTo(ExitStatus.OK);
        assertThat(err.toString()).doesNotContain("Warning:");
    }
}

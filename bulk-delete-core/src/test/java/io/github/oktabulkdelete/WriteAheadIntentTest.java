package io.github.oktabulkdelete;

import static org.assertj.core.api.Assertions.assertThat;

import com.okta.sdk.resource.model.UserStatus;
import io.github.oktabulkdelete.testing.FakeOktaOrg;
import io.github.oktabulkdelete.testing.Fault;
import io.github.oktabulkdelete.testing.MutableClock;
import io.github.oktabulkdelete.testing.Route;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 8 item 10: the journal records a {@link ChangeIntent}, forced to disk, before a user's first change, and a
 * resumed run looks a user with an intent and no final outcome up by id. A "crash" is simulated at each instant of
 * one login's change: the journal file is copied as it is on disk at that instant (every record is forced, so that
 * is what a {@code kill -9} leaves) and the token is revoked at once, so that the org changes no further. The run is
 * then resumed from the copy against the same org: every user gone is {@code Deleted}, none {@code NotFound}.
 */
class WriteAheadIntentTest {

    private static final List<String> LOGINS = List.of("a@corp.example", "b@corp.example", "c@corp.example");
    private static final JournalHeader HEADER = new JournalHeader(Instant.parse("2026-11-27T10:00:00Z"),
            "https://corp.okta.com", Map.of(), "test");

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-27T10:00:00Z"));
    private FakeOktaOrg org;
    private TunedOktaClient client;

    @BeforeEach
    void startOrg() {
        org = FakeOktaOrg.builder().clock(clock).rateLimit(Route.GET_USER, 10_000).rateLimit(Route.DELETE_USER, 10_000)
                .start();
        org.addUser("admin@corp.example", UserStatus.ACTIVE);
        org.setTokenOwner("admin@corp.example");
        LOGINS.forEach(l -> org.addUser(l, UserStatus.ACTIVE));
        client = org.tunedClient();
    }

    @AfterEach
    void stopOrg() {
        client.close();
        org.close();
    }

    private BulkUserDeleter.Builder deleter() {
        return BulkUserDeleter.builder(client).requestsPerMinute(1_000_000).maxConcurrency(1).clock(clock)
                .sleeper(clock::advance);
    }

    /** The instants of b's change at which the run "dies". */
    enum CrashPoint {
        /** b's intent is on disk; the deactivate has not gone. */
        AFTER_INTENT,
        /** Okta deactivated b; the DELETE has not gone. */
        AFTER_DEACTIVATE,
        /** Okta deleted b; its outcome is not recorded. */
        AFTER_DELETE
    }

    @ParameterizedTest
    @EnumSource(CrashPoint.class)
    void aRunKilledAtAnyInstantOfAChangeResumesToDeletedForEveryUserGone(CrashPoint at) throws IOException {
        Path journalFile = dir.resolve("run.journal.jsonl");
        Path crashed = dir.resolve("crashed.journal.jsonl");
        AtomicBoolean dead = new AtomicBoolean();
        Runnable die = () -> {
            if (!dead.getAndSet(true)) {
                try {
                    Files.copy(journalFile, crashed, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                org.revokeToken(); // nothing after this instant reaches the org
            }
        };
        // forces: 1 the run record, 2 a's intent, 3 a's outcome, 4 b's intent
        HookedFileChannel.AfterForce afterForce = forces -> {
            if (at == CrashPoint.AFTER_INTENT && forces == 4) {
                die.run();
            }
        };
        DeletionListener afterResponse = new DeletionListener() {
            @Override
            public void onRateLimitStatus(RateLimitStatus status) {
                if (at == CrashPoint.AFTER_DEACTIVATE && org.requestCount(Route.DEACTIVATE_USER) == 2
                        || at == CrashPoint.AFTER_DELETE && org.requestCount(Route.DELETE_USER) == 2) {
                    die.run();
                }
            }
        };
        try (DeletionJournal journal = DeletionJournal.open(journalFile, HEADER, clock,
                channel -> HookedFileChannel.withHook(channel, afterForce))) {
            deleter().listener(afterResponse).build().deleteAll(LOGINS, journal);
        }
        assertThat(dead).as("the run died at " + at).isTrue();
        JournalContents done = DeletionJournal.read(crashed);
        String bId = org.user("b@corp.example").map(u -> u.id()).orElse(null);
        assertThat(done.outcome("a@corp.example")).get().isInstanceOf(DeletionOutcome.Deleted.class);
        assertThat(done.outcome("b@corp.example")).as("b's outcome was never written").isEmpty();
        assertThat(done.intent("b@corp.example")).get().satisfies(intent -> {
            assertThat(intent.status()).isEqualTo(UserState.ACTIVE);
            if (bId != null) {
                assertThat(intent.userId()).isEqualTo(bId);
            }
        });
        assertThat(done.isInDoubt("b@corp.example")).isTrue();
        assertThat(org.user("b@corp.example").isEmpty()).isEqualTo(at == CrashPoint.AFTER_DELETE);

        org.restoreToken();
        try (DeletionJournal journal = DeletionJournal.open(crashed, HEADER, clock)) {
            BulkDeleteSummary resumed = deleter().build().resume(done, LOGINS, journal);
            assertThat(resumed.isSuccess()).isTrue();
        }

        JournalContents both = DeletionJournal.read(crashed);
        assertThat(both.outcomes()).hasSize(3).allMatch(o -> o instanceof DeletionOutcome.Deleted);
        assertThat(both.pendingIntents()).isEmpty();
        assertThat(org.deletedLogins()).containsExactlyInAnyOrderElementsOf(LOGINS);
        DeletionOutcome.Deleted b = (DeletionOutcome.Deleted) both.outcome("b@corp.example").orElseThrow();
        assertThat(b.byInterruptedRun()).isEqualTo(at == CrashPoint.AFTER_DELETE);
    }

    @Test
    void anIntentThatCannotBeWrittenHaltsTheBatchAndItsUserIsNotChanged() throws IOException {
        Path journalFile = dir.resolve("full.journal.jsonl");

        BulkDeleteSummary summary;
        try (DeletionJournal journal = DeletionJournal.open(journalFile, HEADER, clock,
                channel -> HookedFileChannel.fullDiskFrom(channel, 2))) { // the run record fits, then the disk is full
            summary = deleter().maxConcurrency(2).build().deleteAll(LOGINS, journal);
        }

        assertThat(summary.stop()).hasValueSatisfying(stop -> {
            assertThat(stop.cause()).isEqualTo(BatchStop.Cause.CONSUMER_FAILED);
            assertThat(stop.message()).contains("intent").contains("No space left on device");
        });
        assertThat(org.requestCount(Route.DEACTIVATE_USER)).isZero();
        assertThat(org.requestCount(Route.DELETE_USER)).isZero();
        LOGINS.forEach(l -> assertThat(org.status(l)).contains(UserStatus.ACTIVE));
        assertThat(summary.counts().notAttempted()).isEqualTo(3);
    }

    @Test
    void aFailedWhoseDeleteMayHaveBeenMadeIsLookedUpByIdOnResumeAndFoundDeleted() throws IOException {
        Path journalFile = dir.resolve("doubt.journal.jsonl");
        org.failNext(Route.DELETE_USER, 1, Fault.afterChange(503)); // a's DELETE is made, its answer lost
        org.failNext(Route.DELETE_USER, 1, Fault.status(503));      // the retry fails: retries run out
        AtomicBoolean armed = new AtomicBoolean();
        DeletionListener checkFails = new DeletionListener() {
            @Override
            public void onRetry(String login, OktaRequestException failure, int attempt, Duration wait) {
                if (failure.step() == Step.DELETE && !armed.getAndSet(true)) {
                    org.failNext(Route.GET_USER, 2, Fault.status(503)); // and the check by id fails too
                }
            }
        };
        try (DeletionJournal journal = DeletionJournal.open(journalFile, HEADER, clock)) {
            deleter().maxAttempts(2).listener(checkFails).build().deleteAll(List.of("a@corp.example"), journal);
        }
        JournalContents done = DeletionJournal.read(journalFile);
        assertThat(done.outcome("a@corp.example")).get().isInstanceOfSatisfying(DeletionOutcome.Failed.class,
                f -> assertThat(f.changeMayHaveBeenMade()).isTrue());
        assertThat(done.isFinished("a@corp.example")).isFalse();
        assertThat(done.isInDoubt("a@corp.example")).isTrue();

        try (DeletionJournal journal = DeletionJournal.open(journalFile, HEADER, clock)) {
            deleter().build().resume(done, List.of("a@corp.example"), journal);
        }

        assertThat(DeletionJournal.read(journalFile).outcome("a@corp.example")).get()
                .isInstanceOfSatisfying(DeletionOutcome.Deleted.class, d -> assertThat(d.byInterruptedRun()).isTrue());
    }

    @Test
    void aUserInDoubtWhoseLoginChangedIsNotTouchedOnResume() throws IOException {
        Path journalFile = dir.resolve("renamed.journal.jsonl");
        String id = org.user("a@corp.example").orElseThrow().id();
        try (DeletionJournal journal = DeletionJournal.open(journalFile, HEADER, clock)) {
            journal.recordIntent(new ChangeIntent("a@corp.example", id, UserState.ACTIVE));
        }
        org.remove("a@corp.example");
        String otherId = org.addUser("renamed@corp.example", UserStatus.ACTIVE).id();
        // the intent names an id that is now another user's (a test's stand-in for a rename)
        try (DeletionJournal journal = DeletionJournal.open(journalFile, HEADER, clock)) {
            journal.recordIntent(new ChangeIntent("b@corp.example", otherId, UserState.ACTIVE));
        }
        JournalContents done = DeletionJournal.read(journalFile);

        try (DeletionJournal journal = DeletionJournal.open(journalFile, HEADER, clock)) {
            deleter().build().resume(done, List.of("a@corp.example", "b@corp.example"), journal);
        }

        JournalContents after = DeletionJournal.read(journalFile);
        assertThat(after.outcome("a@corp.example")).get().isInstanceOfSatisfying(DeletionOutcome.Deleted.class,
                d -> assertThat(d.byInterruptedRun()).isTrue());
        assertThat(after.outcome("b@corp.example")).get().isInstanceOfSatisfying(DeletionOutcome.Skipped.class,
                s -> assertThat(s.reason()).isEqualTo(SkipReason.LOGIN_MISMATCH));
        assertThat(org.status(otherId)).contains(UserStatus.ACTIVE);
    }

    @Test
    void aDeactivatedUserInDoubtReactivatedBeforeTheResumeIsNotDeleted() throws IOException {
        Path journalFile = dir.resolve("reactivated.journal.jsonl");
        org.addUser("d@corp.example", UserStatus.DEPROVISIONED);
        String id = org.user("d@corp.example").orElseThrow().id();
        try (DeletionJournal journal = DeletionJournal.open(journalFile, HEADER, clock)) {
            // the interrupted run found d deactivated and was about to DELETE it
            journal.recordIntent(new ChangeIntent("d@corp.example", id, UserState.DEPROVISIONED));
        }
        org.setStatus("d@corp.example", UserStatus.ACTIVE); // an admin reactivated d before the resume
        JournalContents done = DeletionJournal.read(journalFile);

        try (DeletionJournal journal = DeletionJournal.open(journalFile, HEADER, clock)) {
            deleter().build().resume(done, List.of("d@corp.example"), journal);
        }

        assertThat(DeletionJournal.read(journalFile).outcome("d@corp.example")).get()
                .isInstanceOfSatisfying(DeletionOutcome.Skipped.class,
                        s -> assertThat(s.reason()).isEqualTo(SkipReason.STATUS_CHANGED));
        assertThat(org.requestCount(Route.DEACTIVATE_USER) + org.requestCount(Route.DELETE_USER))
                .as("a DELETE it sent would have left no ACTIVE user: someone reactivated it; leave it").isZero();
        assertThat(org.status("d@corp.example")).contains(UserStatus.ACTIVE);
    }
}

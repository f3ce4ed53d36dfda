package io.github.oktabulkdelete;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.okta.sdk.resource.model.UserStatus;
import io.github.oktabulkdelete.testing.FakeOktaOrg;
import io.github.oktabulkdelete.testing.MutableClock;
import io.github.oktabulkdelete.testing.Route;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plan, then apply (issue 10 item 4): a dry run's outcomes make a {@link DeletionPlan}; applying it fetches each
 * planned user by id, never by login, skips a user renamed or reactivated since, and costs exactly the calls of
 * item 5 per user, through the real SDK against {@link FakeOktaOrg}.
 */
class PlanApplyTest {

    private static final JournalHeader HEADER = new JournalHeader(Instant.parse("2026-11-27T10:00:00Z"),
            "https://corp.okta.com", Map.of(), "test");

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-27T10:00:00Z"));
    private FakeOktaOrg org;
    private TunedOktaClient client;
    private final List<String> logins = List.of("a@corp.example", "b@corp.example", "c@corp.example",
            "d@corp.example", "missing@corp.example", "keep@corp.example", "admin@corp.example");

    @BeforeEach
    void startOrg() {
        org = FakeOktaOrg.builder().clock(clock).start();
        org.addUser("admin@corp.example", UserStatus.ACTIVE);
        org.setTokenOwner("admin@corp.example");
        org.addUser("a@corp.example", UserStatus.ACTIVE);
        org.addUser("b@corp.example", UserStatus.DEPROVISIONED);
        org.addUser("c@corp.example", UserStatus.SUSPENDED);
        org.addUser("d@corp.example", UserStatus.DEPROVISIONED);
        org.addUser("keep@corp.example", UserStatus.ACTIVE);
        client = org.tunedClient();
    }

    @AfterEach
    void stopOrg() {
        client.close();
        org.close();
    }

    private BulkUserDeleter deleter() {
        return BulkUserDeleter.builder(client).requestsPerMinute(1_000_000).maxConcurrency(2).clock(clock)
                .sleeper(clock::advance).protectedLogins(List.of("keep@corp.example")).build();
    }

    private DeletionPlan plan(BulkUserDeleter deleter) throws IOException {
        Path file = dir.resolve("run.plan.jsonl");
        try (DeletionPlan.Writer writer = DeletionPlan.write(file, new DeletionPlan.Header(clock.instant(),
                "https://user:secret@corp.okta.com/?token=x", "0.test", "users.csv"))) {
            deleter.newBuilder().dryRun(true).build().deleteAll(logins, outcome -> writer.accept(PlannedUser.of(outcome)));
        }
        return DeletionPlan.read(file);
    }

    private List<DeletionOutcome> apply(BulkUserDeleter deleter, DeletionPlan plan) throws IOException {
        List<DeletionOutcome> outcomes = new ArrayList<>();
        try (DeletionJournal journal = DeletionJournal.open(dir.resolve("run.journal.jsonl"), HEADER, clock)) {
            deleter.apply(plan, journal, outcomes::add, Cancellation.create());
        }
        return outcomes;
    }

    private static DeletionOutcome of(List<DeletionOutcome> outcomes, String login) {
        return outcomes.stream().filter(o -> o.login().equals(login)).findFirst().orElseThrow();
    }

    @Test
    void aPlanHoldsEveryLoginWhatTheCheckFoundAndNoSecret() throws IOException {
        DeletionPlan plan = plan(deleter());
        assertThat(plan.size()).isEqualTo(7);
        assertThat(plan.toDelete()).isEqualTo(4);
        assertThat(plan.header().orgUrl()).isEqualTo("https://corp.okta.com");
        List<PlannedUser> users = new ArrayList<>();
        plan.users().forEach(users::add);
        assertThat(users).extracting(PlannedUser::login).containsExactlyInAnyOrderElementsOf(logins);
        assertThat(users).filteredOn(u -> u.login().equals("b@corp.example")).singleElement()
                .satisfies(u -> {
                    assertThat(u.action()).isEqualTo(PlannedUser.Action.DELETE);
                    assertThat(u.status()).isEqualTo(UserState.DEPROVISIONED);
                    assertThat(u.userId()).isEqualTo(org.user("b@corp.example").orElseThrow().id());
                });
        assertThat(users).filteredOn(u -> u.login().equals("keep@corp.example")).singleElement()
                .extracting(PlannedUser::reason).isEqualTo(SkipReason.PROTECTED);
        assertThat(users).filteredOn(u -> u.login().equals("admin@corp.example")).singleElement()
                .extracting(PlannedUser::reason).isEqualTo(SkipReason.TOKEN_OWNER);
        assertThat(users).filteredOn(u -> u.login().equals("missing@corp.example")).singleElement()
                .extracting(PlannedUser::action).isEqualTo(PlannedUser.Action.NOT_FOUND);
        String text = Files.readString(plan.file());
        assertThat(text).doesNotContain("secret").doesNotContain("token=").doesNotContain(org.apiToken());
    }

    @Test
    void applyingAPlanCallsOnlyByIdOnePerStepAndTheTokenOwnerOncePerJob() throws IOException {
        BulkUserDeleter deleter = deleter();
        DeletionPlan plan = plan(deleter);
        org.resetCounts();
        List<DeletionOutcome> outcomes = apply(deleter, plan);

        assertThat(org.deletedLogins()).containsExactlyInAnyOrder("a@corp.example", "b@corp.example",
                "c@corp.example", "d@corp.example");
        assertThat(outcomes).hasSize(7);
        assertThat(of(outcomes, "a@corp.example")).isInstanceOf(DeletionOutcome.Deleted.class);
        assertThat(of(outcomes, "missing@corp.example")).isInstanceOf(DeletionOutcome.NotFound.class);
        assertThat(of(outcomes, "keep@corp.example")).isInstanceOf(DeletionOutcome.Skipped.class);
        // per user: one GET by id, one deactivate unless DEPROVISIONED, one DELETE, one verifying GET by id; the
        // token's owner was looked up by the check of the same job: not again
        assertThat(org.requestCount(Route.GET_USER)).isEqualTo(4 + 4);
        assertThat(org.requestCount(Route.DEACTIVATE_USER)).isEqualTo(2);
        assertThat(org.requestCount(Route.DELETE_USER)).isEqualTo(4);
        assertThat(org.requestCount()).isEqualTo(14);
        assertThat(org.requests()).filteredOn(r -> r.route() == Route.GET_USER)
                .allSatisfy(r -> assertThat(r.rawPath()).startsWith("/api/v1/users/00u"));
    }

    @Test
    void aUserRenamedOrReactivatedSinceThePlanIsSkippedAndOneGoneIsNotFound() throws IOException {
        BulkUserDeleter deleter = deleter();
        DeletionPlan plan = plan(deleter);
        org.rename("a@corp.example", "a.renamed@corp.example");
        org.setStatus("b@corp.example", UserStatus.ACTIVE);
        org.remove("c@corp.example");
        org.addUser("c@corp.example", UserStatus.ACTIVE); // the same login, another user: never touched

        List<DeletionOutcome> outcomes = apply(deleter, plan);

        assertThat(of(outcomes, "a@corp.example")).isInstanceOfSatisfying(DeletionOutcome.Skipped.class,
                s -> assertThat(s.reason()).isEqualTo(SkipReason.LOGIN_CHANGED));
        assertThat(of(outcomes, "b@corp.example")).isInstanceOfSatisfying(DeletionOutcome.Skipped.class,
                s -> assertThat(s.reason()).isEqualTo(SkipReason.STATUS_CHANGED));
        assertThat(of(outcomes, "c@corp.example")).isInstanceOf(DeletionOutcome.NotFound.class);
        assertThat(org.deletedLogins()).containsExactly("d@corp.example");
        assertThat(org.user("a.renamed@corp.example")).isPresent();
        assertThat(org.status("c@corp.example")).contains(UserStatus.ACTIVE);
    }

    @Test
    void maxDeletionsCapsTheApply() throws IOException {
        BulkUserDeleter deleter = deleter();
        DeletionPlan plan = plan(deleter);
        List<DeletionOutcome> outcomes = apply(deleter.newBuilder().maxDeletions(2).build(), plan);
        assertThat(outcomes.stream().filter(o -> o instanceof DeletionOutcome.Deleted)).hasSize(2);
        assertThat(org.deletedLogins()).hasSize(2);
    }

    @Test
    void aResumedApplyReportsTheUserTheKilledRunDeletedAsDeletedByItNotNotFound() throws IOException {
        BulkUserDeleter deleter = deleter();
        DeletionPlan plan = plan(deleter);
        Path journalFile = dir.resolve("run.journal.jsonl");
        AtomicBoolean dead = new AtomicBoolean();
        DeletionListener dieAfterSecondDelete = new DeletionListener() {
            @Override
            public void onRateLimitStatus(RateLimitStatus status) {
                if (org.requestCount(Route.DELETE_USER) == 2 && !dead.getAndSet(true)) {
                    org.revokeToken(); // the process "dies": nothing more reaches the org
                }
            }
        };
        try (DeletionJournal journal = DeletionJournal.open(journalFile, HEADER, clock)) {
            deleter.newBuilder().maxConcurrency(1).listener(dieAfterSecondDelete).build()
                    .apply(plan, journal, o -> { }, Cancellation.create());
        }
        org.restoreToken();
        JournalContents done = DeletionJournal.read(journalFile);
        List<DeletionOutcome> resumed = new ArrayList<>();
        try (DeletionJournal journal = DeletionJournal.open(journalFile, HEADER, clock)) {
            deleter.resume(done, plan, journal, resumed::add, Cancellation.create());
        }
        JournalContents all = DeletionJournal.read(journalFile);
        for (String login : org.deletedLogins()) {
            assertThat(all.outcome(login)).as(login).get().isInstanceOf(DeletionOutcome.Deleted.class);
        }
        assertThat(org.deletedLogins()).hasSize(4);
        assertThat(resumed).filteredOn(o -> o instanceof DeletionOutcome.Deleted d && d.byInterruptedRun())
                .isNotEmpty();
    }

    @Test
    void aPlanCutShortOrEditedIsRefusedNamingTheFileAndLine() throws IOException {
        DeletionPlan plan = plan(deleter());
        List<String> lines = Files.readAllLines(plan.file(), StandardCharsets.UTF_8);
        Path cut = dir.resolve("cut.plan.jsonl");
        Files.write(cut, lines.subList(0, lines.size() - 1));
        assertThatThrownBy(() -> DeletionPlan.read(cut)).isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("cut.plan.jsonl").hasMessageContaining("no end record");
        Path edited = dir.resolve("edited.plan.jsonl");
        List<String> changed = new ArrayList<>(lines);
        changed.set(2, "{\"type\":\"user\",\"login\":\"x@corp.example\",\"action\":\"DELETE\"}");
        Files.write(edited, changed);
        assertThatThrownBy(() -> DeletionPlan.read(edited)).isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("edited.plan.jsonl, line 3");
        Path journal = dir.resolve("not-a-plan.jsonl");
        Files.write(journal, List.of("{\"type\":\"run\"}"));
        assertThatThrownBy(() -> DeletionPlan.read(journal)).isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("not a plan file");
    }
}

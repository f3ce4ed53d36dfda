package io.github.oktabulkdelete;

import static org.assertj.core.api.Assertions.assertThat;

import com.okta.sdk.resource.model.UserStatus;
import io.github.oktabulkdelete.testing.FakeOktaOrg;
import io.github.oktabulkdelete.testing.Fault;
import io.github.oktabulkdelete.testing.MutableClock;
import io.github.oktabulkdelete.testing.Route;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 8, "every outcome is true": through the real SDK against {@link FakeOktaOrg}. */
class EveryOutcomeIsTrueTest {

    private static final String TOKEN_OWNER = "admin@corp.example";
    private static final Fault NO_PERMISSION = Fault.status(403, "E0000006",
            "You do not have permission to perform the requested action");

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-27T10:00:00Z"));
    private FakeOktaOrg org;
    private TunedOktaClient client;

    @BeforeEach
    void startOrg() {
        org = FakeOktaOrg.builder().clock(clock)
                .rateLimit(Route.GET_USER, 10_000).rateLimit(Route.LIST_USERS, 10_000)
                .rateLimit(Route.DELETE_USER, 10_000)
                .start();
        org.addUser(TOKEN_OWNER, UserStatus.ACTIVE);
        org.setTokenOwner(TOKEN_OWNER);
        client = org.tunedClient();
    }

    @AfterEach
    void stopOrg() {
        client.close();
        org.close();
    }

    private BulkUserDeleter.Builder deleter() {
        return BulkUserDeleter.builder(client).adaptivePacing(false).requestsPerMinute(1_000_000).maxConcurrency(1).clock(clock)
                .sleeper(clock::advance);
    }

    @Test
    void oneSuperAdminsForbiddenDeactivateFailsThatLoginNotTheBatch() {
        org.addUser("boss@corp.example", UserStatus.ACTIVE);
        org.addUser("a@corp.example", UserStatus.ACTIVE);
        org.addUser("b@corp.example", UserStatus.ACTIVE);
        org.failForUser("boss@corp.example", Route.DEACTIVATE_USER, NO_PERMISSION);

        BulkDeleteResult result = deleter().build()
                .deleteAll(List.of("boss@corp.example", "a@corp.example", "b@corp.example"));

        assertThat(result.summary().stop()).isEmpty();
        assertThat(result.outcomes().get(0)).isInstanceOf(DeletionOutcome.Failed.class);
        assertThat(result.outcomes().subList(1, 3)).allMatch(o -> o instanceof DeletionOutcome.Deleted);
        assertThat(org.deletedLogins()).containsExactlyInAnyOrder("a@corp.example", "b@corp.example");
    }

    @Test
    void threeDistinctUsersForbiddenAtTheirFirstDeactivateStopTheBatchForPermission() {
        List<String> logins = IntStream.range(0, 5).mapToObj(i -> "u" + i + "@corp.example").toList();
        logins.forEach(l -> org.addUser(l, UserStatus.ACTIVE));
        org.failRandomly(Route.DEACTIVATE_USER, 1.0, 1L, NO_PERMISSION);

        BulkDeleteResult result = deleter().build().deleteAll(logins);

        assertThat(result.summary().stop()).map(BatchStop::cause).contains(BatchStop.Cause.PERMISSION_DENIED);
        assertThat(result.outcomes()).hasSize(5);
        assertThat(result.outcomes().subList(0, 3)).allMatch(o -> o instanceof DeletionOutcome.Failed);
        assertThat(result.outcomes().subList(3, 5)).allMatch(o -> o instanceof DeletionOutcome.NotAttempted);
    }

    @Test
    void aFailedJournalStopsChangesOfLoginsInFlight() {
        List<String> logins = IntStream.range(0, 5).mapToObj(i -> "u" + i + "@corp.example").toList();
        logins.forEach(l -> org.addUser(l, UserStatus.ACTIVE));
        // u1 and u2 are in flight, their lookups held by the org, when u0's outcome reaches the failing journal
        CountDownLatch journalFailed = new CountDownLatch(1);
        org.failForUser("u1@corp.example", Route.GET_USER, Fault.holdUntil(journalFailed));
        org.failForUser("u2@corp.example", Route.GET_USER, Fault.holdUntil(journalFailed));
        List<DeletionOutcome> seen = Collections.synchronizedList(new ArrayList<>());

        // u1 and u2 go on once the batch has stopped (not when the consumer is about to throw: under load, their
        // lookups could then finish and their changes start before the stop is set)
        DeletionListener releaseOnStop = new DeletionListener() {
            @Override
            public void onBatchStopped(BatchStop stop) {
                journalFailed.countDown();
            }
        };
        BulkDeleteSummary summary = deleter().maxConcurrency(3).listener(releaseOnStop).build()
                .deleteAll(logins, outcome -> {
                    seen.add(outcome);
                    if (seen.size() == 1) {
                        throw new UncheckedIOException(new IOException("No space left on device"));
                    }
                });

        assertThat(summary.stop()).map(BatchStop::cause).contains(BatchStop.Cause.CONSUMER_FAILED);
        assertThat(seen.get(0)).isInstanceOf(DeletionOutcome.Deleted.class).extracting(DeletionOutcome::login)
                .isEqualTo("u0@corp.example");
        assertThat(org.deletedLogins()).containsExactly("u0@corp.example");
        assertThat(org.requestCount(Route.DEACTIVATE_USER)).as("only u0's").isEqualTo(1);
        assertThat(org.requestCount(Route.DELETE_USER)).as("only u0's").isEqualTo(1);
        logins.subList(1, 5).forEach(l -> assertThat(org.status(l)).as(l).contains(UserStatus.ACTIVE));
        assertThat(seen).extracting(DeletionOutcome::login).containsExactlyInAnyOrderElementsOf(logins);
        assertThat(seen.subList(1, 5)).allMatch(o -> o instanceof DeletionOutcome.NotAttempted);
    }

    @Test
    void anErrorFromTheConsumerStopsTheBatchAndEveryLoginKeepsOneOutcome() {
        List<String> logins = IntStream.range(0, 4).mapToObj(i -> "u" + i + "@corp.example").toList();
        logins.forEach(l -> org.addUser(l, UserStatus.DEPROVISIONED));
        List<DeletionOutcome> seen = new ArrayList<>();

        BulkDeleteSummary summary = deleter().build().deleteAll(logins, outcome -> {
            seen.add(outcome);
            if (seen.size() == 1) {
                throw new AssertionError("a consumer bug");
            }
        });

        assertThat(summary.stop()).map(BatchStop::cause).contains(BatchStop.Cause.CONSUMER_FAILED);
        assertThat(seen).extracting(DeletionOutcome::login).containsExactlyElementsOf(logins);
    }

    @Test
    void anErrorFromTheListenerIsIgnored() {
        org.addUser("a@corp.example", UserStatus.DEPROVISIONED);
        BulkDeleteResult result = deleter().listener(new DeletionListener() {
            @Override
            public void onOutcome(DeletionOutcome outcome) {
                throw new StackOverflowError("a listener bug");
            }
        }).build().deleteAll(List.of("a@corp.example"));

        assertThat(result.outcomes()).singleElement().isInstanceOf(DeletionOutcome.Deleted.class);
    }

    @Test
    void aListenerIsNeverCalledConcurrentlyByTwoBatchesOfOneDeleter() throws Exception {
        List<String> first = IntStream.range(0, 20).mapToObj(i -> "a" + i + "@corp.example").toList();
        List<String> second = IntStream.range(0, 20).mapToObj(i -> "b" + i + "@corp.example").toList();
        first.forEach(l -> org.addUser(l, UserStatus.DEPROVISIONED));
        second.forEach(l -> org.addUser(l, UserStatus.DEPROVISIONED));
        AtomicInteger entered = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        CountDownLatch bothInside = new CountDownLatch(2);
        BulkUserDeleter deleter = deleter().maxConcurrency(2).listener(new DeletionListener() {
            @Override
            public void onOutcome(DeletionOutcome outcome) {
                if (entered.incrementAndGet() > 1) {
                    overlaps.incrementAndGet();
                }
                bothInside.countDown();
                try {
                    // give a concurrent call its chance to enter (without the fix both batches meet here)
                    bothInside.await(50, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    entered.decrementAndGet();
                }
            }
        }).build();

        CompletableFuture<BulkDeleteResult> a = CompletableFuture.supplyAsync(() -> deleter.deleteAll(first));
        CompletableFuture<BulkDeleteResult> b = CompletableFuture.supplyAsync(() -> deleter.deleteAll(second));

        assertThat(a.get(30, TimeUnit.SECONDS).outcomes()).hasSize(20);
        assertThat(b.get(30, TimeUnit.SECONDS).outcomes()).hasSize(20);
        assertThat(overlaps).hasValue(0);
    }

    @Test
    void aLongSIsNotAnS() {
        org.addUser("sam@corp.example", UserStatus.DEPROVISIONED);

        BulkDeleteResult result = deleter().protectedLogins(Set.of("\u017Fam@corp.example")).build()
                .deleteAll(List.of("sam@corp.example", "\u017Fam@corp.example"));

        assertThat(result.outcomes().get(0)).isInstanceOf(DeletionOutcome.Deleted.class);
        assertThat(result.outcomes().get(1)).isInstanceOf(DeletionOutcome.Skipped.class);
    }

    @Test
    void aLoginWithASlashIsFoundWhateverItsCase() {
        String id = org.addUser("J/Smith@corp.example", UserStatus.DEPROVISIONED).id();

        BulkDeleteResult result = deleter().build().deleteAll(List.of("j/smith@corp.example"));

        assertThat(result.outcomes()).singleElement().isInstanceOf(DeletionOutcome.Deleted.class);
        assertThat(org.user(id)).isEmpty();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // items 3 and 4: Deleted means gone, and only Okta's 404 means "not found"

    @Test
    void aUserReactivatedBetweenDeactivateAndDeleteIsNotReportedDeleted() {
        String id = org.addUser("jsmith@corp.example", UserStatus.ACTIVE).id();
        org.failNext(Route.DELETE_USER, 1, Fault.reactivateFirst());

        DeletionOutcome outcome = deleter().build().deleteAll(List.of("jsmith@corp.example")).outcomes().get(0);

        assertThat(org.status(id)).contains(UserStatus.DEPROVISIONED);
        assertThat(outcome).isInstanceOfSatisfying(DeletionOutcome.Failed.class, failed -> {
            assertThat(failed.step()).isEqualTo(Step.DELETE);
            assertThat(failed.message()).contains("still exists, now DEPROVISIONED").contains("reactivated");
        });
    }

    @Test
    void aDeletedUserIsVerifiedGoneWithOneGetById() {
        String id = org.addUser("gone@corp.example", UserStatus.DEPROVISIONED).id();

        DeletionOutcome outcome = deleter().build().deleteAll(List.of("gone@corp.example")).outcomes().get(0);

        assertThat(outcome).isEqualTo(new DeletionOutcome.Deleted("gone@corp.example", id, UserState.DEPROVISIONED,
                false, 3));
        assertThat(org.requestCount(Route.GET_USER)).isEqualTo(3); // me, the lookup, the verification
    }

    @Test
    void verifyDeletionsFalseSkipsTheCheck() {
        org.addUser("quick@corp.example", UserStatus.DEPROVISIONED);

        DeletionOutcome outcome = deleter().verifyDeletions(false).build()
                .deleteAll(List.of("quick@corp.example")).outcomes().get(0);

        assertThat(outcome.kind()).isEqualTo(OutcomeKind.DELETED);
        assertThat(org.requestCount(Route.GET_USER)).isEqualTo(2);
    }

    @Test
    void aWrongOrgUrlAnswering404WithoutOktasBodyStopsTheBatchInsteadOfReportingNotFound() {
        org.addUser("a@corp.example", UserStatus.ACTIVE);
        org.addUser("b@corp.example", UserStatus.ACTIVE);
        org.failRandomly(Route.GET_USER, 1.0, 1L, Fault.notOkta404());

        BulkDeleteResult result = deleter().build().deleteAll(List.of("a@corp.example", "b@corp.example"));

        assertThat(result.outcomes()).noneMatch(o -> o.kind() == OutcomeKind.NOT_FOUND);
        assertThat(result.summary().stop()).hasValueSatisfying(stop -> {
            assertThat(stop.cause()).isEqualTo(BatchStop.Cause.NOT_OKTA);
            assertThat(stop.message()).contains(org.orgUrl()).contains("did not answer like Okta");
        });
        assertThat(org.deletedLogins()).isEmpty();
    }

    @Test
    void aDelete404WithoutOktasBodyIsNotReportedDeleted() {
        String id = org.addUser("c@corp.example", UserStatus.DEPROVISIONED).id();
        org.failNext(Route.DELETE_USER, 1, Fault.notOkta404());

        DeletionOutcome outcome = deleter().build().deleteAll(List.of("c@corp.example")).outcomes().get(0);

        assertThat(outcome.kind()).isEqualTo(OutcomeKind.FAILED);
        assertThat(org.user(id)).isPresent();
    }

    @Test
    void aTokenOwnerLookup404WithoutOktasBodyStopsTheBatch() {
        org.addUser("d@corp.example", UserStatus.DEPROVISIONED);
        org.failNext(Route.GET_USER, 1, Fault.notOkta404());

        BulkDeleteResult result = deleter().build().deleteAll(List.of("d@corp.example"));

        assertThat(result.summary().stop()).hasValueSatisfying(
                stop -> assertThat(stop.cause()).isEqualTo(BatchStop.Cause.NOT_OKTA));
        assertThat(result.outcomes().get(0).kind()).isEqualTo(OutcomeKind.NOT_ATTEMPTED);
        assertThat(org.deletedLogins()).isEmpty();
    }
}

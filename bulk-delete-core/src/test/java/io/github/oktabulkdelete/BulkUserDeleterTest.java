package io.github.oktabulkdelete;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.okta.sdk.cache.Caches;
import com.okta.sdk.resource.client.ApiClient;
import com.okta.sdk.resource.model.UserStatus;
import io.github.oktabulkdelete.testing.FakeOktaOrg;
import io.github.oktabulkdelete.testing.Fault;
import io.github.oktabulkdelete.testing.MutableClock;
import io.github.oktabulkdelete.testing.Route;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Behaviour of {@link BulkUserDeleter} through the real Okta SDK and its HTTP stack, against {@link FakeOktaOrg}.
 * Time is a {@link MutableClock} shared with the fake org; the deleter's sleeper advances it, so waits take none.
 */
class BulkUserDeleterTest {

    private static final String TOKEN_OWNER = "admin@corp.example";

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-27T10:00:00Z"));
    private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
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
        client = tunedClient(4);
    }

    @AfterEach
    void stopOrg() {
        client.close();
        org.close();
    }

    private TunedOktaClient tunedClient(int poolSize) {
        return org.tunedClientBuilder().connectionPoolSize(poolSize).build();
    }

    /**
     * These tests are about outcomes and retries, so at a fixed rate that never makes a request wait: adaptive
     * pacing, the default on a tuned client, has its own tests ({@code AdaptivePacingTest}).
     */
    private BulkUserDeleter.Builder deleter() {
        return BulkUserDeleter.builder(client).adaptivePacing(false).verifyDeletions(false).requestsPerMinute(1_000_000)
                .maxConcurrency(1).clock(clock)
                .sleeper(d -> {
                    sleeps.add(d);
                    clock.advance(d);
                });
    }

    private static DeletionOutcome only(BulkDeleteResult result) {
        assertThat(result.outcomes()).hasSize(1);
        return result.outcomes().get(0);
    }

    @Test
    void activeUserIsDeactivatedThenDeletedById() {
        String id = org.addUser("jsmith@corp.example", UserStatus.ACTIVE).id();

        BulkDeleteResult result = deleter().build().deleteAll(List.of("jsmith@corp.example"));

        assertThat(only(result)).isEqualTo(
                new DeletionOutcome.Deleted("jsmith@corp.example", id, UserState.ACTIVE, true, 3));
        assertThat(org.user("jsmith@corp.example")).isEmpty();
        assertThat(org.deletedLogins()).containsExactly("jsmith@corp.example");
        assertThat(org.requests()).filteredOn(r -> r.route() != Route.GET_USER)
                .allSatisfy(r -> assertThat(r.rawPath()).contains(id));
        assertThat(result.summary().httpRequests()).isEqualTo(4).isEqualTo(org.requestCount());
    }

    @Test
    void everyNonDeprovisionedStatusIsDeactivatedFirstAndDeprovisionedIsOnlyDeleted() {
        List<String> logins = new ArrayList<>();
        for (UserStatus status : UserStatus.values()) {
            if (UserState.parse(status.getValue()) == UserState.UNKNOWN) {
                continue;
            }
            String login = status.getValue().toLowerCase() + "@corp.example";
            org.addUser(login, status);
            logins.add(login);
        }

        BulkDeleteResult result = deleter().maxConcurrency(4).build().deleteAll(logins);

        assertThat(result.outcomes()).allSatisfy(o -> assertThat(o).isInstanceOfSatisfying(
                DeletionOutcome.Deleted.class, d -> assertThat(d.deactivatedByThisRun())
                        .isEqualTo(d.previousStatus() != UserState.DEPROVISIONED)));
        assertThat(org.deletedLogins()).containsExactlyInAnyOrderElementsOf(logins);
        assertThat(org.requestCount(Route.DEACTIVATE_USER)).isEqualTo(logins.size() - 1);
        assertThat(org.requestCount(Route.DELETE_USER)).isEqualTo(logins.size());
    }

    @Test
    void unknownLoginIsNotFound() {
        assertThat(only(deleter().build().deleteAll(List.of("ghost@corp.example"))))
                .isEqualTo(new DeletionOutcome.NotFound("ghost@corp.example", 1));
    }

    @Test
    void shortnameTrapNeverDeletesTheUserTheInputDidNotNameExactly() {
        String id = org.addUser("jsmith@corp.example", UserStatus.ACTIVE).id();

        DeletionOutcome outcome = only(deleter().build().deleteAll(List.of("jsmith")));

        assertThat(outcome).isInstanceOfSatisfying(DeletionOutcome.Skipped.class, s -> {
            assertThat(s.reason()).isEqualTo(SkipReason.LOGIN_MISMATCH);
            assertThat(s.userId()).isEqualTo(id);
            assertThat(s.detail()).contains("jsmith@corp.example");
        });
        assertThat(org.status("jsmith@corp.example")).contains(UserStatus.ACTIVE);
        assertThat(org.requestCount(Route.DEACTIVATE_USER) + org.requestCount(Route.DELETE_USER)).isZero();
    }

    @Test
    void anIdGivenAsALoginIsAMismatchToo() {
        String id = org.addUser("jsmith@corp.example", UserStatus.ACTIVE).id();

        BulkDeleteResult result = deleter().build().deleteAll(List.of(id));

        assertThat(result.summary().counts().skipped(SkipReason.LOGIN_MISMATCH)).isEqualTo(1);
        assertThat(org.status(id)).contains(UserStatus.ACTIVE);
    }

    @Test
    void loginsWithASlashAreFoundBySearchAndDeleted() {
        String id = org.addUser("dept/jdoe@corp.example", UserStatus.SUSPENDED).id();

        DeletionOutcome outcome = only(deleter().build().deleteAll(List.of("DEPT/JDOE@corp.example")));

        assertThat(outcome).isEqualTo(
                new DeletionOutcome.Deleted("DEPT/JDOE@corp.example", id, UserState.SUSPENDED, true, 3));
        assertThat(org.requestCount(Route.LIST_USERS)).isEqualTo(1);
        assertThat(org.requestCount(Route.GET_USER)).as("only the token-owner lookup").isEqualTo(1);
        assertThat(org.deletedLogins()).containsExactly("dept/jdoe@corp.example");
    }

    @Test
    void specialCharactersReachOktaAsTheLoginTheyWere() {
        List<String> logins = List.of("o'brien+test@corp.example", "q?x#y%z@corp.example", "with space@corp.example",
                "jürgen@corp.example", "...@corp.example");
        logins.forEach(l -> org.addUser(l, UserStatus.DEPROVISIONED));

        BulkDeleteResult result = deleter().build().deleteAll(logins);

        assertThat(result.summary().counts().deleted()).isEqualTo(logins.size());
        assertThat(org.deletedLogins()).containsExactlyInAnyOrderElementsOf(logins);
    }

    @Test
    void protectedLoginsAndTheTokenOwnerAreNeverTouched() {
        org.addUser("ceo@corp.example", UserStatus.ACTIVE);
        String byIdProtected = org.addUser("cfo@corp.example", UserStatus.ACTIVE).id();

        BulkDeleteResult result = deleter().protectedLogins(Set.of("CEO@corp.example", byIdProtected)).build()
                .deleteAll(List.of("ceo@corp.example", TOKEN_OWNER, "cfo@corp.example"));

        assertThat(result.outcomes()).extracting(o -> ((DeletionOutcome.Skipped) o).reason())
                .containsExactly(SkipReason.PROTECTED, SkipReason.TOKEN_OWNER, SkipReason.PROTECTED);
        assertThat(org.requestCount(Route.DEACTIVATE_USER) + org.requestCount(Route.DELETE_USER)).isZero();
        assertThat(org.requestCount(Route.GET_USER)).as("me, the owner and cfo; no call for ceo").isEqualTo(3);
        assertThat(org.status(TOKEN_OWNER)).contains(UserStatus.ACTIVE);
    }

    @Test
    void invalidAndDuplicateInputsGetNoCall() {
        org.addUser("a@corp.example", UserStatus.DEPROVISIONED);

        BulkDeleteResult result = deleter().build()
                .deleteAll(java.util.Arrays.asList("  a@corp.example ", "A@CORP.EXAMPLE", "", "me", "..", null));

        assertThat(result.outcomes()).extracting(DeletionOutcome::login)
                .containsExactly("a@corp.example", "A@CORP.EXAMPLE", "", "me", "..", "");
        assertThat(result.outcomes().subList(1, 6)).extracting(o -> ((DeletionOutcome.Skipped) o).reason())
                .containsExactly(SkipReason.DUPLICATE, SkipReason.INVALID_LOGIN, SkipReason.INVALID_LOGIN,
                        SkipReason.INVALID_LOGIN, SkipReason.INVALID_LOGIN);
        assertThat(org.requestCount(Route.GET_USER)).as("me (owner) and a@corp.example").isEqualTo(2);
    }

    @Test
    void dryRunLooksUpAndReportsTheStatusFoundChangingNothing() {
        String id = org.addUser("a@corp.example", UserStatus.LOCKED_OUT).id();

        DeletionOutcome outcome = only(deleter().dryRun(true).build().deleteAll(List.of("a@corp.example")));

        assertThat(outcome).isInstanceOfSatisfying(DeletionOutcome.Skipped.class, s -> {
            assertThat(s.reason()).isEqualTo(SkipReason.DRY_RUN);
            assertThat(s.status()).isEqualTo(UserState.LOCKED_OUT);
            assertThat(s.userId()).isEqualTo(id);
        });
        assertThat(org.status("a@corp.example")).contains(UserStatus.LOCKED_OUT);
        assertThat(org.requestCount(Route.DEACTIVATE_USER) + org.requestCount(Route.DELETE_USER)).isZero();
    }

    @Test
    void deactivate404FromAChangeWhoseAnswerWasLostIsLookedUpAgainAndTheUserDeleted() {
        String id = org.addUser("a@corp.example", UserStatus.ACTIVE).id();
        org.failNext(Route.DEACTIVATE_USER, 1, Fault.afterChange(503));

        DeletionOutcome outcome = only(deleter().build().deleteAll(List.of("a@corp.example")));

        // lookup, deactivate (done, then 503), deactivate again (404: already deprovisioned), lookup by id, delete
        assertThat(outcome).isEqualTo(new DeletionOutcome.Deleted("a@corp.example", id, UserState.ACTIVE, true, 5));
        assertThat(org.requestCount(Route.DEACTIVATE_USER, 404)).isEqualTo(1);
        assertThat(org.deletedLogins()).containsExactly("a@corp.example");
    }

    @Test
    void userDeactivatedBySomeoneElseBetweenLookupAndDeactivateIsStillDeleted() {
        String id = org.addUser("a@corp.example", UserStatus.ACTIVE).id();
        DeletionListener someoneElse = after("GET /api/v1/users/{id}", 2,
                () -> org.setStatus("a@corp.example", UserStatus.DEPROVISIONED));

        DeletionOutcome outcome = only(deleter().listener(someoneElse).build().deleteAll(List.of("a@corp.example")));

        assertThat(outcome).isEqualTo(new DeletionOutcome.Deleted("a@corp.example", id, UserState.ACTIVE, false, 4));
        assertThat(org.deletedLogins()).containsExactly("a@corp.example");
    }

    @Test
    void deactivate404OnAUserThatIsStillActiveFailsAndDeletesNothing() {
        org.addUser("a@corp.example", UserStatus.ACTIVE);
        org.failNext(Route.DEACTIVATE_USER, 1, Fault.status(404, "E0000007", "Not found"));

        DeletionOutcome outcome = only(deleter().build().deleteAll(List.of("a@corp.example")));

        assertThat(outcome).isInstanceOfSatisfying(DeletionOutcome.Failed.class, f -> {
            assertThat(f.step()).isEqualTo(Step.DEACTIVATE);
            assertThat(f.httpStatus()).isEqualTo(404);
        });
        assertThat(org.requestCount(Route.DELETE_USER)).isZero();
        assertThat(org.status("a@corp.example")).contains(UserStatus.ACTIVE);
    }

    @Test
    void delete404MeansGoneAlreadyAndIsReportedDeleted() {
        String id = org.addUser("a@corp.example", UserStatus.DEPROVISIONED).id();
        org.failNext(Route.DELETE_USER, 1, Fault.afterChange(502));

        DeletionOutcome outcome = only(deleter().build().deleteAll(List.of("a@corp.example")));

        assertThat(outcome).isEqualTo(
                new DeletionOutcome.Deleted("a@corp.example", id, UserState.DEPROVISIONED, false, 3));
        assertThat(org.requestCount(Route.DELETE_USER, 404)).isEqualTo(1);
    }

    @Test
    void userDeletedBySomeoneElseBeforeOurDeleteIsReportedDeleted() {
        org.addUser("a@corp.example", UserStatus.ACTIVE);
        DeletionListener someoneElse = after("POST /api/v1/users/{id}/lifecycle/deactivate", 1,
                () -> org.remove("a@corp.example"));

        BulkDeleteResult result = deleter().listener(someoneElse).build().deleteAll(List.of("a@corp.example"));

        assertThat(result.summary().counts().deleted()).isEqualTo(1);
        assertThat(org.requestCount(Route.DELETE_USER, 404)).isEqualTo(1);
    }

    @Test
    void a429WaitsUntilTheResetHeaderOnTheInjectedClockThenSucceeds() {
        org.addUser("a@corp.example", UserStatus.DEPROVISIONED);
        org.failNext(Route.DELETE_USER, 1, Fault.rateLimited(Duration.ofSeconds(20)));
        Instant start = clock.instant();

        BulkDeleteResult result = deleter().build().deleteAll(List.of("a@corp.example"));

        assertThat(result.summary().counts().deleted()).isEqualTo(1);
        assertThat(sleeps).singleElement().satisfies(wait -> assertThat(wait)
                .as("Reset - Date + 1 s, plus at most 10% jitter").isBetween(Duration.ofSeconds(20),
                        Duration.ofMillis(23_200)));
        assertThat(Duration.between(start, clock.instant())).isGreaterThanOrEqualTo(Duration.ofSeconds(20));
        assertThat(org.requestCount(Route.DELETE_USER, 429)).isEqualTo(1);
    }

    @Test
    void theFakeOrgsOwnRateLimitIsWaitedOutWindowByWindow() {
        org.close();
        org = FakeOktaOrg.builder().clock(clock).rateLimit(Route.DELETE_USER, 3)
                .rateLimitWindow(Duration.ofSeconds(60)).start();
        client.close();
        client = tunedClient(4);
        List<String> logins = IntStream.range(0, 7).mapToObj(i -> "u" + i + "@corp.example").toList();
        logins.forEach(l -> org.addUser(l, UserStatus.DEPROVISIONED));

        BulkDeleteResult result = deleter().build().deleteAll(logins);

        assertThat(result.summary().counts().deleted()).isEqualTo(7);
        assertThat(org.deletedLogins()).containsExactlyInAnyOrderElementsOf(logins);
        assertThat(org.requestCount(Route.DELETE_USER, 429)).isEqualTo(2);
        assertThat(sleeps).hasSize(2).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(68)));
    }

    @Test
    void droppedConnectionsAreRetried() {
        org.addUser("a@corp.example", UserStatus.DEPROVISIONED);
        org.failNext(Route.DELETE_USER, 2, Fault.dropConnection());

        DeletionOutcome outcome = only(deleter().build().deleteAll(List.of("a@corp.example")));

        assertThat(outcome).isInstanceOfSatisfying(DeletionOutcome.Deleted.class,
                d -> assertThat(d.attempts()).isEqualTo(4));
        assertThat(sleeps).hasSize(2);
    }

    @Test
    void retriesRunningOutGiveAFailureWithOktasErrorAndTheAttempts() {
        org.addUser("a@corp.example", UserStatus.DEPROVISIONED);
        org.failNext(Route.DELETE_USER, 10, Fault.status(503));

        DeletionOutcome outcome = only(deleter().maxAttempts(3).build().deleteAll(List.of("a@corp.example")));

        assertThat(outcome).isInstanceOfSatisfying(DeletionOutcome.Failed.class, f -> {
            assertThat(f.step()).isEqualTo(Step.DELETE);
            assertThat(f.httpStatus()).isEqualTo(503);
            assertThat(f.errorCode()).startsWith("E0000");
            // lookup, 3 deletes, and a lookup by id: a 503 may come after the delete was made, so a DELETE that
            // fails for good is checked before it is reported Failed
            assertThat(f.attempts()).isEqualTo(5);
        });
        assertThat(org.status("a@corp.example")).contains(UserStatus.DEPROVISIONED);
    }

    @Test
    void a403IsNeverRetriedAndOnceDeletesWorkItFailsOnlyItsLogin() {
        List.of("a@corp.example", "b@corp.example", "c@corp.example")
                .forEach(l -> org.addUser(l, UserStatus.DEPROVISIONED));
        DeletionListener forbidB = after("DELETE /api/v1/users/{id}", 1,
                () -> org.failNext(Route.DELETE_USER, 1, Fault.status(403, "E0000006",
                        "You do not have permission to perform the requested action")));

        BulkDeleteResult result = deleter().listener(forbidB).build()
                .deleteAll(List.of("a@corp.example", "b@corp.example", "c@corp.example"));

        assertThat(result.outcomes()).extracting(DeletionOutcome::kind)
                .containsExactly(OutcomeKind.DELETED, OutcomeKind.FAILED, OutcomeKind.DELETED);
        assertThat(org.requestCount(Route.DELETE_USER, 403)).isEqualTo(1);
        assertThat(sleeps).isEmpty();
        assertThat(result.summary().stop()).isEmpty();
    }

    @Test
    void a403OnTheFirstDeleteFailsOnlyThatLogin() {
        List.of("a@corp.example", "b@corp.example").forEach(l -> org.addUser(l, UserStatus.DEPROVISIONED));
        org.failNext(Route.DELETE_USER, 1, Fault.status(403, "E0000006",
                "You do not have permission to perform the requested action"));

        BulkDeleteResult result = deleter().build().deleteAll(List.of("a@corp.example", "b@corp.example"));

        // one user's 403 (a super admin, a billing contact) is no proof that the token lacks permission
        assertThat(result.outcomes()).extracting(DeletionOutcome::kind)
                .containsExactly(OutcomeKind.FAILED, OutcomeKind.DELETED);
        assertThat(result.summary().stop()).isEmpty();
    }


    @Test
    void an401OnTheFirstCallStopsEverythingAtOnce() {
        org.addUser("a@corp.example", UserStatus.ACTIVE);
        org.revokeToken();

        BulkDeleteResult result = deleter().build().deleteAll(List.of("a@corp.example", "b@corp.example"));

        assertThat(result.outcomes()).extracting(DeletionOutcome::kind)
                .containsExactly(OutcomeKind.NOT_ATTEMPTED, OutcomeKind.NOT_ATTEMPTED);
        assertThat(result.summary().stop()).hasValueSatisfying(
                s -> assertThat(s.cause()).isEqualTo(BatchStop.Cause.AUTHENTICATION_FAILED));
        assertThat(org.requestCount()).isEqualTo(1);
        assertThat(result.toString() + result.outcomes() + result.summary().stop()).doesNotContain(org.apiToken());
    }

    @Test
    void aTokenRevokedMidRunStopsTheBatchAndTheRestAreNotAttempted() {
        List<String> logins = IntStream.range(0, 6).mapToObj(i -> "u" + i + "@corp.example").toList();
        logins.forEach(l -> org.addUser(l, UserStatus.DEPROVISIONED));
        DeletionListener revoke = after("DELETE /api/v1/users/{id}", 2, org::revokeToken);

        BulkDeleteResult result = deleter().listener(revoke).build().deleteAll(logins);

        assertThat(result.outcomes()).extracting(DeletionOutcome::kind).containsExactly(OutcomeKind.DELETED,
                OutcomeKind.DELETED, OutcomeKind.FAILED, OutcomeKind.NOT_ATTEMPTED, OutcomeKind.NOT_ATTEMPTED,
                OutcomeKind.NOT_ATTEMPTED);
        assertThat(result.outcomes().get(2)).isInstanceOfSatisfying(DeletionOutcome.Failed.class,
                f -> assertThat(f.httpStatus()).isEqualTo(401));
        assertThat(org.deletedLogins()).containsExactly("u0@corp.example", "u1@corp.example");
    }

    @Test
    void exactlyOneOutcomePerInputInInputOrderUnderConcurrency() {
        List<String> input = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String login = "user" + i + "@corp.example";
            switch (i % 4) {
                case 0 -> org.addUser(login, UserStatus.ACTIVE);
                case 1 -> org.addUser(login, UserStatus.DEPROVISIONED);
                case 2 -> input.add(login.toUpperCase()); // duplicate follows
                default -> { } // not found
            }
            input.add(login);
        }
        client.close();
        client = tunedClient(8);

        BulkDeleteResult result = deleter().maxConcurrency(8).build().deleteAll(input);

        assertThat(result.outcomes()).extracting(DeletionOutcome::login).containsExactlyElementsOf(input);
        assertThat(result.summary().counts().deleted()).isEqualTo(30);
        assertThat(result.summary().counts().total()).isEqualTo(input.size());
        assertThat(org.deletedLogins()).hasSize(30);
        assertThat(org.maxConcurrentRequests()).as("never more in flight than the workers")
                .isLessThanOrEqualTo(8);
    }

    @Test
    void theTunedClientReportsTheRateLimitHeadersOfSuccessfulResponses() {
        org.addUser("a@corp.example", UserStatus.DEPROVISIONED);
        List<RateLimitStatus> seen = new ArrayList<>();
        DeletionListener listener = new DeletionListener() {
            @Override
            public void onRateLimitStatus(RateLimitStatus status) {
                seen.add(status);
            }
        };

        deleter().listener(listener).build().deleteAll(List.of("a@corp.example"));

        assertThat(seen).extracting(RateLimitStatus::bucket, RateLimitStatus::httpStatus).containsExactly(
                tuple("GET /api/v1/users/{id}", 200), tuple("GET /api/v1/users/{id}", 200),
                tuple("DELETE /api/v1/users/{id}", 204));
        assertThat(seen.get(2).limit()).isEqualTo(10_000);
        assertThat(seen.get(2).remaining()).isEqualTo(9_999);
        assertThat(seen.get(2).reset()).isAfter(clock.instant());
    }

    @Test
    void aTunedClientOwnsItsPoolAndHeaderCaptureAndClosesItsHttpClient() {
        org.addUser("a@corp.example", UserStatus.DEPROVISIONED);
        TunedOktaClient tuned = tunedClient(3);
        List<RateLimitStatus> seen = new ArrayList<>();
        DeletionListener listener = new DeletionListener() {
            @Override
            public void onRateLimitStatus(RateLimitStatus status) {
                seen.add(status);
            }
        };

        BulkUserDeleter deleter = BulkUserDeleter.builder(tuned).maxConcurrency(8).listener(listener).build();
        BulkUserDeleter asPlain = BulkUserDeleter.builder(tuned.apiClient()).maxConcurrency(8).build();

        assertThat(tuned.connectionPoolSize()).isEqualTo(3);
        assertThat(deleter.maxConcurrency()).as("capped by the client's own pool").isEqualTo(3);
        assertThat(asPlain.maxConcurrency()).as("a bare ApiClient is a plain client: no registry finds it tuned")
                .isEqualTo(5);
        assertThat(tuned.toString()).contains(org.orgUrl()).doesNotContain(org.apiToken());
        assertThat(deleter.deleteAll(List.of("a@corp.example")).summary().counts().deleted()).isEqualTo(1);
        assertThat(seen).as("a success's headers, which only the client's capture sees")
                .anyMatch(status -> status.httpStatus() == 204);

        tuned.close();
        tuned.close(); // closing twice does nothing more
        org.addUser("b@corp.example", UserStatus.DEPROVISIONED);
        assertThat(BulkUserDeleter.builder(tuned).build().deleteAll(List.of("b@corp.example")).summary().stop())
                .as("a closed client makes no call").isPresent();
        assertThat(org.status("b@corp.example")).contains(UserStatus.DEPROVISIONED);
    }

    @Test
    void aPlainApiClientWithTheSdkCacheOnStillWorksCorrectly() {
        ApiClient plain = new ApiClient(HttpClients.createDefault(), Caches.newCacheManager().build());
        plain.setBasePath(org.orgUrl());
        plain.setApiKeyPrefix("SSWS");
        plain.setApiKey(org.apiToken());
        org.addUser("a@corp.example", UserStatus.ACTIVE);
        BulkUserDeleter deleter = BulkUserDeleter.builder(plain).verifyDeletions(false).requestsPerMinute(1_000_000).maxConcurrency(8)
                .build();

        BulkDeleteResult first = deleter.deleteAll(List.of("a@corp.example"));
        BulkDeleteResult second = deleter.deleteAll(List.of("a@corp.example"));

        assertThat(deleter.maxConcurrency()).as("the SDK's default pool of 5").isEqualTo(5);
        assertThat(first.summary().counts().deleted()).isEqualTo(1);
        assertThat(second.outcomes()).containsExactly(new DeletionOutcome.NotFound("a@corp.example", 1));
        OktaClients.close(plain);
    }

    @Test
    void streamingFormDeliversEveryOutcomeAndReturnsCountsOnly() {
        List<String> logins = IntStream.range(0, 20).mapToObj(i -> "s" + i + "@corp.example").toList();
        logins.forEach(l -> org.addUser(l, UserStatus.DEPROVISIONED));
        List<DeletionOutcome> seen = new ArrayList<>();

        BulkDeleteSummary summary = deleter().maxConcurrency(4).build().deleteAll(logins, seen::add);

        assertThat(seen).extracting(DeletionOutcome::login).containsExactlyInAnyOrderElementsOf(logins);
        assertThat(summary.counts().deleted()).isEqualTo(20);
        assertThat(summary.httpRequests()).isEqualTo(41);
        assertThat(summary.isSuccess()).isTrue();
    }

    @Test
    void aCancelledBatchFinishesWhatIsInFlightAndReturnsTheRestNotAttempted() {
        List<String> logins = IntStream.range(0, 5).mapToObj(i -> "c" + i + "@corp.example").toList();
        logins.forEach(l -> org.addUser(l, UserStatus.DEPROVISIONED));
        Cancellation cancellation = Cancellation.create();
        DeletionListener cancelAfterTwo = after("DELETE /api/v1/users/{id}", 2, () -> cancellation.cancel("Ctrl-C"));

        BulkDeleteResult result = deleter().listener(cancelAfterTwo).build().deleteAll(logins, cancellation);

        assertThat(result.outcomes()).extracting(DeletionOutcome::kind).containsExactly(OutcomeKind.DELETED,
                OutcomeKind.DELETED, OutcomeKind.NOT_ATTEMPTED, OutcomeKind.NOT_ATTEMPTED, OutcomeKind.NOT_ATTEMPTED);
        assertThat(result.summary().stop()).hasValueSatisfying(s -> {
            assertThat(s.cause()).isEqualTo(BatchStop.Cause.CANCELLED);
            assertThat(s.message()).contains("Ctrl-C");
        });
        assertThat(org.deletedLogins()).containsExactly("c0@corp.example", "c1@corp.example");
    }

    @Test
    void aDeadlineStopsAWorkerWaitingOutA429StormAndMarksItsLogin() {
        List<String> logins = List.of("d0@corp.example", "d1@corp.example");
        logins.forEach(l -> org.addUser(l, UserStatus.DEPROVISIONED));
        org.failNext(Route.DELETE_USER, 100, Fault.rateLimited(Duration.ofMinutes(10)));
        Cancellation cancellation = Cancellation.create().cancelAt(clock.instant().plusSeconds(90));

        BulkDeleteResult result = deleter().build().deleteAll(logins, cancellation);

        // every answer was a 429, which says the DELETE was not made: nothing was changed for it
        assertThat(result.outcomes().get(0)).isInstanceOfSatisfying(DeletionOutcome.NotAttempted.class,
                n -> assertThat(n.reason()).contains("deadline"));
        assertThat(org.user("d0@corp.example")).isPresent();
        assertThat(result.outcomes().get(1)).isInstanceOf(DeletionOutcome.NotAttempted.class);
        assertThat(result.summary().stop()).hasValueSatisfying(s -> assertThat(s.cause()).isEqualTo(BatchStop.Cause.DEADLINE));
        assertThat(sleeps).as("each wait capped at 60 s, though the Reset is 10 minutes away")
                .allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(60)));
        assertThat(org.status("d0@corp.example")).contains(UserStatus.DEPROVISIONED);
    }

    /**
     * A listener that runs an action once, right after the nth response of a bucket: "someone else" acting between
     * two of our calls. Listener calls are serialized and, at concurrency 1, ordered.
     */
    private static DeletionListener after(String bucket, int nth, Runnable action) {
        return new DeletionListener() {
            private int seen;

            @Override
            public void onRateLimitStatus(RateLimitStatus status) {
                if (status.bucket().equals(bucket) && ++seen == nth) {
                    action.run();
                }
            }
        };
    }

    @Test
    void aDeleteAnswered204WithAResetBeyondWhatAnInstantHoldsIsDeletedNotFailed() {
        String id = org.addUser("huge@corp.example", UserStatus.DEPROVISIONED).id();
        org.failNext(Route.DELETE_USER, 1, Fault.headers(Map.of("X-Rate-Limit-Reset", List.of("99999999999999999"))));

        BulkDeleteResult result = deleter().build().deleteAll(List.of("huge@corp.example"));

        assertThat(only(result)).isEqualTo(
                new DeletionOutcome.Deleted("huge@corp.example", id, UserState.DEPROVISIONED, false, 2));
        assertThat(org.user(id)).isEmpty();
    }

    @Test
    void garbageRateLimitHeadersOnEverySuccessNeverBreakACallWithAdaptivePacing() {
        String id = org.addUser("garbage@corp.example", UserStatus.ACTIVE).id();
        Fault garbage = Fault.headers(Map.of(
                "X-Rate-Limit-Limit", List.of("-5", "0, 0", "999999999999999999999"),
                "X-Rate-Limit-Remaining", List.of("0, 0", "x"),
                "X-Rate-Limit-Reset", List.of("99999999999999999", "-1", "0, 0", "31556889864403199")));
        org.failRandomly(null, 1.0, 1L, garbage);

        BulkDeleteResult result = deleter().adaptivePacing(true).build().deleteAll(List.of("garbage@corp.example"));

        assertThat(only(result)).isEqualTo(
                new DeletionOutcome.Deleted("garbage@corp.example", id, UserState.ACTIVE, true, 3));
    }

    @Test
    void a429WithAResetBeyondWhatAnInstantHoldsIsRetriedWithinTheCap() {
        String id = org.addUser("far@corp.example", UserStatus.DEPROVISIONED).id();
        org.failNext(Route.DELETE_USER, 1, Fault.status(429));
        org.failNext(Route.DELETE_USER, 1, Fault.headers(Map.of("X-Rate-Limit-Reset", List.of("31556889864403199"))));

        BulkDeleteResult result = deleter().build().deleteAll(List.of("far@corp.example"));

        assertThat(only(result).kind()).isEqualTo(OutcomeKind.DELETED);
        assertThat(org.user(id)).isEmpty();
        assertThat(sleeps).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(60)));
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504, 429})
    void aTransientAnswerIsRetriedThenTheUserIsDeleted(int status) {
        String id = org.addUser("transient@corp.example", UserStatus.DEPROVISIONED).id();
        org.failNext(Route.DELETE_USER, 2, Fault.status(status));

        BulkDeleteResult result = deleter().build().deleteAll(List.of("transient@corp.example"));

        assertThat(only(result)).isEqualTo(
                new DeletionOutcome.Deleted("transient@corp.example", id, UserState.DEPROVISIONED, false, 4));
    }

    @Test
    void a500WithOktasE0000009BodyIsRetried() {
        String id = org.addUser("internal@corp.example", UserStatus.DEPROVISIONED).id();
        org.failNext(Route.DELETE_USER, 1, Fault.status(500, "E0000009", "Internal Server Error"));

        BulkDeleteResult result = deleter().build().deleteAll(List.of("internal@corp.example"));

        assertThat(only(result).kind()).isEqualTo(OutcomeKind.DELETED);
        assertThat(org.user(id)).isEmpty();
    }
}

package io.github.oktabulkdelete;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.github.oktabulkdelete.internal.FoundUser;
import io.github.oktabulkdelete.internal.OktaGateway;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/** The deletion logic against a mocked gateway: the seams, without HTTP. */
class BulkUserDeleterUnitTest {

    private final OktaGateway gateway = mock(OktaGateway.class);
    private final List<Duration> sleeps = new ArrayList<>();

    @BeforeEach
    void tokenOwner() {
        when(gateway.getUser("me")).thenReturn(new FoundUser("00uowner", "owner@corp.example", UserState.ACTIVE));
    }

    private BulkUserDeleter.Builder deleter() {
        return BulkUserDeleter.builder(gateway, 8).adaptivePacing(false).verifyDeletions(false)
                .requestsPerMinute(1_000_000).maxConcurrency(1)
                .sleeper(sleeps::add);
    }

    private static OktaRequestException error(Step step, int status, String code) {
        return new OktaRequestException(step, status, code, "HTTP " + status, null, null);
    }

    @Test
    void activeUserIsDeactivatedByIdThenDeletedById() {
        when(gateway.getUser("a@corp.example")).thenReturn(new FoundUser("00ua", "a@corp.example", UserState.ACTIVE));

        BulkDeleteResult result = deleter().build().deleteAll(List.of("a@corp.example"));

        assertThat(result.outcomes()).containsExactly(
                new DeletionOutcome.Deleted("a@corp.example", "00ua", UserState.ACTIVE, true, 3));
        InOrder order = inOrder(gateway);
        order.verify(gateway).getUser("me");
        order.verify(gateway).getUser("a@corp.example");
        order.verify(gateway).deactivate("00ua");
        order.verify(gateway).delete("00ua");
        assertThat(result.summary().httpRequests()).isEqualTo(4);
    }

    @Test
    void deprovisionedUserIsOnlyDeleted() {
        when(gateway.getUser("d@corp.example"))
                .thenReturn(new FoundUser("00ud", "d@corp.example", UserState.DEPROVISIONED));

        BulkDeleteResult result = deleter().build().deleteAll(List.of("d@corp.example"));

        assertThat(result.outcomes()).containsExactly(
                new DeletionOutcome.Deleted("d@corp.example", "00ud", UserState.DEPROVISIONED, false, 2));
        verify(gateway, never()).deactivate(anyString());
    }

    @Test
    void deactivate404IsAmbiguousSoTheUserIsLookedUpAgainById() {
        when(gateway.getUser("a@corp.example")).thenReturn(new FoundUser("00ua", "a@corp.example", UserState.ACTIVE));
        doThrow(error(Step.DEACTIVATE, 404, "E0000007")).when(gateway).deactivate("00ua");
        when(gateway.getUser("00ua")).thenReturn(new FoundUser("00ua", "a@corp.example", UserState.DEPROVISIONED));

        BulkDeleteResult result = deleter().build().deleteAll(List.of("a@corp.example"));

        assertThat(result.outcomes()).containsExactly(
                new DeletionOutcome.Deleted("a@corp.example", "00ua", UserState.ACTIVE, false, 4));
        verify(gateway).delete("00ua");
    }

    @Test
    void deactivate404OnAUserStillActiveIsAFailureAndNothingIsDeleted() {
        when(gateway.getUser("a@corp.example")).thenReturn(new FoundUser("00ua", "a@corp.example", UserState.ACTIVE));
        doThrow(error(Step.DEACTIVATE, 404, "E0000007")).when(gateway).deactivate("00ua");
        when(gateway.getUser("00ua")).thenReturn(new FoundUser("00ua", "a@corp.example", UserState.ACTIVE));

        DeletionOutcome outcome = deleter().build().deleteAll(List.of("a@corp.example")).outcomes().get(0);

        assertThat(outcome).isInstanceOfSatisfying(DeletionOutcome.Failed.class, f -> {
            assertThat(f.step()).isEqualTo(Step.DEACTIVATE);
            assertThat(f.httpStatus()).isEqualTo(404);
            assertThat(f.userId()).isEqualTo("00ua");
        });
        verify(gateway, never()).delete(anyString());
    }

    @Test
    void userGoneBeforeTheDeactivateIsNotFound() {
        when(gateway.getUser("a@corp.example")).thenReturn(new FoundUser("00ua", "a@corp.example", UserState.ACTIVE));
        doThrow(error(Step.DEACTIVATE, 404, "E0000007")).when(gateway).deactivate("00ua");
        when(gateway.getUser("00ua")).thenThrow(error(Step.LOOKUP, 404, "E0000007"));

        assertThat(deleter().build().deleteAll(List.of("a@corp.example")).outcomes())
                .containsExactly(new DeletionOutcome.NotFound("a@corp.example", 3));
    }

    @Test
    void tokenOwnerIsNeverTouched() {
        when(gateway.getUser("owner@corp.example"))
                .thenReturn(new FoundUser("00uowner", "owner@corp.example", UserState.ACTIVE));

        DeletionOutcome outcome = deleter().build().deleteAll(List.of("owner@corp.example")).outcomes().get(0);

        assertThat(outcome).isInstanceOfSatisfying(DeletionOutcome.Skipped.class,
                s -> assertThat(s.reason()).isEqualTo(SkipReason.TOKEN_OWNER));
        verify(gateway, never()).deactivate(anyString());
        verify(gateway, never()).delete(anyString());
    }

    @Test
    void tokenOwnerLookupFailingForGoodStopsBeforeAnyChange() {
        when(gateway.getUser("me")).thenThrow(error(Step.LOOKUP, 500, "E0000009"));

        BulkDeleteResult result = deleter().build().deleteAll(List.of("a@corp.example", "b@corp.example"));

        assertThat(result.summary().stop()).hasValueSatisfying(
                s -> assertThat(s.cause()).isEqualTo(BatchStop.Cause.TOKEN_OWNER_UNKNOWN));
        assertThat(result.outcomes()).extracting(DeletionOutcome::kind)
                .containsExactly(OutcomeKind.NOT_ATTEMPTED, OutcomeKind.NOT_ATTEMPTED);
        verify(gateway, never()).getUser("a@corp.example");
    }

    @Test
    void aTokenThatMayNotReadItsOwnerStopsBeforeAnyChange() {
        when(gateway.getUser("me")).thenThrow(error(Step.LOOKUP, 403, "E0000006"));

        BulkDeleteResult result = deleter().build().deleteAll(List.of("a@corp.example"));

        assertThat(result.summary().stop()).hasValueSatisfying(s -> {
            assertThat(s.cause()).isEqualTo(BatchStop.Cause.TOKEN_OWNER_UNKNOWN);
            assertThat(s.message()).contains("okta.users.read");
        });
        verify(gateway, never()).getUser("a@corp.example");
    }

    @Test
    void anUnexpectedExceptionStillGivesTheLoginItsOneOutcomeAndNeverEscapes() {
        when(gateway.getUser("a@corp.example")).thenThrow(new IllegalStateException("SDK surprise"));
        when(gateway.getUser("b@corp.example"))
                .thenReturn(new FoundUser("00ub", "b@corp.example", UserState.DEPROVISIONED));

        BulkDeleteResult result = deleter().build().deleteAll(List.of("a@corp.example", "b@corp.example"));

        assertThat(result.outcomes()).extracting(DeletionOutcome::kind)
                .containsExactly(OutcomeKind.FAILED, OutcomeKind.DELETED);
        assertThat(((DeletionOutcome.Failed) result.outcomes().get(0)).message()).contains("SDK surprise");
    }

    @Test
    void anUnexpectedExceptionLookingUpTheTokenOwnerStopsTheBatchWithoutThrowing() {
        when(gateway.getUser("me")).thenThrow(new IllegalStateException("SDK surprise"));

        BulkDeleteResult result = deleter().build().deleteAll(List.of("a@corp.example"));

        assertThat(result.summary().stop()).hasValueSatisfying(
                s -> assertThat(s.cause()).isEqualTo(BatchStop.Cause.TOKEN_OWNER_UNKNOWN));
        assertThat(result.outcomes()).extracting(DeletionOutcome::kind).containsExactly(OutcomeKind.NOT_ATTEMPTED);
    }

    @Test
    void serviceAppWithoutTokenOwnerProceeds() {
        when(gateway.getUser("me")).thenThrow(error(Step.LOOKUP, 404, "E0000007"));
        when(gateway.getUser("a@corp.example"))
                .thenReturn(new FoundUser("00ua", "a@corp.example", UserState.DEPROVISIONED));

        assertThat(deleter().build().deleteAll(List.of("a@corp.example")).summary().counts().deleted()).isEqualTo(1);
    }

    @Test
    void retryableFailureIsRetriedAfterAWaitThroughTheSleeper() {
        when(gateway.getUser("a@corp.example")).thenThrow(error(Step.LOOKUP, 503, "E0000009"))
                .thenReturn(new FoundUser("00ua", "a@corp.example", UserState.DEPROVISIONED));

        DeletionOutcome outcome = deleter().build().deleteAll(List.of("a@corp.example")).outcomes().get(0);

        assertThat(outcome).isEqualTo(
                new DeletionOutcome.Deleted("a@corp.example", "00ua", UserState.DEPROVISIONED, false, 3));
        assertThat(sleeps).hasSize(1);
        assertThat(sleeps.get(0)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
    }

    @Test
    void retriesRunOutIntoAFailureWithTheAttemptsCounted() {
        when(gateway.getUser("a@corp.example")).thenThrow(error(Step.LOOKUP, 503, "E0000009"));

        DeletionOutcome outcome = deleter().maxAttempts(3).build().deleteAll(List.of("a@corp.example"))
                .outcomes().get(0);

        assertThat(outcome).isEqualTo(new DeletionOutcome.Failed("a@corp.example", Step.LOOKUP, 503, "E0000009",
                "HTTP 503", 3, null));
        assertThat(sleeps).hasSize(2);
    }

    @Test
    void aThrowingListenerNeverBreaksTheBatch() {
        when(gateway.getUser("a@corp.example"))
                .thenReturn(new FoundUser("00ua", "a@corp.example", UserState.DEPROVISIONED));
        DeletionListener throwing = new DeletionListener() {
            @Override
            public void onOutcome(DeletionOutcome outcome) {
                throw new IllegalStateException("listener bug");
            }
        };

        BulkDeleteResult result = deleter().listener(throwing).build().deleteAll(List.of("a@corp.example"));

        assertThat(result.summary().counts().deleted()).isEqualTo(1);
    }

    @Test
    void anInputThatFailsMidwayStopsTheBatchAndKeepsWhatWasDone() {
        when(gateway.getUser("a@corp.example"))
                .thenReturn(new FoundUser("00ua", "a@corp.example", UserState.DEPROVISIONED));
        Iterable<String> input = () -> new Iterator<>() {
            int n;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public String next() {
                if (n++ == 0) {
                    return "a@corp.example";
                }
                throw new IllegalArgumentException("users.csv line 3: no login");
            }
        };

        BulkDeleteResult result = deleter().build().deleteAll(input);

        assertThat(result.outcomes()).hasSize(1).first().extracting(DeletionOutcome::kind)
                .isEqualTo(OutcomeKind.DELETED);
        assertThat(result.summary().stop()).hasValueSatisfying(s -> {
            assertThat(s.cause()).isEqualTo(BatchStop.Cause.INPUT_FAILED);
            assertThat(s.message()).contains("login #2", "users.csv line 3: no login");
        });
    }

    @Test
    void aThrowingConsumerStopsTheBatchSoNoOutcomeGoesUnrecorded() {
        when(gateway.getUser(anyString())).thenAnswer(inv -> {
            String login = inv.getArgument(0);
            return login.equals("me") ? new FoundUser("00uowner", "owner@corp.example", UserState.ACTIVE)
                    : new FoundUser("00u" + login.charAt(0), login, UserState.DEPROVISIONED);
        });

        BulkDeleteSummary summary = deleter().build().deleteAll(List.of("a@x", "b@x", "c@x"), outcome -> {
            throw new IllegalStateException("disk full");
        });

        assertThat(summary.stop()).hasValueSatisfying(
                s -> assertThat(s.cause()).isEqualTo(BatchStop.Cause.CONSUMER_FAILED));
        assertThat(summary.counts().total()).isEqualTo(3);
        assertThat(summary.counts().notAttempted()).isEqualTo(2);
    }

    @Test
    void maxDeletionsStopsBeforeTheFirstChangeTooMany() {
        when(gateway.getUser(anyString())).thenAnswer(inv -> {
            String login = inv.getArgument(0);
            return login.equals("me") ? new FoundUser("00uowner", "owner@corp.example", UserState.ACTIVE)
                    : new FoundUser("00u" + login.charAt(0), login, UserState.ACTIVE);
        });

        BulkDeleteResult result = deleter().maxDeletions(2).build()
                .deleteAll(List.of("a@x", "b@x", "c@x", "d@x"));

        assertThat(result.outcomes()).extracting(DeletionOutcome::kind).containsExactly(OutcomeKind.DELETED,
                OutcomeKind.DELETED, OutcomeKind.NOT_ATTEMPTED, OutcomeKind.NOT_ATTEMPTED);
        assertThat(result.summary().stop()).hasValueSatisfying(
                s -> assertThat(s.cause()).isEqualTo(BatchStop.Cause.DELETION_LIMIT));
        verify(gateway, never()).deactivate("00uc");
    }

    @Test
    void theInputIsReadNoFurtherAheadThanTheWorkersNeed() throws Exception {
        int workers = 3;
        CountDownLatch allBusy = new CountDownLatch(workers);
        CountDownLatch release = new CountDownLatch(1);
        when(gateway.getUser(anyString())).thenAnswer(inv -> {
            String login = inv.getArgument(0);
            if (login.equals("me")) {
                return new FoundUser("00uowner", "owner@corp.example", UserState.ACTIVE);
            }
            allBusy.countDown();
            release.await(10, TimeUnit.SECONDS);
            throw error(Step.LOOKUP, 404, "E0000007");
        });
        AtomicInteger read = new AtomicInteger();
        Iterable<String> input = () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return read.get() < 1000;
            }

            @Override
            public String next() {
                return "user" + read.incrementAndGet() + "@corp.example";
            }
        };
        BulkUserDeleter deleter = BulkUserDeleter.builder(gateway, 8).adaptivePacing(false).verifyDeletions(false)
                .requestsPerMinute(1_000_000)
                .maxConcurrency(workers).build();
        Thread batch = new Thread(() -> deleter.deleteAll(input, outcome -> { }));
        batch.start();

        assertThat(allBusy.await(10, TimeUnit.SECONDS)).isTrue();
        int readWhileAllWorkersAreBusy = read.get();
        release.countDown();
        batch.join(TimeUnit.SECONDS.toMillis(30));

        assertThat(readWhileAllWorkersAreBusy).isEqualTo(workers);
        assertThat(read.get()).isEqualTo(1000);
    }
}

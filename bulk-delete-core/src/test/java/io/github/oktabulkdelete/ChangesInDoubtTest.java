package io.github.oktabulkdelete;

import static org.assertj.core.api.Assertions.assertThat;

import com.okta.sdk.resource.model.UserStatus;
import io.github.oktabulkdelete.testing.FakeOktaOrg;
import io.github.oktabulkdelete.testing.Fault;
import io.github.oktabulkdelete.testing.MutableClock;
import io.github.oktabulkdelete.testing.Route;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 8 item 2: a deactivate or DELETE whose answer was lost or not definitive is settled with a GET by id before
 * it is reported, also when a cancellation, a deadline or an interrupt lands while waiting to retry it; if even that
 * GET fails, the outcome says the change may have been made. Through the real SDK against {@link FakeOktaOrg}.
 */
class ChangesInDoubtTest {

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-27T10:00:00Z"));
    private final Cancellation cancellation = Cancellation.create();
    private FakeOktaOrg org;
    private TunedOktaClient client;

    @BeforeEach
    void startOrg() {
        org = FakeOktaOrg.builder().clock(clock).rateLimit(Route.GET_USER, 10_000).rateLimit(Route.DELETE_USER, 10_000)
                .start();
        org.addUser("admin@corp.example", UserStatus.ACTIVE);
        org.setTokenOwner("admin@corp.example");
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

    /** Cancels the batch at the first retry of {@code step}, after running {@code alsoThen}. */
    private DeletionListener cancelAtRetryOf(Step step, Runnable alsoThen) {
        return new DeletionListener() {
            @Override
            public void onRetry(String login, OktaRequestException failure, int attempt, Duration wait) {
                if (failure.step() == step && !cancellation.isCancelled()) {
                    alsoThen.run();
                    cancellation.cancel("Ctrl-C");
                }
            }
        };
    }

    private DeletionOutcome deleteOne(BulkUserDeleter.Builder deleter, String login) {
        return deleter.build().deleteAll(List.of(login), cancellation).outcomes().get(0);
    }

    @Test
    void aDeleteWhoseAnswerWasLostAndThenCancelledWhileWaitingToRetryIsSettledAndReportedDeleted() {
        String id = org.addUser("a@corp.example", UserStatus.DEPROVISIONED).id();
        org.failNext(Route.DELETE_USER, 1, Fault.afterChange(503));

        DeletionOutcome outcome = deleteOne(deleter().listener(cancelAtRetryOf(Step.DELETE, () -> { })),
                "a@corp.example");

        assertThat(org.user(id)).isEmpty();
        assertThat(outcome).isInstanceOf(DeletionOutcome.Deleted.class);
        assertThat(org.requestCount(Route.DELETE_USER)).as("not retried after the stop").isEqualTo(1);
    }

    @Test
    void aDeactivateWhoseAnswerWasLostAndThenCancelledIsSettledAsDeactivatedNotAsNothingDone() {
        String id = org.addUser("b@corp.example", UserStatus.ACTIVE).id();
        org.failNext(Route.DEACTIVATE_USER, 1, Fault.afterChange(504));

        DeletionOutcome outcome = deleteOne(deleter().listener(cancelAtRetryOf(Step.DEACTIVATE, () -> { })),
                "b@corp.example");

        assertThat(org.status(id)).contains(UserStatus.DEPROVISIONED);
        assertThat(outcome).isInstanceOfSatisfying(DeletionOutcome.Failed.class, f -> {
            assertThat(f.message()).contains("deactivated, then stopped before the delete");
            assertThat(f.changeMayHaveBeenMade()).as("settled: certainly not deleted").isFalse();
        });
    }

    @Test
    void aDeactivateRefusedThenCancelledChangedNothingAndSaysSo() {
        String id = org.addUser("c@corp.example", UserStatus.ACTIVE).id();
        org.failNext(Route.DEACTIVATE_USER, 1, Fault.status(503)); // not made: the user stays ACTIVE

        DeletionOutcome outcome = deleteOne(deleter().listener(cancelAtRetryOf(Step.DEACTIVATE, () -> { })),
                "c@corp.example");

        assertThat(org.status(id)).contains(UserStatus.ACTIVE);
        assertThat(outcome).isInstanceOf(DeletionOutcome.NotAttempted.class);
    }

    @Test
    void whenTheCheckByIdFailsTooTheOutcomeSaysTheDeleteMayHaveBeenMade() {
        String id = org.addUser("d@corp.example", UserStatus.DEPROVISIONED).id();
        org.failNext(Route.DELETE_USER, 1, Fault.afterChange(502));

        DeletionOutcome outcome = deleteOne(deleter().listener(cancelAtRetryOf(Step.DELETE,
                () -> org.failNext(Route.GET_USER, 1, Fault.status(503)))), "d@corp.example");

        assertThat(org.user(id)).isEmpty();
        assertThat(outcome).isInstanceOfSatisfying(DeletionOutcome.Failed.class, f -> {
            assertThat(f.changeMayHaveBeenMade()).isTrue();
            assertThat(f.message()).contains("may have been made").doesNotContain("nothing");
            assertThat(f.userId()).isEqualTo(id);
        });
    }

    @Test
    void aVerificationCancelledWhileWaitingToRetryIsSettledNotReportedAsNothingDone() {
        String id = org.addUser("e@corp.example", UserStatus.DEPROVISIONED).id();
        AtomicBoolean armed = new AtomicBoolean();
        DeletionListener listener = new DeletionListener() {
            @Override
            public void onRateLimitStatus(RateLimitStatus status) {
                // right after the DELETE's 204: the verification GET answers 503
                if (org.requestCount(Route.DELETE_USER) == 1 && !armed.getAndSet(true)) {
                    org.failNext(Route.GET_USER, 1, Fault.status(503));
                }
            }

            @Override
            public void onRetry(String login, OktaRequestException failure, int attempt, Duration wait) {
                cancellation.cancel("Ctrl-C");
            }
        };

        DeletionOutcome outcome = deleteOne(deleter().listener(listener), "e@corp.example");

        assertThat(org.user(id)).isEmpty();
        assertThat(outcome).isInstanceOf(DeletionOutcome.Deleted.class);
    }

    @Test
    void aDeadlineThatLandsWhileWaitingToRetryALostDeleteIsSettled() {
        String id = org.addUser("f@corp.example", UserStatus.DEPROVISIONED).id();
        org.failNext(Route.DELETE_USER, 1, Fault.afterChange(500));
        Cancellation deadline = Cancellation.create().cancelAt(clock.instant().plusMillis(1));

        DeletionOutcome outcome = deleter().build().deleteAll(List.of("f@corp.example"), deadline).outcomes().get(0);

        assertThat(org.user(id)).isEmpty();
        assertThat(outcome).isInstanceOf(DeletionOutcome.Deleted.class);
    }

    @Test
    void anInterruptWhileWaitingToRetryALostDeleteIsSettled() {
        String id = org.addUser("g@corp.example", UserStatus.DEPROVISIONED).id();
        org.failNext(Route.DELETE_USER, 1, Fault.dropConnection());
        org.failNext(Route.DELETE_USER, 1, Fault.afterChange(503)); // the retry deletes; its answer is lost
        AtomicBoolean slept = new AtomicBoolean();

        BulkDeleteResult result = deleter().sleeper(d -> {
            if (slept.getAndSet(true)) {
                throw new InterruptedException("shutting down");
            }
            clock.advance(d);
        }).build().deleteAll(List.of("g@corp.example"));

        assertThat(org.user(id)).isEmpty();
        assertThat(result.outcomes().get(0)).isInstanceOf(DeletionOutcome.Deleted.class);
        assertThat(result.summary().stop()).map(BatchStop::cause).contains(BatchStop.Cause.INTERRUPTED);
    }

    @Test
    void aDeleteWhoseRetriesRanOutAndWhoseCheckFailedSaysItMayHaveBeenMade() {
        String id = org.addUser("h@corp.example", UserStatus.DEPROVISIONED).id();
        org.failNext(Route.DELETE_USER, 1, Fault.afterChange(503));
        org.failNext(Route.DELETE_USER, 1, Fault.status(503));
        AtomicBoolean armed = new AtomicBoolean();
        DeletionListener listener = new DeletionListener() {
            @Override
            public void onRetry(String login, OktaRequestException failure, int attempt, Duration wait) {
                if (failure.step() == Step.DELETE && !armed.getAndSet(true)) {
                    org.failNext(Route.GET_USER, 2, Fault.status(503)); // the check after the last DELETE
                }
            }
        };

        DeletionOutcome outcome = deleter().maxAttempts(2).listener(listener).build()
                .deleteAll(List.of("h@corp.example")).outcomes().get(0);

        assertThat(org.user(id)).isEmpty();
        assertThat(outcome).isInstanceOfSatisfying(DeletionOutcome.Failed.class,
                f -> assertThat(f.changeMayHaveBeenMade()).isTrue());
    }
}

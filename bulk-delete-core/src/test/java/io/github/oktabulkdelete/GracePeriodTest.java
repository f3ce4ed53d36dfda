package io.github.oktabulkdelete;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Cancellation#withGracePeriod(Duration)}: once a batch stops, the logins in flight get the grace period to
 * finish; then the core itself gives each its outcome (never guessing: {@code NotAttempted} only when no change was
 * sent, else {@code Failed} saying the change may have been made), the abandoned workers send no change, and
 * {@code deleteAll} returns. Through the real SDK against {@link FakeOktaOrg}; a worker "hangs" in a retry wait whose
 * sleeper blocks until the test ends (or the worker is interrupted), as a request that never answers would.
 */
class GracePeriodTest {

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-27T10:00:00Z"));
    private final CountDownLatch hangUntilTestEnds = new CountDownLatch(1);
    private final CountDownLatch hungWorkerWoken = new CountDownLatch(1);
    private final List<String> graceEvents = Collections.synchronizedList(new ArrayList<>());
    private FakeOktaOrg org;
    private TunedOktaClient client;

    @BeforeEach
    void startOrg() {
        org = FakeOktaOrg.builder().clock(clock).start();
        org.addUser("admin@corp.example", UserStatus.ACTIVE);
        org.setTokenOwner("admin@corp.example");
        client = org.tunedClient();
    }

    @AfterEach
    void stopOrg() {
        hangUntilTestEnds.countDown();
        client.close();
        org.close();
    }

    /** A deleter whose first retry wait cancels the batch and then hangs. */
    private BulkUserDeleter hangingDeleter(Cancellation cancellation) {
        return BulkUserDeleter.builder(client).verifyDeletions(false).adaptivePacing(false).requestsPerMinute(1_000_000).maxConcurrency(1)
                .clock(clock)
                .listener(new DeletionListener() {
                    @Override
                    public void onGracePeriodEnded(List<String> stillInFlight) {
                        graceEvents.addAll(stillInFlight);
                    }
                })
                .sleeper(d -> {
                    cancellation.cancel("Ctrl-C");
                    try {
                        hangUntilTestEnds.await();
                    } finally {
                        hungWorkerWoken.countDown();
                    }
                })
                .build();
    }

    @Test
    void aLoginHangingAfterItsDeleteWasSentIsFailedSayingTheChangeMayHaveBeenMadeNotNotAttempted() throws Exception {
        String id = org.addUser("a@corp.example", UserStatus.DEPROVISIONED).id();
        org.addUser("b@corp.example", UserStatus.DEPROVISIONED);
        org.failNext(Route.DELETE_USER, 1, Fault.rateLimited(Duration.ofSeconds(30)));
        Cancellation cancellation = Cancellation.withGracePeriod(Duration.ZERO);

        BulkDeleteResult result = hangingDeleter(cancellation)
                .deleteAll(List.of("a@corp.example", "b@corp.example"), cancellation);

        assertThat(result.outcomes().get(0)).isInstanceOfSatisfying(DeletionOutcome.Failed.class, f -> {
            assertThat(f.step()).isEqualTo(Step.DELETE);
            assertThat(f.userId()).isEqualTo(id);
            assertThat(f.changeMayHaveBeenMade()).as("a resume must look it up again").isTrue();
            assertThat(f.message()).contains("grace period of 0s ended", "the change may have been made",
                    "outcome is unknown");
        });
        assertThat(result.outcomes().get(1)).isInstanceOf(DeletionOutcome.NotAttempted.class);
        assertThat(result.summary().stop()).hasValueSatisfying(s -> {
            assertThat(s.cause()).isEqualTo(BatchStop.Cause.CANCELLED);
            assertThat(s.message()).contains("the grace period of 0s ended with 1 login still in flight");
        });
        assertThat(graceEvents).containsExactly("a@corp.example");
        // the abandoned worker is woken and sends nothing more: one DELETE (the 429) and the user is still there
        assertThat(hungWorkerWoken.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(org.requestCount(Route.DELETE_USER)).isEqualTo(1);
        assertThat(org.user("a@corp.example")).isPresent();
        assertThat(org.user("b@corp.example")).isPresent();
    }

    @Test
    void aLoginHangingBeforeAnyChangeWasSentIsNotAttemptedWithItsOutcomeUnknown() throws Exception {
        org.addUser("j/smith@corp.example", UserStatus.ACTIVE); // looked up by search: its own route
        org.failNext(Route.LIST_USERS, 1, Fault.rateLimited(Duration.ofSeconds(30)));
        Cancellation cancellation = Cancellation.withGracePeriod(Duration.ZERO);

        BulkDeleteResult result = hangingDeleter(cancellation).deleteAll(List.of("j/smith@corp.example"),
                cancellation);

        assertThat(result.outcomes()).singleElement().isInstanceOfSatisfying(DeletionOutcome.NotAttempted.class,
                n -> assertThat(n.reason()).contains("outcome is unknown", "no deactivate or DELETE of it had been"
                        + " sent"));
        assertThat(graceEvents).containsExactly("j/smith@corp.example");
        assertThat(hungWorkerWoken.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(org.requestCount(Route.DEACTIVATE_USER)).isZero();
        assertThat(org.status("j/smith@corp.example")).contains(UserStatus.ACTIVE);
    }

    @Test
    void withoutAGracePeriodNothingChangesAndANegativeOneIsRefused() {
        assertThat(Cancellation.create().gracePeriod()).isEmpty();
        assertThat(Cancellation.withGracePeriod(Duration.ofSeconds(30)).gracePeriod()).contains(Duration.ofSeconds(30));
        assertThatThrownBy(() -> Cancellation.withGracePeriod(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gracePeriod");
        assertThatThrownBy(() -> Cancellation.withGracePeriod(null)).isInstanceOf(NullPointerException.class);
    }
}

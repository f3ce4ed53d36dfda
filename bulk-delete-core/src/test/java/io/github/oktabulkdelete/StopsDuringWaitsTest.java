package io.github.oktabulkdelete;

import static org.assertj.core.api.Assertions.assertThat;

import com.okta.sdk.resource.model.UserStatus;
import io.github.oktabulkdelete.testing.FakeOktaOrg;
import io.github.oktabulkdelete.testing.MutableClock;
import io.github.oktabulkdelete.testing.Route;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * With the default settings (adaptive pacing on a tuned client), a worker can wait in the pacer for up to a window
 * between deciding to send a change and sending it, and the batch's thread can wait for its input (a selection's next
 * page, a slow stream). What the batch learns meanwhile (its outcome consumer failed, it was cancelled) must still
 * hold when the wait ends. Through the real SDK against {@link FakeOktaOrg}, on a
 * {@link MutableClock} that the sleeper advances.
 */
class StopsDuringWaitsTest {

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-27T10:00:00Z"));
    private FakeOktaOrg org;
    private TunedOktaClient client;

    @AfterEach
    void stop() {
        client.close();
        org.close();
    }

    private void startOrg(int deleteLimit) {
        org = FakeOktaOrg.builder().clock(clock).rateLimit(Route.GET_USER, 1000).rateLimit(Route.DELETE_USER,
                deleteLimit).start();
        org.addUser("admin@corp.example", UserStatus.ACTIVE);
        org.setTokenOwner("admin@corp.example");
        client = org.tunedClient();
    }

    /**
     * Issue 8 item 7 with the default pace: one login's DELETE waits in the adaptive pacer (the bucket is empty until
     * its reset) while the outcome consumer fails on the other login's outcome. The waiting DELETE must not go.
     */
    @Test
    void aDeleteWaitingInThePacerIsNotSentAfterTheOutcomeConsumerFailed() throws Exception {
        startOrg(1);
        org.addUser("a@corp.example", UserStatus.DEPROVISIONED);
        org.addUser("b@corp.example", UserStatus.DEPROVISIONED);
        AtomicReference<String> waiter = new AtomicReference<>();
        CountDownLatch waiting = new CountDownLatch(1);
        CountDownLatch consumerFailed = new CountDownLatch(1);
        List<DeletionOutcome> recorded = Collections.synchronizedList(new ArrayList<>());

        BulkDeleteSummary summary = BulkUserDeleter.builder(client).clock(clock).maxConcurrency(2).sleeper(d -> {
            String login = MDC.get("okta.login");
            if ("delete".equals(MDC.get("okta.step")) && waiter.compareAndSet(null, login)) {
                waiting.countDown(); // the first login to wait before its DELETE holds here
                consumerFailed.await(10, TimeUnit.SECONDS);
            }
            clock.advance(d);
        }).listener(new DeletionListener() {
            @Override
            public void onBatchStopped(BatchStop stop) {
                consumerFailed.countDown();
            }
        }).build().deleteAll(List.of("a@corp.example", "b@corp.example"), outcome -> {
            if (!outcome.login().equals(waiter.get())) {
                try {
                    waiting.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("disk full");
            }
            recorded.add(outcome);
        });

        assertThat(waiter.get()).as("one DELETE waited in the pacer").isNotNull();
        assertThat(summary.stop()).hasValueSatisfying(s -> assertThat(s.cause())
                .isEqualTo(BatchStop.Cause.CONSUMER_FAILED));
        assertThat(org.requestCount(Route.DELETE_USER)).as("only the DELETE sent before the consumer failed")
                .isEqualTo(1);
        assertThat(org.user(waiter.get())).as("the login waiting in the pacer was not deleted").isPresent();
        assertThat(recorded).singleElement().isInstanceOf(DeletionOutcome.NotAttempted.class);
    }

    /**
     * A cancellation (Ctrl-C) that lands while the batch waits for its input's next login (a selection fetching its
     * next page, a slow stream): the login read then is not started, it is {@code NotAttempted}.
     */
    @Test
    void aLoginReadAfterTheBatchWasCancelledDuringTheReadIsNotStarted() {
        startOrg(1000);
        org.addUser("a@corp.example", UserStatus.DEPROVISIONED);
        org.addUser("b@corp.example", UserStatus.DEPROVISIONED);
        Cancellation cancellation = Cancellation.create();
        Iterable<String> input = () -> new java.util.Iterator<>() {
            private final java.util.Iterator<String> logins = List.of("a@corp.example", "b@corp.example").iterator();
            private int read;

            @Override
            public boolean hasNext() {
                if (read == 1) {
                    clock.advance(java.time.Duration.ofSeconds(5)); // reading the next page took a while
                    cancellation.cancel("Ctrl-C while the next page was read");
                }
                return logins.hasNext();
            }

            @Override
            public String next() {
                read++;
                return logins.next();
            }
        };

        BulkDeleteResult result = BulkUserDeleter.builder(client).clock(clock).maxConcurrency(1)
                .sleeper(clock::advance).build().deleteAll(input, cancellation);

        assertThat(result.outcomes().get(0)).isInstanceOf(DeletionOutcome.Deleted.class);
        assertThat(result.outcomes().get(1)).isInstanceOf(DeletionOutcome.NotAttempted.class);
        assertThat(org.user("b@corp.example")).as("not started after the cancellation").isPresent();
        assertThat(org.requests()).noneMatch(r -> r.rawPath().contains("b%40corp.example"));
    }
}

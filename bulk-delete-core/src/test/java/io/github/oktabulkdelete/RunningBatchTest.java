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
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link BulkUserDeleter#start}: a batch in the background, watched, cancelled and awaited from other threads,
 * through the real SDK against {@link FakeOktaOrg}. A worker is held in the middle of the run by a sleeper that
 * blocks on a latch when a 429 makes it wait: no real sleep anywhere.
 */
class RunningBatchTest {

    private static final String TOKEN_OWNER = "admin@corp.example";
    private static final long WAIT = TimeUnit.SECONDS.toMillis(10);

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-27T10:00:00Z"));
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private FakeOktaOrg org;
    private TunedOktaClient client;

    @BeforeEach
    void startOrg() {
        org = FakeOktaOrg.builder().clock(clock).start();
        org.addUser(TOKEN_OWNER, UserStatus.ACTIVE);
        org.setTokenOwner(TOKEN_OWNER);
        client = org.tunedClientBuilder()
                .connectionPoolSize(4).build();
    }

    @AfterEach
    void stopOrg() {
        release.countDown();
        client.close();
        org.close();
    }

    /** A deleter whose first retry wait holds its worker until {@link #release}. */
    private BulkUserDeleter.Builder deleter() {
        return BulkUserDeleter.builder(client).adaptivePacing(false).requestsPerMinute(1_000_000).maxConcurrency(3).clock(clock)
                .sleeper(d -> {
                    if (held.getCount() > 0) {
                        held.countDown();
                        if (!release.await(WAIT, TimeUnit.MILLISECONDS)) {
                            throw new IllegalStateException("never released");
                        }
                    }
                    clock.advance(d);
                });
    }

    private List<String> leavers(int n) {
        List<String> logins = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String login = "leaver" + i + "@corp.example";
            org.addUser(login, i % 3 == 0 ? UserStatus.DEPROVISIONED : UserStatus.ACTIVE);
            logins.add(login);
        }
        logins.add("nobody@corp.example");
        logins.add("");
        return logins;
    }

    @Test
    void aSnapshotTakenMidRunFromAnotherThreadIsConsistent() throws Exception {
        List<String> logins = leavers(30);
        org.failNext(Route.DELETE_USER, 1, Fault.rateLimited(Duration.ofSeconds(30)));
        List<String> violations = Collections.synchronizedList(new ArrayList<>());

        RunningBatch<BulkDeleteResult> batch = deleter().build().start(logins);
        // another thread polls as fast as it can until the end: every snapshot must add up
        Thread poller = new Thread(() -> {
            BatchProgress p;
            do {
                p = batch.progress();
                checkConsistent(p, logins.size(), violations);
            } while (!p.done());
        }, "poller");
        poller.start();

        assertThat(held.await(WAIT, TimeUnit.MILLISECONDS)).as("a worker waits for the 429's reset").isTrue();
        clock.advance(Duration.ofMinutes(1)); // a minute of progress, for the rate and the estimate
        BatchProgress mid = batch.progress();

        assertThat(batch.isDone()).isFalse();
        assertThat(mid.done()).isFalse();
        assertThat(mid.finished()).isEqualTo(mid.counts().deleted() + mid.counts().notFound()
                + mid.counts().skipped() + mid.counts().failed() + mid.counts().notAttempted());
        assertThat(mid.loginsRead()).isGreaterThanOrEqualTo(mid.finished()).isLessThanOrEqualTo(logins.size());
        assertThat(mid.inFlight()).isBetween(1L, 3L);
        assertThat(mid.finished()).isLessThan(logins.size());
        assertThat(mid.total()).hasValue(logins.size());
        assertThat(mid.httpRequests()).isPositive();
        BatchProgress.Wait wait = mid.waitingFor().orElseThrow();
        assertThat(wait.reason()).isEqualTo(BatchProgress.WaitReason.RATE_LIMIT_RESET);
        assertThat(wait.route()).isEqualTo("delete");
        assertThat(wait.bucket()).isEqualTo("DELETE /api/v1/users/{id}");
        assertThat(wait.until()).isAfter(Instant.parse("2026-11-27T10:00:30Z"));
        if (mid.finished() > 0) {
            assertThat(mid.loginsPerMinute()).isPositive();
            assertThat(mid.eta()).isPresent();
        }

        release.countDown();
        BulkDeleteResult result = batch.result().get(WAIT, TimeUnit.MILLISECONDS);
        poller.join(WAIT);

        assertThat(poller.isAlive()).isFalse();
        assertThat(violations).isEmpty();
        BatchProgress end = batch.progress();
        assertThat(end.done()).isTrue();
        assertThat(end.counts()).isEqualTo(result.summary().counts());
        assertThat(end.finished()).isEqualTo(end.loginsRead()).isEqualTo(logins.size());
        assertThat(end.httpRequests()).isEqualTo(result.summary().httpRequests());
        assertThat(end.waits()).isEmpty();
        assertThat(end.eta()).isEmpty();
        assertThat(result.summary().counts().deleted()).isEqualTo(30);
    }

    private static void checkConsistent(BatchProgress p, int total, List<String> violations) {
        OutcomeCounts c = p.counts();
        long sum = c.deleted() + c.notFound() + c.skipped() + c.failed() + c.notAttempted();
        if (p.finished() != sum || p.loginsRead() < p.finished() || p.loginsRead() > total) {
            violations.add(p.toString());
        }
    }

    @Test
    void cancelStopsTheBatchAndTheResultSaysSo() throws Exception {
        List<String> logins = leavers(20);
        org.failNext(Route.DELETE_USER, 1, Fault.rateLimited(Duration.ofSeconds(30)));
        RunningBatch<BulkDeleteResult> batch = deleter().maxConcurrency(1).build().start(logins);
        assertThat(held.await(WAIT, TimeUnit.MILLISECONDS)).isTrue();

        batch.cancel("stopped from the admin page");
        release.countDown();
        BulkDeleteResult result = batch.result().get(WAIT, TimeUnit.MILLISECONDS);

        assertThat(result.summary().stop()).hasValueSatisfying(s -> {
            assertThat(s.cause()).isEqualTo(BatchStop.Cause.CANCELLED);
            assertThat(s.message()).contains("stopped from the admin page");
        });
        assertThat(result.summary().counts().notAttempted()).isPositive();
        assertThat(result.outcomes()).hasSize(logins.size());
        assertThat(batch.progress().stop()).map(BatchStop::cause).hasValue(BatchStop.Cause.CANCELLED);
        assertThat(batch.progress().done()).isTrue();
    }

    @Test
    void theBatchRunsOnDaemonThreadsThatEndWithIt() throws Exception {
        List<String> logins = leavers(5);
        AtomicReference<Thread> batchThread = new AtomicReference<>();
        List<Thread> workers = Collections.synchronizedList(new ArrayList<>());
        List<DeletionOutcome> streamed = Collections.synchronizedList(new ArrayList<>());
        BulkUserDeleter deleter = deleter().listener(new DeletionListener() {
            @Override
            public void onRateLimitStatus(RateLimitStatus status) {
                if (status.bucket().equals("GET /api/v1/users/{id}")) {
                    Thread t = Thread.currentThread();
                    if (t.getName().startsWith("okta-bulk-delete-batch-")) {
                        batchThread.compareAndSet(null, t); // the token owner's lookup
                    } else {
                        workers.add(t);
                    }
                }
            }
        }).build();
        Thread caller = Thread.currentThread();

        RunningBatch<BulkDeleteSummary> batch = deleter.start(logins, streamed::add, Cancellation.create());
        BulkDeleteSummary summary = batch.result().get(WAIT, TimeUnit.MILLISECONDS);

        assertThat(summary.counts().total()).isEqualTo(logins.size());
        assertThat(streamed).hasSize(logins.size());
        Thread thread = batchThread.get();
        assertThat(thread).isNotNull().isNotSameAs(caller);
        assertThat(thread.isDaemon()).isTrue();
        thread.join(WAIT);
        assertThat(thread.isAlive()).isFalse();
        assertThat(workers).isNotEmpty().allSatisfy(w -> {
            assertThat(w.isDaemon()).isTrue();
            w.join(WAIT);
            assertThat(w.isAlive()).isFalse();
        });
    }

    @Test
    void theResultFutureIsTheCallersCopy() throws Exception {
        List<String> logins = leavers(3);
        org.failNext(Route.DELETE_USER, 1, Fault.rateLimited(Duration.ofSeconds(30)));
        RunningBatch<BulkDeleteResult> batch = deleter().build().start(logins);
        assertThat(held.await(WAIT, TimeUnit.MILLISECONDS)).isTrue();

        batch.result().cancel(true); // cancelling a copy neither stops the batch nor spoils the result
        release.countDown();

        assertThat(batch.result().get(WAIT, TimeUnit.MILLISECONDS).summary().counts().deleted()).isEqualTo(3);
        assertThat(batch.progress().stop()).isEmpty();
    }

    @Test
    void expectedLoginsGivesAnEstimateForAnInputOfUnknownSize() throws Exception {
        List<String> logins = leavers(6);
        org.failForUser("leaver2@corp.example", Route.DELETE_USER, Fault.rateLimited(Duration.ofSeconds(30)));
        Iterable<String> notACollection = logins::iterator;
        RunningBatch<BulkDeleteResult> batch = deleter().maxConcurrency(1).build().start(notACollection);
        assertThat(held.await(WAIT, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(batch.progress().total()).isEmpty();

        batch.expectedLogins(logins.size());
        clock.advance(Duration.ofMinutes(1));
        BatchProgress p = batch.progress();
        org.clearFaults();
        release.countDown();

        assertThat(p.total()).hasValue(logins.size());
        assertThat(p.finished()).isEqualTo(2); // leaver0 and leaver1, before leaver2's 429
        assertThat(p.eta()).isPresent();
        assertThatThrownBy(() -> batch.expectedLogins(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("totalLogins");
        batch.result().get(WAIT, TimeUnit.MILLISECONDS);
    }

    @Test
    void startRefusesNullsBeforeAnyCall() {
        BulkUserDeleter deleter = deleter().build();
        assertThatThrownBy(() -> deleter.start(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("logins");
        assertThatThrownBy(() -> deleter.start(List.of(), (Cancellation) null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("cancellation");
        assertThatThrownBy(() -> deleter.start(List.of(), null, Cancellation.create()))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("consumer");
        assertThat(org.requestCount()).isZero();
    }
}

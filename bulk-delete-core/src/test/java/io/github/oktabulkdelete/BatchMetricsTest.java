package io.github.oktabulkdelete;

import static org.assertj.core.api.Assertions.assertThat;

import com.okta.sdk.resource.model.UserStatus;
import io.github.oktabulkdelete.testing.FakeOktaOrg;
import io.github.oktabulkdelete.testing.FakeUser;
import io.github.oktabulkdelete.testing.Fault;
import io.github.oktabulkdelete.testing.MutableClock;
import io.github.oktabulkdelete.testing.Route;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Micrometer meters of {@link BulkUserDeleter.Builder#meterRegistry}, checked against the outcomes and requests
 * of batches with faults and 429s, through the real SDK against {@link FakeOktaOrg}.
 */
class BatchMetricsTest {

    private static final String TOKEN_OWNER = "admin@corp.example";

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-27T10:00:00Z"));
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final List<Duration> retryWaits = Collections.synchronizedList(new ArrayList<>());
    private FakeOktaOrg org;
    private TunedOktaClient client;

    @BeforeEach
    void startOrg() {
        org = FakeOktaOrg.builder().clock(clock).start();
        org.addUser(TOKEN_OWNER, UserStatus.ACTIVE);
        org.setTokenOwner(TOKEN_OWNER);
        client = org.tunedClientBuilder()
                .connectionPoolSize(2).build();
    }

    @AfterEach
    void stopOrg() {
        client.close();
        org.close();
    }

    private BulkUserDeleter.Builder deleter() {
        return BulkUserDeleter.builder(client).requestsPerMinute(1_000_000).maxConcurrency(2).clock(clock)
                .sleeper(clock::advance)
                .meterRegistry(registry)
                .listener(new DeletionListener() {
                    @Override
                    public void onRetry(String login, OktaRequestException failure, int attempt, Duration wait) {
                        retryWaits.add(wait);
                    }
                });
    }

    @Test
    void countersMatchTheOutcomesOfABatchWithFaultsAnd429s() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(org.addUser("leaver" + i + "@corp.example", UserStatus.ACTIVE).id());
        }
        ids.add(org.addUser("gone.already@corp.example", UserStatus.DEPROVISIONED).id());
        FakeUser boss = org.addUser("boss@corp.example", UserStatus.ACTIVE);
        org.addUser("kept@corp.example", UserStatus.ACTIVE);
        org.failForUser("boss@corp.example", Route.DEACTIVATE_USER,
                Fault.status(400, "E0000001", "Api validation failed: the user is the org's billing contact"));
        org.failNext(Route.DELETE_USER, 2, Fault.rateLimited(Duration.ofSeconds(30)));
        org.failNext(Route.GET_USER, 1, Fault.status(503));
        org.failNext(Route.DEACTIVATE_USER, 1, Fault.concurrencyLimited());
        List<String> logins = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            logins.add("leaver" + i + "@corp.example");
        }
        logins.addAll(List.of("gone.already@corp.example", "boss@corp.example", "kept@corp.example",
                "nobody@corp.example", "leaver0@corp.example", "", TOKEN_OWNER));

        BulkDeleteResult result = deleter().maxConcurrency(1).protectedLogins(Set.of("kept@corp.example")).build()
                .deleteAll(logins);

        OutcomeCounts counts = result.summary().counts();
        assertThat(counts.deleted()).isEqualTo(7);
        assertThat(counts.failed()).isEqualTo(1);
        assertThat(outcomes("deleted", "none")).isEqualTo(counts.deleted());
        assertThat(outcomes("not_found", "none")).isEqualTo(counts.notFound()).isEqualTo(1);
        assertThat(outcomes("failed", "deactivate")).isEqualTo(1);
        assertThat(outcomes("failed", "lookup") + outcomes("failed", "delete")).isZero();
        assertThat(outcomes("skipped", "protected")).isEqualTo(counts.skipped(SkipReason.PROTECTED)).isEqualTo(1);
        assertThat(outcomes("skipped", "duplicate")).isEqualTo(1);
        assertThat(outcomes("skipped", "invalid_login")).isEqualTo(1);
        assertThat(outcomes("skipped", "token_owner")).isEqualTo(1);
        assertThat(outcomes("not_attempted", "none")).isZero();
        assertThat(registry.find("okta.bulkdelete.outcomes").counters().stream()
                .mapToDouble(c -> c.count()).sum()).isEqualTo(counts.total());

        // every request is timed, with the status Okta answered
        assertThat(registry.find("okta.bulkdelete.requests").timers().stream().mapToLong(Timer::count).sum())
                .isEqualTo(result.summary().httpRequests()).isEqualTo(org.requestCount());
        assertThat(requests("delete", "429")).isEqualTo(2);
        assertThat(requests("delete", "204")).isEqualTo(org.requestCount(Route.DELETE_USER, 204)).isEqualTo(7);
        assertThat(requests("lookup", "503")).isEqualTo(1);
        assertThat(requests("deactivate", "429")).isEqualTo(1);
        assertThat(requests("deactivate", "400")).isEqualTo(1);
        assertThat(requests("verify", "404")).isEqualTo(7); // each deletion proven by a GET by id
        assertThat(requests("lookup", "404")).isEqualTo(1);

        // retries and the waits for 429s, per route
        assertThat(counter("okta.bulkdelete.retries", "delete")).isEqualTo(2);
        assertThat(counter("okta.bulkdelete.retries", "lookup")).isEqualTo(1);
        assertThat(counter("okta.bulkdelete.retries", "deactivate")).isEqualTo(1);
        assertThat(registry.find("okta.bulkdelete.retries").counters().stream().mapToDouble(c -> c.count()).sum())
                .isEqualTo(retryWaits.size()).isEqualTo(4);
        Timer resetWaits = registry.find("okta.bulkdelete.rate.limit.waits").tag("route", "delete")
                .tag("cause", "rate_limit_reset").timer();
        assertThat(resetWaits.count()).isEqualTo(2);
        assertThat(resetWaits.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(2 * 30_000);
        assertThat(registry.find("okta.bulkdelete.rate.limit.waits").tag("route", "deactivate")
                .tag("cause", "concurrency_limit").timer().count()).isEqualTo(1);

        // gauges
        assertThat(registry.get("okta.bulkdelete.in.flight").gauge().value()).isZero();
        assertThat(registry.find("okta.bulkdelete.bucket.remaining").gauges()).extracting(g -> g.getId().getTag("bucket"))
                .contains("DELETE /api/v1/users/{id}", "GET /api/v1/users/{id}",
                        "POST /api/v1/users/{id}/lifecycle/deactivate");
        assertThat(registry.get("okta.bulkdelete.bucket.remaining").tag("bucket", "DELETE /api/v1/users/{id}")
                .gauge().value()).isBetween(0.0, 599.0);

        // Resilience4j's own meters
        assertThat(registry.find("resilience4j.ratelimiter.available.permissions").gauge()).isNotNull();
        assertThat(registry.find("resilience4j.retry.calls").tag("kind", "successful_with_retry")
                .functionCounter().count()).isEqualTo(3); // one DELETE answered 429 twice, one GET, one deactivate

        assertNoTagHoldsALoginAnIdOrTheToken(ids, boss.id());
    }

    @Test
    void aStoppedBatchCountsItsNotAttemptedLogins() {
        org.addUser("a@corp.example", UserStatus.ACTIVE);
        org.addUser("b@corp.example", UserStatus.ACTIVE);
        BulkDeleteResult result = deleter().maxDeletions(1).maxConcurrency(1).build()
                .deleteAll(List.of("a@corp.example", "b@corp.example", "c@corp.example"));

        assertThat(result.summary().counts().notAttempted()).isEqualTo(2);
        assertThat(outcomes("not_attempted", "none")).isEqualTo(2);
        assertThat(outcomes("deleted", "none")).isEqualTo(1);
    }

    @Test
    void deletersBuiltFromOneBuilderShareTheirMeters() {
        org.addUser("a@corp.example", UserStatus.ACTIVE);
        org.addUser("b@corp.example", UserStatus.DEPROVISIONED);
        BulkUserDeleter first = deleter().build();
        BulkUserDeleter derived = first.newBuilder().dryRun(true).build();

        first.deleteAll(List.of("a@corp.example"));
        derived.deleteAll(List.of("b@corp.example"));

        assertThat(outcomes("deleted", "none")).isEqualTo(1);
        assertThat(outcomes("skipped", "dry_run")).isEqualTo(1);
    }

    private void assertNoTagHoldsALoginAnIdOrTheToken(List<String> ids, String bossId) {
        List<String> values = new ArrayList<>();
        for (Meter meter : registry.getMeters()) {
            for (Tag tag : meter.getId().getTags()) {
                values.add(tag.getValue());
            }
        }
        assertThat(values).isNotEmpty().allSatisfy(v -> {
            assertThat(v).doesNotContain("@").doesNotContain(org.apiToken()).doesNotContain(bossId);
            ids.forEach(id -> assertThat(v).doesNotContain(id));
        });
    }

    private double outcomes(String kind, String reason) {
        return registry.get("okta.bulkdelete.outcomes").tag("kind", kind).tag("reason", reason).counter().count();
    }

    private long requests(String route, String status) {
        Timer timer = registry.find("okta.bulkdelete.requests").tag("route", route).tag("status", status).timer();
        return timer == null ? 0 : timer.count();
    }

    /**
     * A journaled batch (the CLI's every --execute) built its run without the deleter's meters: its retries and
     * rate-limit waits were never counted.
     */
    @Test
    void aJournaledBatchCountsItsRetriesAndRateLimitWaits(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        org.addUser("ann@corp.example", UserStatus.DEPROVISIONED);
        org.failNext(Route.DELETE_USER, 1, Fault.rateLimited(Duration.ofSeconds(30)));
        java.nio.file.Path file = dir.resolve("run.journal.jsonl");

        try (DeletionJournal journal = DeletionJournal.open(file, new JournalHeader(clock.instant(), org.orgUrl(),
                java.util.Map.of(), "test"), clock)) {
            BulkDeleteSummary summary = deleter().build().deleteAll(List.of("ann@corp.example"), journal,
                    outcome -> { }, Cancellation.create());
            assertThat(summary.counts().deleted()).isEqualTo(1);
        }

        assertThat(counter("okta.bulkdelete.retries", "delete")).isEqualTo(1);
        assertThat(registry.find("okta.bulkdelete.rate.limit.waits").tag("route", "delete").timers())
                .as("the wait for the 429's reset").isNotEmpty();
        assertThat(registry.find("okta.bulkdelete.outcomes").tag("kind", "deleted").counter().count()).isEqualTo(1);
    }

    private double counter(String name, String route) {
        var counter = registry.find(name).tag("route", route).counter();
        return counter == null ? 0 : counter.count();
    }
}

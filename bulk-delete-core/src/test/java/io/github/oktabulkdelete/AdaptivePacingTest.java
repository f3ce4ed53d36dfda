package io.github.oktabulkdelete;

import static org.assertj.core.api.Assertions.assertThat;

import com.okta.sdk.cache.Caches;
import com.okta.sdk.resource.client.ApiClient;
import com.okta.sdk.resource.model.UserStatus;
import io.github.oktabulkdelete.internal.AdaptivePacer;
import io.github.oktabulkdelete.testing.FakeOktaOrg;
import io.github.oktabulkdelete.testing.Fault;
import io.github.oktabulkdelete.testing.MutableClock;
import io.github.oktabulkdelete.testing.RateLimits;
import io.github.oktabulkdelete.testing.Route;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Adaptive pacing through the real SDK against {@link FakeOktaOrg}, on a {@link MutableClock} that the deleter's
 * sleeper advances: a whole run over several rate-limit windows takes no real waiting.
 */
class AdaptivePacingTest {

    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    private final MutableClock clock = MutableClock.at(T0);
    private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
    private FakeOktaOrg org;
    private TunedOktaClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (org != null) {
            org.close();
        }
    }

    private List<String> users(int count, UserStatus status) {
        List<String> logins = IntStream.range(0, count).mapToObj(i -> "user" + i + "@corp.example").toList();
        logins.forEach(l -> org.addUser(l, status));
        return logins;
    }

    private BulkUserDeleter.Builder adaptive(TunedOktaClient tuned) {
        return adaptive(BulkUserDeleter.builder(tuned));
    }

    private BulkUserDeleter.Builder adaptive(ApiClient plain) {
        return adaptive(BulkUserDeleter.builder(plain));
    }

    private BulkUserDeleter.Builder adaptive(BulkUserDeleter.Builder builder) {
        return builder.adaptivePacing(true).maxConcurrency(1).clock(clock).sleeper(d -> {
            sleeps.add(d);
            clock.advance(d);
        });
    }

    @Test
    void aRunOverSeveralWindowsSpreadsEachWindowsBudgetAndNeverHitsTheLimit() {
        org = FakeOktaOrg.builder().clock(clock).rateLimit(Route.GET_USER, 20).rateLimit(Route.DELETE_USER, 10)
                .rateLimitWindow(Duration.ofSeconds(60)).start();
        client = org.tunedClient();
        List<String> logins = users(30, UserStatus.ACTIVE); // 60 changes: six windows of the delete bucket

        BulkDeleteResult result = adaptive(client).build().deleteAll(logins);

        assertThat(result.summary().counts().deleted()).isEqualTo(30);
        assertThat(org.requests()).noneMatch(r -> r.status() == 429);
        assertThat(Duration.between(T0, clock.instant())).as("six windows, not much more")
                .isBetween(Duration.ofMinutes(5), Duration.ofSeconds(6 * 60 + 30));
        assertThat(sleeps).as("spread: many short waits, no stall of a whole window")
                .allSatisfy(d -> assertThat(d).isLessThan(Duration.ofSeconds(20)));
    }

    @Test
    void deactivateAndDeleteInSeparateBucketsAreEachUsedToTheirLimit() {
        org = FakeOktaOrg.builder().clock(clock).rateLimit(Route.GET_USER, 100)
                .separateBucket(Route.DEACTIVATE_USER).rateLimit(Route.DEACTIVATE_USER, 10)
                .rateLimit(Route.DELETE_USER, 10).rateLimitWindow(Duration.ofSeconds(60)).start();
        client = org.tunedClient();
        List<String> logins = users(30, UserStatus.ACTIVE);

        BulkDeleteResult result = adaptive(client).build().deleteAll(logins);

        assertThat(result.summary().counts().deleted()).isEqualTo(30);
        assertThat(org.requests()).noneMatch(r -> r.status() == 429);
        assertThat(Duration.between(T0, clock.instant()))
                .as("30 of each at 10 per window each: three windows, as the buckets were learned to be separate")
                .isLessThan(Duration.ofSeconds(3 * 60 + 30));
    }

    @Test
    void aShareOfTheLimitIsLeftToOtherClients() {
        org = FakeOktaOrg.builder().clock(clock).rateLimit(Route.GET_USER, 100).rateLimit(Route.DELETE_USER, 10)
                .rateLimitWindow(Duration.ofSeconds(60)).start();
        client = org.tunedClient();
        List<String> logins = users(16, UserStatus.DEPROVISIONED); // 16 deletes at 5 per window: 4 windows

        BulkDeleteResult result = adaptive(client).maxShareOfLimit(0.5).build().deleteAll(logins);

        assertThat(result.summary().counts().deleted()).isEqualTo(16);
        assertThat(Duration.between(T0, clock.instant())).isGreaterThan(Duration.ofMinutes(3));
        assertThat(org.requests()).noneMatch(r -> r.status() == 429);
    }

    @Test
    void concurrency429sAreBackedOffAndTheRunCompletes() {
        org = FakeOktaOrg.builder().clock(clock).rateLimit(Route.GET_USER, 1000).rateLimit(Route.DELETE_USER, 1000)
                .start();
        client = org.tunedClient();
        List<String> logins = users(10, UserStatus.DEPROVISIONED);
        org.failNext(Route.DELETE_USER, 3, Fault.concurrencyLimited());

        BulkDeleteResult result = adaptive(client).maxConcurrency(4).build().deleteAll(logins);

        assertThat(result.summary().counts().deleted()).isEqualTo(10);
        assertThat(org.requestCount(Route.DELETE_USER, 429)).isEqualTo(3);
        assertThat(sleeps).as("brief back-offs, not the ~60 s the concurrency 429's Reset estimates")
                .filteredOn(d -> d.compareTo(Duration.ofSeconds(5)) > 0).isEmpty();
    }

    @Test
    void aTunedClientPacesAdaptivelyByDefaultWithUpTo50InFlightAndAPlainClientAtAFixedSafePace() {
        org = FakeOktaOrg.builder().clock(clock).start();
        client = org.tunedClient();
        TunedOktaClient smallPool = org.tunedClientBuilder().connectionPoolSize(8).build();
        ApiClient plain = new ApiClient(HttpClients.custom().disableAutomaticRetries().build(),
                Caches.newDisabledCacheManager());

        BulkUserDeleter tuned = BulkUserDeleter.builder(client).build();
        assertThat(tuned.isAdaptivePacing()).isTrue();
        assertThat(pacer(tuned).hardCap()).as("no fixed rate to guess").isNull();
        assertThat(tuned.maxConcurrency()).as("the default pool follows the default concurrency").isEqualTo(50);
        assertThat(BulkUserDeleter.builder(smallPool).build().maxConcurrency()).isEqualTo(8);
        assertThat(pacer(BulkUserDeleter.builder(client).requestsPerMinute(120).build()).hardCap())
                .as("an explicit rate is a cap on top").isNotNull();
        assertThat(BulkUserDeleter.builder(client).adaptivePacing(false).build().isAdaptivePacing()).isFalse();
        BulkUserDeleter plainDeleter = BulkUserDeleter.builder(plain).build();
        assertThat(plainDeleter.isAdaptivePacing()).as("no headers to learn from on success").isFalse();
        assertThat(plainDeleter.maxConcurrency()).as("the SDK's pool of 5").isEqualTo(5);
        smallPool.close();
        OktaClients.close(plain);
    }

    @Test
    void aTunedClientHasNoCapUnlessOneIsSetButAPlainClientKeepsTheConfiguredRate() {
        org = FakeOktaOrg.builder().clock(clock).start();
        client = org.tunedClient();
        ApiClient plain = new ApiClient(HttpClients.custom().disableAutomaticRetries().build(),
                Caches.newDisabledCacheManager());

        assertThat(pacer(adaptive(client).build()).hardCap()).isNull();
        assertThat(pacer(adaptive(client).requestsPerMinute(120).build()).hardCap()).isNotNull();
        assertThat(pacer(adaptive(plain).build()).hardCap()).as("falls back to the configured rate").isNotNull();
        assertThat(pacer(adaptive(plain).build()).hardCap().getRateLimiterConfig().getLimitRefreshPeriod())
                .isEqualTo(Duration.ofMillis(200));
        OktaClients.close(plain);
    }

    @Test
    void withAPlainClientThe429HeadersStillPaceTheRun() {
        org = FakeOktaOrg.builder().clock(clock).rateLimit(Route.GET_USER, 1000).rateLimit(Route.DELETE_USER, 5)
                .rateLimitWindow(Duration.ofSeconds(60)).start();
        ApiClient plain = new ApiClient(HttpClients.custom().disableAutomaticRetries().build(),
                Caches.newDisabledCacheManager());
        plain.setBasePath(org.orgUrl());
        plain.setApiKeyPrefix("SSWS");
        plain.setApiKey(org.apiToken());
        List<String> logins = users(12, UserStatus.DEPROVISIONED);

        BulkDeleteResult result = adaptive(plain).requestsPerMinute(1_000_000).build().deleteAll(logins);

        assertThat(result.summary().counts().deleted()).isEqualTo(12);
        assertThat(org.requestCount(Route.DELETE_USER, 429))
                .as("one 429 per window teaches the reset; no hammering").isLessThanOrEqualTo(3);
        OktaClients.close(plain);
    }

    @Test
    void aDerivedDeleterWaitsForTheBucketItsParentEmptiedInsteadOfEarningA429() {
        org = FakeOktaOrg.builder().clock(clock).rateLimit(Route.GET_USER, 5).rateLimitWindow(Duration.ofSeconds(60))
                .start();
        client = org.tunedClient();
        List<String> logins = users(5, UserStatus.ACTIVE);
        BulkUserDeleter parent = adaptive(client).dryRun(true).build();

        parent.deleteAll(logins.subList(0, 4)); // the token-owner lookup and 4 lookups: the bucket's 5
        Instant parentDone = clock.instant();
        BulkDeleteResult derived = parent.newBuilder().build().deleteAll(logins.subList(4, 5));

        // the derived deleter knows the token's owner from its parent (one /api/v1/users/me per job): 5 + 1
        assertThat(org.requestCount(Route.GET_USER)).isEqualTo(6);
        assertThat(parentDone).as("the parent ended inside the window").isBefore(T0.plusSeconds(60));
        assertThat(org.requests()).as("the derived deleter knew the bucket was empty")
                .noneMatch(r -> r.status() == 429);
        assertThat(org.requests().get(5).receivedAt()).as("its first call waited for the reset")
                .isAfterOrEqualTo(T0.plusSeconds(60));
        assertThat(derived.outcomes()).singleElement().isInstanceOf(DeletionOutcome.Skipped.class);
    }

    @Test
    void aDeleterBuiltAfreshDoesNotKnowTheBucketIsEmpty() {
        org = FakeOktaOrg.builder().clock(clock).rateLimit(Route.GET_USER, 5).rateLimitWindow(Duration.ofSeconds(60))
                .start();
        client = org.tunedClient();
        List<String> logins = users(5, UserStatus.ACTIVE);

        adaptive(client).dryRun(true).build().deleteAll(logins.subList(0, 4));
        adaptive(client).dryRun(true).build().deleteAll(logins.subList(4, 5));

        assertThat(org.requests().get(5).status()).as("the control for the test above: a new pacer learns by a 429")
                .isEqualTo(429);
    }

    @Test
    void anOrgWhereEveryBucketIs100AMinuteMeetsNo429s() {
        // issue 10 item 2: a route whose bucket was empty kept sending on another same-limit route's budget
        org = FakeOktaOrg.builder().clock(clock).rateLimits(RateLimits.integratorFree()).start();
        client = org.tunedClient();
        List<String> logins = org.addUsers("user", 100, 0.2);

        BulkDeleteResult result = adaptive(client).build().deleteAll(logins);

        assertThat(result.summary().counts().deleted()).isEqualTo(100);
        assertThat(org.requests()).noneMatch(r -> r.status() == 429);
    }

    @Test
    void a429TheHeadersDidNotForetellIsLearnedSoLaterWindowsMeetNone() {
        // issue 10 item 3: the token may use half of each bucket, and the headers show the whole bucket
        org = FakeOktaOrg.builder().clock(clock).rateLimits(RateLimits.builder()
                .bucket("GET /api/v1/users/{idOrLogin}", 1000, Route.GET_USER)
                .bucket("DELETE /api/v1/users/{id}", 20, Route.DELETE_USER)
                .hiddenTokenShare(0.5).latency(Duration.ofMillis(100)).build()).start();
        client = org.tunedClient();
        List<String> logins = org.addUsers("user", 60, 1.0); // 60 deletes at 10 a window for this token: 6 windows

        BulkDeleteResult result = adaptive(client).build().deleteAll(logins);

        assertThat(result.summary().counts().deleted()).isEqualTo(60);
        assertThat(org.requestCount(Route.DELETE_USER, 429)).as("the first window teaches; the others meet none")
                .isLessThanOrEqualTo(1);
    }

    private static AdaptivePacer pacer(BulkUserDeleter deleter) {
        return (AdaptivePacer) deleter.settings().pacer();
    }
}

package io.github.oktabulkdelete;

import com.okta.sdk.resource.client.ApiClient;
import io.github.oktabulkdelete.internal.BatchMetrics;
import io.github.oktabulkdelete.internal.DeleterMetrics;
import io.github.oktabulkdelete.internal.DeleterSettings;
import io.github.oktabulkdelete.internal.DeletionRun;
import io.github.oktabulkdelete.internal.TokenOwnerCache;
import io.github.oktabulkdelete.internal.OktaGateway;
import io.github.oktabulkdelete.internal.AdaptivePacer;
import io.github.oktabulkdelete.internal.ObservedGateway;
import io.github.oktabulkdelete.internal.RunObserver;
import io.github.oktabulkdelete.internal.SdkOktaGateway;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Deletes Okta users in bulk through the Okta Java SDK: one outcome per input login, never an exception for one
 * login's failure, at a pace the org's rate limits allow.
 *
 * <p>For each login it trims and screens the input (blank, {@code me}, duplicates, protected logins get no call),
 * looks the user up ({@code GET /api/v1/users/{login}}, or the {@code search} for logins with {@code /}),
 * refuses any user whose login is not exactly the input (shortnames) or who owns the API token, then deactivates
 * the user by id if needed, deletes it by id and checks with a {@code GET} by id that it is gone (only Okta's 404
 * means it is: {@link Builder#verifyDeletions(boolean)}). Every HTTP attempt takes a permit from one Resilience4j
 * {@link RateLimiter} shared by all workers; failed attempts are retried by a Resilience4j {@link Retry}: 429
 * (waiting until {@code X-Rate-Limit-Reset}), 500 (any body), 502, 503, 504 and transport failures, with a bounded,
 * jittered back-off; never 400, 401, 403 or 404.
 * A 401, a 403 that is evidence about the token (not about one user), or answers that are not Okta's (a 404
 * without Okta's error body before any lookup succeeded) stop the batch at once: the logins not started become
 * {@link DeletionOutcome.NotAttempted}.
 *
 * <p>Instances are immutable and thread-safe, and may run several batches, even at once (they then share the rate
 * limiter, as do the deleters derived with {@link #newBuilder()}). Build one with {@link #builder(TunedOktaClient)};
 * defaults:
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><th>setting</th><th>default</th></tr>
 *   <tr><td>{@link Builder#adaptivePacing(boolean)}</td><td>{@code true} on a client built by {@link OktaClients}
 *       (the org's limits, learned from its headers, with no fixed cap); {@code false} on a plain
 *       {@code ApiClient}</td></tr>
 *   <tr><td>{@link Builder#requestsPerMinute(int)}</td><td>none on a tuned client (an explicit one is a hard cap);
 *       300 spread evenly (one request every 200 ms) on a plain {@code ApiClient}</td></tr>
 *   <tr><td>{@link Builder#maxConcurrency(int)}</td><td>50, capped by the client's connection pool (a tuned
 *       client's is 50 by default, a plain client's 5); with adaptive pacing, the requests in flight follow Okta's
 *       formula, rate &times; measured latency, up to it</td></tr>
 *   <tr><td>{@link Builder#maxAttempts(int)}</td><td>6 per request (1 + 5 retries)</td></tr>
 *   <tr><td>{@link Builder#maxRetryWait(Duration)}</td><td>60 seconds</td></tr>
 *   <tr><td>{@link Builder#dryRun(boolean)}</td><td>{@code false}</td></tr>
 *   <tr><td>{@link Builder#verifyDeletions(boolean)}</td><td>{@code true}: a GET by id proves each deletion</td></tr>
 * </table>
 *
 * <pre>{@code
 * try (TunedOktaClient client = OktaClients.tuned().build()) {   // pool of 50, rate-limit headers captured
 *     BulkUserDeleter deleter = BulkUserDeleter.builder(client)   // adaptive pacing: no rate to guess
 *             .protectedLogins(Set.of("admin@corp.example"))
 *             .build();
 *     BulkDeleteResult result = deleter.deleteAll(logins);
 *     result.outcomes(DeletionOutcome.Failed.class).forEach(f -> System.err.println(f.login() + ": " + f.message()));
 * }
 * }</pre>
 *
 * <p><b>Plain clients.</b> A plain {@code ApiClient} ({@link #builder(ApiClient)}) works too, with limits:
 * its success responses' rate-limit headers are not seen (only those of errors are), so it is paced at a fixed,
 * safe 300 requests a minute unless told otherwise (under the 300 {@code DELETE}s a minute of a Workforce token's
 * default share; a 429 is waited out until its reset and retried), its concurrency is capped by
 * its connection pool (the SDK's default is 5: declare another with {@link Builder#connectionPoolSize(int)}), and
 * if its own retry is on (the SDK's default), its retries stack under ours and are not counted.
 */
public final class BulkUserDeleter extends BackgroundBatches {

    private final DeleterSettings settings;
    private final Builder template;

    private BulkUserDeleter(DeleterSettings settings, Builder template) {
        this.settings = settings;
        this.template = template;
    }

    /**
     * Starts building a deleter that calls Okta through a tuned client: its concurrency is capped by the client's
     * pool size, and it sees the rate-limit headers of every response. The deleter does not own the client: close
     * the client when no deleter built on it runs any more.
     *
     * @param client a client from {@link OktaClients#tuned()}
     * @return a builder with the defaults
     * @throws NullPointerException if {@code client} is {@code null}
     */
    public static Builder builder(TunedOktaClient client) {
        Objects.requireNonNull(client, "client");
        return new Builder(new SdkOktaGateway(client.apiClient(), client.rateLimitCapture()),
                client.connectionPoolSize());
    }

    /**
     * Starts building a deleter that calls Okta through a plain SDK client, with the limits the class description
     * lists; a {@link TunedOktaClient} has none of them: use {@link #builder(TunedOktaClient)} when you can.
     *
     * @param apiClient the client
     * @return a builder with the defaults
     * @throws NullPointerException if {@code apiClient} is {@code null}
     */
    public static Builder builder(ApiClient apiClient) {
        Objects.requireNonNull(apiClient, "apiClient");
        return new Builder(new SdkOktaGateway(apiClient, null), null);
    }

    /** A builder over any gateway, for tests and benchmarks in this package. */
    static Builder builder(OktaGateway gateway, Integer connectionPoolSize) {
        return new Builder(Objects.requireNonNull(gateway, "gateway"), connectionPoolSize);
    }

    /**
     * A builder holding this deleter's settings, to derive another deleter from it. The derived deleter shares this
     * one's rate limiter and adaptive pacer (what was learned of the org's rate-limit buckets) unless its builder is
     * given other pace settings: see {@link Builder#build()}.
     *
     * <pre>{@code
     * BulkUserDeleter check = deleter.newBuilder().dryRun(true).build(); // paced together with deleter
     * }</pre>
     *
     * @return a new builder; changing it does not change this deleter
     */
    public Builder newBuilder() {
        return template.copy();
    }

    /**
     * Deletes the users the logins name and returns one outcome per login, in input order.
     *
     * <p>The input is read lazily, once, on the calling thread, never further ahead than the workers need. Keep
     * the outcomes of millions of logins out of memory with {@link #deleteAll(Iterable, Consumer)}.
     *
     * @param logins the logins; {@code null} elements become {@link SkipReason#INVALID_LOGIN} skips
     * @return the outcomes and totals
     * @throws NullPointerException if {@code logins} is {@code null}
     */
    public BulkDeleteResult deleteAll(Iterable<String> logins) {
        return deleteAll(logins, Cancellation.create());
    }

    /**
     * As {@link #deleteAll(Iterable)}, stopping early when the cancellation is cancelled or reaches its deadline.
     *
     * @param logins the logins; {@code null} elements become {@link SkipReason#INVALID_LOGIN} skips
     * @param cancellation stops the batch from another thread or at a deadline
     * @return the outcomes and totals; the not-attempted logins are {@link DeletionOutcome.NotAttempted}
     * @throws NullPointerException if an argument is {@code null}
     */
    public BulkDeleteResult deleteAll(Iterable<String> logins, Cancellation cancellation) {
        Objects.requireNonNull(logins, "logins");
        Objects.requireNonNull(cancellation, "cancellation");
        return collect(newRun(cancellation), logins);
    }

    @Override
    BulkDeleteResult collect(DeletionRun run, Iterable<String> logins) {
        List<DeletionOutcome> outcomes = new ArrayList<>();
        BulkDeleteSummary summary = run.execute(logins, (index, outcome) -> {
            while (outcomes.size() <= index) {
                outcomes.add(null);
            }
            outcomes.set((int) index, outcome);
        });
        return new BulkDeleteResult(outcomes, summary);
    }

    /**
     * Deletes the users the logins name, handing each outcome to a consumer as it is known, in the order the logins
     * finish; memory does not grow with the number of outcomes (duplicate detection keeps 8 to 16 bytes per login).
     *
     * <p>The consumer is called from worker threads, one call at a time. If it throws, the batch stops (so that no
     * outcome goes unrecorded): in-flight logins finish, the rest become {@link DeletionOutcome.NotAttempted}, and
     * the summary's {@link BulkDeleteSummary#stop()} says why.
     *
     * @param logins the logins; {@code null} elements become {@link SkipReason#INVALID_LOGIN} skips
     * @param consumer receives every outcome
     * @return the totals
     * @throws NullPointerException if an argument is {@code null}
     */
    public BulkDeleteSummary deleteAll(Iterable<String> logins, Consumer<? super DeletionOutcome> consumer) {
        return deleteAll(logins, consumer, Cancellation.create());
    }

    /**
     * As {@link #deleteAll(Iterable, Consumer)}, stopping early when the cancellation is cancelled or reaches its
     * deadline.
     *
     * @param logins the logins; {@code null} elements become {@link SkipReason#INVALID_LOGIN} skips
     * @param consumer receives every outcome
     * @param cancellation stops the batch from another thread or at a deadline
     * @return the totals
     * @throws NullPointerException if an argument is {@code null}
     */
    public BulkDeleteSummary deleteAll(Iterable<String> logins, Consumer<? super DeletionOutcome> consumer,
            Cancellation cancellation) {
        Objects.requireNonNull(logins, "logins");
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(cancellation, "cancellation");
        return newRun(cancellation).execute(logins, (index, outcome) -> consumer.accept(outcome));
    }

    @Override
    DeletionRun newRun(Cancellation cancellation) {
        return new DeletionRun(settings, cancellation);
    }

    /** @return how many logins are worked on at once, after the cap by the connection pool */
    public int maxConcurrency() {
        return settings.maxConcurrency();
    }

    @Override
    DeleterSettings settings() {
        return settings;
    }

    /** @return whether this deleter paces by the rate limits learned from Okta's headers */
    public boolean isAdaptivePacing() {
        return settings.pacer() instanceof AdaptivePacer;
    }

    /** @return whether this deleter only looks users up */
    public boolean isDryRun() {
        return settings.dryRun();
    }

    /** @return the protected logins and ids, lower-cased, unmodifiable */
    public Set<String> protectedLogins() {
        return settings.protectedLogins();
    }

    @Override
    public String toString() {
        return "BulkUserDeleter{maxConcurrency=" + settings.maxConcurrency() + ", adaptivePacing="
                + isAdaptivePacing() + ", dryRun=" + settings.dryRun()
                + ", protectedLogins=" + settings.protectedLogins().size() + ", retry=" + settings.retry().getName()
                + '}';
    }

    /**
     * Builds a {@link BulkUserDeleter}. Setters validate their argument at once; {@link #build()} checks that the
     * settings agree. Not thread-safe; {@code build()} copies what the builder holds, so a builder can be reused.
     *
     * <pre>{@code
     * BulkUserDeleter deleter = BulkUserDeleter.builder(client).dryRun(true).build();
     * }</pre>
     */
    public static final class Builder extends RecordOptions {

        private final OktaGateway gateway;
        private TokenOwnerCache tokenOwner = new TokenOwnerCache();
        /** Micrometer meters, or {@code null}; typed so that this class loads without Micrometer. */
        private DeleterMetrics metrics;

        private Builder(OktaGateway gateway, Integer tunedPoolSize) {
            super(tunedPoolSize);
            this.gateway = gateway;
        }

        private Builder copy() {
            Builder b = new Builder(gateway, tunedPoolSize());
            copyRecordTo(b);
            b.tokenOwner = tokenOwner; // one client, one token: its owner is looked up once
            b.metrics = metrics;
            return b;
        }

        /**
         * Registers this deleter's meters in a Micrometer registry (Micrometer is an optional dependency: without
         * this call, a deleter needs no Micrometer on the classpath). The meters, whose tags never hold a login, a
         * user id or a credential:
         * <table>
         *   <caption>Meters</caption>
         *   <tr><th>name</th><th>type</th><th>tags</th></tr>
         *   <tr><td>{@code okta.bulkdelete.outcomes}</td><td>counter</td><td>{@code kind} (deleted, not_found,
         *       skipped, failed, not_attempted), {@code reason} (the skip reason, the failed step, else none)</td></tr>
         *   <tr><td>{@code okta.bulkdelete.requests}</td><td>timer</td><td>{@code route} (lookup, search,
         *       deactivate, delete, verify, groups), {@code status} (HTTP status, 0 for no response)</td></tr>
         *   <tr><td>{@code okta.bulkdelete.retries}</td><td>counter</td><td>{@code route}</td></tr>
         *   <tr><td>{@code okta.bulkdelete.rate.limit.waits}</td><td>timer</td><td>{@code route}, {@code cause}
         *       (pacing, rate_limit_reset, concurrency_limit)</td></tr>
         *   <tr><td>{@code okta.bulkdelete.in.flight}</td><td>gauge</td><td>(HTTP requests in flight)</td></tr>
         *   <tr><td>{@code okta.bulkdelete.bucket.remaining}</td><td>gauge</td><td>{@code bucket}, such as
         *       {@code DELETE /api/v1/users/{id}}: the last {@code X-Rate-Limit-Remaining}</td></tr>
         * </table>
         * and the Resilience4j rate limiter's and retry's own meters ({@code resilience4j.ratelimiter.*},
         * {@code resilience4j.retry.calls}, through {@code resilience4j-micrometer}, which must then be on the
         * classpath too). The deleters built from this builder, and derived from them, share the meters. Give each
         * independent deleter its own registry (or common tags): Micrometer keeps the first gauge of a name.
         *
         * <pre>{@code
         * MeterRegistry registry = new SimpleMeterRegistry();
         * BulkUserDeleter deleter = BulkUserDeleter.builder(client).meterRegistry(registry).build();
         * }</pre>
         *
         * @param registry the registry
         * @return this builder
         * @throws NullPointerException if {@code registry} is {@code null}
         */
        public Builder meterRegistry(MeterRegistry registry) {
            if (registry == null) {
                throw new NullPointerException("meterRegistry");
            }
            this.metrics = BatchMetrics.register(registry);
            return this;
        }

        /**
         * Builds the deleter.
         *
         * <p>A deleter built from {@link BulkUserDeleter#newBuilder()} shares the pace of the deleter it came from:
         * the same rate limiter, and with adaptive pacing what was learned of the org's rate-limit buckets, so that
         * the two together stay within the org's limits and the second does not learn again what the first knew.
         * It gets a pace of its own when its builder was given other pace settings ({@code requestsPerMinute},
         * {@code rateLimiter}, {@code adaptivePacing}, {@code maxShareOfLimit}, {@code maxConcurrency},
         * {@code connectionPoolSize}, {@code clock}) than the deleter it came from; the other settings (such as
         * {@code dryRun}, {@code listener}, retry) never stop the sharing.
         *
         * @return an immutable deleter
         * @throws IllegalStateException if both a rate limiter and a rate, or both a retry and retry settings, were
         *     given
         */
        public BulkUserDeleter build() {
            Pace pace = pace();
            if (metrics != null) {
                metrics.bind(pace.limiter(), pace.retry());
            }
            DeleterSettings settings = new DeleterSettings(
                    metrics == null ? gateway : new ObservedGateway(gateway, metrics.observer()), pace.pacer(),
                    pace.retry(), pace.sleeper(), pace.clock(), pace.concurrency(), dryRun, maxDeletions,
                    protectedLogins, metrics == null ? listener : metrics.listener(listener), verifyDeletions,
                    tokenOwner, backupGroupsSetting(), metrics == null ? RunObserver.NONE : metrics.observer());
            Builder template = copy();
            template.inherit(pace);
            return new BulkUserDeleter(settings, template);
        }
    }
}

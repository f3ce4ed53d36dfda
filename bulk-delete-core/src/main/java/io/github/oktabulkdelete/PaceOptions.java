package io.github.oktabulkdelete;

import io.github.oktabulkdelete.internal.AdaptivePacer;
import io.github.oktabulkdelete.internal.Pacer;
import io.github.oktabulkdelete.internal.RetryWaits;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The pace, retry and concurrency half of {@link BulkUserDeleter.Builder}: its setters (Javadoc shows them as the
 * builder's own), their validation and defaults, and how they become a deleter's {@link Pacer} and {@link Retry}.
 *
 * <p>A builder from {@link BulkUserDeleter#newBuilder()} inherits the pacer of the deleter it came from, and
 * {@link #pace()} hands that same pacer (the same rate limiter, and what an adaptive pacer learned of the org's
 * buckets) to the derived deleter, unless the settings it is made from differ.
 */
abstract class PaceOptions {

    static final int DEFAULT_REQUESTS_PER_MINUTE = 300;
    /**
     * The most requests in flight by default: enough for a large org's ceiling (Okta's formula, rate &times;
     * latency, gives about 40 at 4,000 lookups and 1,200 of each change a minute with 400 ms answers), well under
     * the org's 75. A tuned client's connection pool is this size by default, so the pool never caps it.
     */
    static final int DEFAULT_MAX_CONCURRENCY = 50;
    static final int DEFAULT_MAX_ATTEMPTS = 6;
    static final Duration DEFAULT_MAX_RETRY_WAIT = Duration.ofSeconds(60);
    static final int PLAIN_CLIENT_POOL_SIZE = 5;
    /** Okta's concurrent-request limit per org (Workforce); more in flight only earns concurrency 429s. */
    static final int MAX_CONCURRENCY_LIMIT = 75;

    /**
     * What a deleter's pacer is made from; two deleters with equal keys can share one pacer. Settings a fixed-rate
     * pacer ignores are left out of its key.
     */
    record PaceKey(Integer requestsPerMinute, RateLimiter rateLimiter, boolean adaptive, double maxShare,
            Clock clock, int concurrency) {
    }

    /** The pace of one deleter. */
    record Pace(Pacer pacer, RateLimiter limiter, Retry retry, int concurrency, Clock clock, Sleeper sleeper,
            PaceKey key) {
    }

    private final Integer tunedPoolSize;
    private Integer requestsPerMinute;
    private RateLimiter rateLimiter;
    private Retry retry;
    private Integer maxAttempts;
    private Duration maxRetryWait;
    private int maxConcurrency = DEFAULT_MAX_CONCURRENCY;
    private Integer connectionPoolSize;
    /** {@code null}: adaptive on a tuned client, fixed on a plain one. */
    private Boolean adaptivePacing;
    private double maxShareOfLimit = 1.0;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private Pace inherited;

    /** @param tunedPoolSize the pool size of a tuned client, or {@code null} for a plain one */
    PaceOptions(Integer tunedPoolSize) {
        this.tunedPoolSize = tunedPoolSize;
    }

    Integer tunedPoolSize() {
        return tunedPoolSize;
    }

    private BulkUserDeleter.Builder self() {
        return (BulkUserDeleter.Builder) this;
    }

    /** Copies these settings, and the pace inherited, to another builder. */
    final void copyPaceTo(PaceOptions b) {
        b.requestsPerMinute = requestsPerMinute;
        b.rateLimiter = rateLimiter;
        b.retry = retry;
        b.maxAttempts = maxAttempts;
        b.maxRetryWait = maxRetryWait;
        b.maxConcurrency = maxConcurrency;
        b.connectionPoolSize = connectionPoolSize;
        b.adaptivePacing = adaptivePacing;
        b.maxShareOfLimit = maxShareOfLimit;
        b.clock = clock;
        b.sleeper = sleeper;
        b.inherited = inherited;
    }

    /** The deleters built from this builder share the pacer of {@code pace} while their settings match it. */
    final void inherit(Pace pace) {
        this.inherited = pace;
    }

    /**
     * The most HTTP requests per minute, all steps together, spread evenly: with adaptive pacing a hard cap on top of
     * the learned limits, otherwise the fixed pace. Default: none with adaptive pacing on a tuned client, otherwise
     * 300. Not with {@link BulkUserDeleter.Builder#rateLimiter(RateLimiter)}.
     *
     * @param requestsPerMinute from 1 to 1,000,000
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public BulkUserDeleter.Builder requestsPerMinute(int requestsPerMinute) {
        if (requestsPerMinute < 1 || requestsPerMinute > 1_000_000) {
            throw new IllegalArgumentException("requestsPerMinute must be from 1 to 1,000,000, was "
                    + requestsPerMinute);
        }
        this.requestsPerMinute = requestsPerMinute;
        return self();
    }

    /**
     * A Resilience4j rate limiter that every attempt takes a permit from, for example one shared by all the clients
     * of an org. Not with {@link BulkUserDeleter.Builder#requestsPerMinute(int)}.
     *
     * @param rateLimiter the limiter
     * @return this builder
     * @throws NullPointerException if {@code rateLimiter} is {@code null}
     */
    public BulkUserDeleter.Builder rateLimiter(RateLimiter rateLimiter) {
        this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
        return self();
    }

    /**
     * Pace at the org's rate limits, learned from the responses' {@code X-Rate-Limit-*} headers, instead of at a
     * fixed rate. Default {@code true} on a {@link TunedOktaClient} (which sees every response's headers),
     * {@code false} on a plain {@code ApiClient} (see below).
     *
     * <p>With it, the run keeps one budget per rate-limit bucket it touches (learning from the headers which of
     * lookup, deactivate and delete share a bucket), spreads what remains of each window over the rest of the
     * window instead of bursting and then waiting, and keeps no more requests in flight than rate and latency call
     * for (halving them on a concurrency 429). A rate set with {@link BulkUserDeleter.Builder#requestsPerMinute(int)}
     * or {@link BulkUserDeleter.Builder#rateLimiter(RateLimiter)} stays a hard upper bound; without one there is none
     * for a {@link TunedOktaClient}, whose every response carries the headers. A plain {@code ApiClient} only shows
     * the headers of its 429s, so it stays at the configured rate (default 300 per minute), paced further by what
     * the 429s say. A 429 that the readings did not predict (a per-token share the headers do not show, another
     * client of the org) lowers that bucket's budget for the rest of the run.
     *
     * @param adaptivePacing whether to pace by the learned limits
     * @return this builder
     */
    public BulkUserDeleter.Builder adaptivePacing(boolean adaptivePacing) {
        this.adaptivePacing = adaptivePacing;
        return self();
    }

    /**
     * With {@link BulkUserDeleter.Builder#adaptivePacing(boolean)}: the share of each bucket's limit this run may
     * use, leaving the rest to the org's other clients. Default 1.0 (Okta already limits one token to its own share).
     *
     * @param maxShareOfLimit in (0, 1]
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public BulkUserDeleter.Builder maxShareOfLimit(double maxShareOfLimit) {
        if (!(maxShareOfLimit > 0 && maxShareOfLimit <= 1)) {
            throw new IllegalArgumentException("maxShareOfLimit must be in (0, 1], was " + maxShareOfLimit);
        }
        this.maxShareOfLimit = maxShareOfLimit;
        return self();
    }

    /**
     * A Resilience4j retry to use instead of ours. Its predicate sees {@link OktaRequestException}s; its interval
     * function decides the waits (see {@link OktaRequestException#rateLimit()} for the 429 headers). Not with
     * {@link BulkUserDeleter.Builder#maxAttempts(int)} or {@link BulkUserDeleter.Builder#maxRetryWait(Duration)}.
     *
     * @param retry the retry
     * @return this builder
     * @throws NullPointerException if {@code retry} is {@code null}
     */
    public BulkUserDeleter.Builder retry(Retry retry) {
        this.retry = Objects.requireNonNull(retry, "retry");
        return self();
    }

    /**
     * How many times one request is tried at most, the first included. Default 6.
     *
     * @param maxAttempts from 1 to 100
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public BulkUserDeleter.Builder maxAttempts(int maxAttempts) {
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new IllegalArgumentException("maxAttempts must be from 1 to 100, was " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
        return self();
    }

    /**
     * The longest wait before a retry, whatever a 429's {@code X-Rate-Limit-Reset} says. Default 60 s.
     *
     * @param maxRetryWait from 1 ms to 1 hour
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public BulkUserDeleter.Builder maxRetryWait(Duration maxRetryWait) {
        Objects.requireNonNull(maxRetryWait, "maxRetryWait");
        if (maxRetryWait.toMillis() < 1 || maxRetryWait.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("maxRetryWait must be from 1 ms to 1 hour, was " + maxRetryWait);
        }
        this.maxRetryWait = maxRetryWait;
        return self();
    }

    /**
     * How many logins are worked on at once, and so the most requests in flight. Default 50: with adaptive pacing the
     * requests in flight follow Okta's formula (requests per second &times; measured seconds per request, plus one)
     * up to it, which a large org's ceiling needs (about 40), well under Okta's 75 per org. It is capped by the
     * client's connection pool (a tuned client's is 50 by default, a plain client's 5).
     *
     * @param maxConcurrency from 1 to 75 (Okta's concurrent-request limit per org)
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public BulkUserDeleter.Builder maxConcurrency(int maxConcurrency) {
        if (maxConcurrency < 1 || maxConcurrency > MAX_CONCURRENCY_LIMIT) {
            throw new IllegalArgumentException("maxConcurrency must be from 1 to " + MAX_CONCURRENCY_LIMIT
                    + ", was " + maxConcurrency);
        }
        this.maxConcurrency = maxConcurrency;
        return self();
    }

    /**
     * The connection pool size of a plain {@code ApiClient} (default: the SDK's 5 per host). Concurrency is capped
     * by it. Ignored for a {@link TunedOktaClient}, whose pool size is known.
     *
     * @param connectionPoolSize at least 1
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     */
    public BulkUserDeleter.Builder connectionPoolSize(int connectionPoolSize) {
        if (connectionPoolSize < 1) {
            throw new IllegalArgumentException("connectionPoolSize must be at least 1, was " + connectionPoolSize);
        }
        this.connectionPoolSize = connectionPoolSize;
        return self();
    }

    /**
     * The clock for elapsed times, and for 429 waits when a response has no {@code Date}. Default UTC system clock.
     * Tests inject a fake one.
     *
     * @param clock the clock
     * @return this builder
     * @throws NullPointerException if {@code clock} is {@code null}
     */
    public BulkUserDeleter.Builder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return self();
    }

    /**
     * How workers wait between retries. Default {@link Sleeper#SYSTEM}. Tests inject one that advances a fake
     * clock.
     *
     * @param sleeper the sleeper
     * @return this builder
     * @throws NullPointerException if {@code sleeper} is {@code null}
     */
    public BulkUserDeleter.Builder sleeper(Sleeper sleeper) {
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        return self();
    }

    /**
     * Checks that the settings agree and makes the pace: the inherited pacer when its settings are these, else a
     * new one.
     *
     * @throws IllegalStateException if both a rate limiter and a rate, or both a retry and retry settings, were given
     */
    final Pace pace() {
        if (rateLimiter != null && requestsPerMinute != null) {
            throw new IllegalStateException("set either rateLimiter or requestsPerMinute, not both");
        }
        if (retry != null && (maxAttempts != null || maxRetryWait != null)) {
            throw new IllegalStateException("set either retry or maxAttempts/maxRetryWait, not both");
        }
        int pool = tunedPoolSize != null ? tunedPoolSize
                : connectionPoolSize != null ? connectionPoolSize : PLAIN_CLIENT_POOL_SIZE;
        int concurrency = Math.min(maxConcurrency, pool);
        Integer rate = rateLimiter != null ? null
                : requestsPerMinute != null ? requestsPerMinute
                : adaptive() && tunedPoolSize != null ? null // no cap: every response carries the headers
                : Integer.valueOf(DEFAULT_REQUESTS_PER_MINUTE);
        PaceKey key = adaptive()
                ? new PaceKey(rate, rateLimiter, true, maxShareOfLimit, clock, concurrency)
                : new PaceKey(rate, rateLimiter, false, 1.0, null, 0);
        boolean shared = inherited != null && inherited.key().equals(key);
        RateLimiter limiter = shared ? inherited.limiter() : limiterFor(key);
        Pacer pacer = shared ? inherited.pacer() : newPacer(key, limiter);
        Retry effectiveRetry = retry != null ? retry : defaultRetry(
                maxAttempts == null ? DEFAULT_MAX_ATTEMPTS : maxAttempts,
                maxRetryWait == null ? DEFAULT_MAX_RETRY_WAIT : maxRetryWait, clock);
        return new Pace(pacer, limiter, effectiveRetry, concurrency, clock, sleeper, key);
    }

    /** Adaptive pacing unless turned off, on a client whose every response's headers are seen. */
    private boolean adaptive() {
        return adaptivePacing != null ? adaptivePacing : tunedPoolSize != null;
    }

    /** The hard cap of a pace, or {@code null} for adaptive pacing without one. */
    private static RateLimiter limiterFor(PaceKey key) {
        return key.rateLimiter() != null ? key.rateLimiter()
                : key.requestsPerMinute() != null ? defaultRateLimiter(key.requestsPerMinute()) : null;
    }

    private static Pacer newPacer(PaceKey key, RateLimiter limiter) {
        return key.adaptive()
                ? new AdaptivePacer(key.clock(), limiter, key.maxShare(), key.concurrency())
                : Pacer.of(limiter);
    }

    private static RateLimiter defaultRateLimiter(int requestsPerMinute) {
        RateLimiterConfig config = RateLimiterConfig.custom()
                .limitForPeriod(1)
                .limitRefreshPeriod(Duration.ofNanos(Duration.ofMinutes(1).toNanos() / requestsPerMinute))
                .timeoutDuration(Duration.ofSeconds(10))
                .build();
        return RateLimiter.of("okta-bulk-delete", config);
    }

    private static Retry defaultRetry(int maxAttempts, Duration maxWait, Clock clock) {
        RetryWaits waits = new RetryWaits(clock, maxWait, () -> ThreadLocalRandom.current().nextDouble());
        RetryConfig config = RetryConfig.custom()
                .maxAttempts(maxAttempts)
                .retryOnException(e -> e instanceof OktaRequestException r && r.isRetryable())
                .intervalBiFunction(waits)
                .build();
        return Retry.of("okta-bulk-delete", config);
    }
}

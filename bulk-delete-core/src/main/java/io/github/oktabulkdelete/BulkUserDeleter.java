package io.github.oktabulkdelete;

import com.okta.sdk.resource.client.ApiClient;
import io.github.oktabulkdelete.internal.DeleterSettings;
import io.github.oktabulkdelete.internal.DeletionRun;
import io.github.oktabulkdelete.internal.LoginScreen;
import io.github.oktabulkdelete.internal.OktaGateway;
import io.github.oktabulkdelete.internal.AdaptivePacer;
import io.github.oktabulkdelete.internal.Pacer;
import io.github.oktabulkdelete.internal.RetryWaits;
import io.github.oktabulkdelete.internal.SdkOktaGateway;
import io.github.oktabulkdelete.internal.TunedClients;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
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
 * limiter). Build one with {@link #builder(ApiClient)}; defaults:
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
 * ApiClient client = OktaClients.tuned().build();          // pool of 50, rate-limit headers captured
 * BulkUserDeleter deleter = BulkUserDeleter.builder(client) // adaptive pacing: no rate to guess
 *         .protectedLogins(Set.of("admin@corp.example"))
 *         .build();
 * BulkDeleteResult result = deleter.deleteAll(logins);
 * result.outcomes(DeletionOutcome.Failed.class).forEach(f -> System.err.println(f.login() + ": " + f.message()));
 * }</pre>
 *
 * <p><b>Plain clients.</b> An {@code ApiClient} that was not built by {@link OktaClients} works too, with limits:
 * its success responses' rate-limit headers are not seen (only those of errors are), so it is paced at a fixed,
 * safe 300 requests a minute unless told otherwise (under the 300 {@code DELETE}s a minute of a Workforce token's
 * default share; a 429 is waited out until its reset and retried), its concurrency is capped by
 * its connection pool (the SDK's default is 5: declare another with {@link Builder#connectionPoolSize(int)}), and
 * if its own retry is on (the SDK's default), its retries stack under ours and are not counted.
 */
public final class BulkUserDeleter {

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

    private final DeleterSettings settings;
    private final Builder template;

    private BulkUserDeleter(DeleterSettings settings, Builder template) {
        this.settings = settings;
        this.template = template;
    }

    /**
     * Starts building a deleter that calls Okta through the given SDK client.
     *
     * @param apiClient the client; one built by {@link OktaClients#tuned()} gives the best results
     * @return a builder with the defaults
     * @throws NullPointerException if {@code apiClient} is {@code null}
     */
    public static Builder builder(ApiClient apiClient) {
        Objects.requireNonNull(apiClient, "apiClient");
        TunedClients.Tuning tuning = TunedClients.tuningOf(apiClient);
        return new Builder(new SdkOktaGateway(apiClient, tuning == null ? null : tuning.capture()),
                tuning == null ? null : tuning.connectionPoolSize());
    }

    /** A builder over any gateway, for tests and benchmarks in this package. */
    static Builder builder(OktaGateway gateway, Integer connectionPoolSize) {
        return new Builder(Objects.requireNonNull(gateway, "gateway"), connectionPoolSize);
    }

    /**
     * A builder holding this deleter's settings, to derive another deleter from it.
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
        List<DeletionOutcome> outcomes = new ArrayList<>();
        BulkDeleteSummary summary = new DeletionRun(settings, cancellation).execute(logins, (index, outcome) -> {
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
        return new DeletionRun(settings, cancellation).execute(logins, (index, outcome) -> consumer.accept(outcome));
    }

    /** @return how many logins are worked on at once, after the cap by the connection pool */
    public int maxConcurrency() {
        return settings.maxConcurrency();
    }

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
    public static final class Builder {

        private final OktaGateway gateway;
        private final Integer tunedPoolSize;
        private Integer requestsPerMinute;
        private RateLimiter rateLimiter;
        private Retry retry;
        private Integer maxAttempts;
        private Duration maxRetryWait;
        private int maxConcurrency = DEFAULT_MAX_CONCURRENCY;
        private Integer connectionPoolSize;
        private Set<String> protectedLogins = Set.of();
        private boolean dryRun;
        private boolean verifyDeletions = true;
        private long maxDeletions = Long.MAX_VALUE;
        private Boolean adaptivePacing;
        private double maxShareOfLimit = 1.0;
        private DeletionListener listener = DeletionListener.NONE;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;

        private Builder(OktaGateway gateway, Integer tunedPoolSize) {
            this.gateway = gateway;
            this.tunedPoolSize = tunedPoolSize;
        }

        private Builder copy() {
            Builder b = new Builder(gateway, tunedPoolSize);
            b.requestsPerMinute = requestsPerMinute;
            b.rateLimiter = rateLimiter;
            b.retry = retry;
            b.maxAttempts = maxAttempts;
            b.maxRetryWait = maxRetryWait;
            b.maxConcurrency = maxConcurrency;
            b.connectionPoolSize = connectionPoolSize;
            b.protectedLogins = protectedLogins;
            b.dryRun = dryRun;
            b.verifyDeletions = verifyDeletions;
            b.maxDeletions = maxDeletions;
            b.adaptivePacing = adaptivePacing;
            b.maxShareOfLimit = maxShareOfLimit;
            b.listener = listener;
            b.clock = clock;
            b.sleeper = sleeper;
            return b;
        }

        /**
         * The most HTTP requests per minute, all steps together, spread evenly: with adaptive pacing a hard cap on
         * top of the learned limits, otherwise the fixed pace. Default: none with adaptive pacing on a tuned client,
         * otherwise 300. Not with {@link #rateLimiter(RateLimiter)}.
         *
         * @param requestsPerMinute from 1 to 1,000,000
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder requestsPerMinute(int requestsPerMinute) {
            if (requestsPerMinute < 1 || requestsPerMinute > 1_000_000) {
                throw new IllegalArgumentException("requestsPerMinute must be from 1 to 1,000,000, was "
                        + requestsPerMinute);
            }
            this.requestsPerMinute = requestsPerMinute;
            return this;
        }

        /**
         * A Resilience4j rate limiter that every attempt takes a permit from, for example one shared by all the
         * clients of an org. Not with {@link #requestsPerMinute(int)}.
         *
         * @param rateLimiter the limiter
         * @return this builder
         * @throws NullPointerException if {@code rateLimiter} is {@code null}
         */
        public Builder rateLimiter(RateLimiter rateLimiter) {
            this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
            return this;
        }

        /**
         * Pace at the org's rate limits, learned from the responses' {@code X-Rate-Limit-*} headers, instead of at a
         * fixed rate. Default {@code true} on a client built by {@link OktaClients} (which sees every response's
         * headers), {@code false} on a plain {@code ApiClient} (see below).
         *
         * <p>With it, the run keeps one budget per rate-limit bucket it touches (learning from the headers which
         * of lookup, deactivate and delete share a bucket), spreads what remains of each window over the rest of
         * the window instead of bursting and then waiting, and keeps no more requests in flight than rate and
         * latency call for (halving them on a concurrency 429). A rate set with {@link #requestsPerMinute(int)} or
         * {@link #rateLimiter(RateLimiter)} stays a hard upper bound; without one there is none for a client built
         * by {@link OktaClients}, whose every response carries the headers. A plain {@code ApiClient} only shows
         * the headers of its 429s, so it stays at the configured rate (default 300 per minute), paced further by
         * what the 429s say. A 429 that the readings did not predict (a per-token share the headers do not show,
         * another client of the org) lowers that bucket's budget for the rest of the run.
         *
         * @param adaptivePacing whether to pace by the learned limits
         * @return this builder
         */
        public Builder adaptivePacing(boolean adaptivePacing) {
            this.adaptivePacing = adaptivePacing;
            return this;
        }

        /**
         * With {@link #adaptivePacing(boolean)}: the share of each bucket's limit this run may use, leaving the
         * rest to the org's other clients. Default 1.0 (Okta already limits one token to its own share).
         *
         * @param maxShareOfLimit in (0, 1]
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxShareOfLimit(double maxShareOfLimit) {
            if (!(maxShareOfLimit > 0 && maxShareOfLimit <= 1)) {
                throw new IllegalArgumentException("maxShareOfLimit must be in (0, 1], was " + maxShareOfLimit);
            }
            this.maxShareOfLimit = maxShareOfLimit;
            return this;
        }

        /**
         * A Resilience4j retry to use instead of ours. Its predicate sees {@link OktaRequestException}s; its
         * interval function decides the waits (see {@link OktaRequestException#rateLimit()} for the 429 headers).
         * Not with {@link #maxAttempts(int)} or {@link #maxRetryWait(Duration)}.
         *
         * @param retry the retry
         * @return this builder
         * @throws NullPointerException if {@code retry} is {@code null}
         */
        public Builder retry(Retry retry) {
            this.retry = Objects.requireNonNull(retry, "retry");
            return this;
        }

        /**
         * How many times one request is tried at most, the first included. Default 6.
         *
         * @param maxAttempts from 1 to 100
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1 || maxAttempts > 100) {
                throw new IllegalArgumentException("maxAttempts must be from 1 to 100, was " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * The longest wait before a retry, whatever a 429's {@code X-Rate-Limit-Reset} says. Default 60 s.
         *
         * @param maxRetryWait from 1 ms to 1 hour
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxRetryWait(Duration maxRetryWait) {
            Objects.requireNonNull(maxRetryWait, "maxRetryWait");
            if (maxRetryWait.toMillis() < 1 || maxRetryWait.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("maxRetryWait must be from 1 ms to 1 hour, was " + maxRetryWait);
            }
            this.maxRetryWait = maxRetryWait;
            return this;
        }

        /**
         * How many logins are worked on at once, and so the most requests in flight. Default 50: with adaptive pacing
         * the requests in flight follow Okta's formula (requests per second &times; measured seconds per request,
         * plus one) up to it, which a large org's ceiling needs (about 40), well under Okta's 75 per org. It is
         * capped by the client's connection pool (a tuned client's is 50 by default, a plain client's 5).
         *
         * @param maxConcurrency from 1 to 75 (Okta's concurrent-request limit per org)
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxConcurrency(int maxConcurrency) {
            if (maxConcurrency < 1 || maxConcurrency > MAX_CONCURRENCY_LIMIT) {
                throw new IllegalArgumentException("maxConcurrency must be from 1 to " + MAX_CONCURRENCY_LIMIT
                        + ", was " + maxConcurrency);
            }
            this.maxConcurrency = maxConcurrency;
            return this;
        }

        /**
         * The connection pool size of a client that {@link OktaClients} did not build (default: the SDK's 5 per
         * host). Concurrency is capped by it. Ignored for tuned clients, whose pool size is known.
         *
         * @param connectionPoolSize at least 1
         * @return this builder
         * @throws IllegalArgumentException if less than 1
         */
        public Builder connectionPoolSize(int connectionPoolSize) {
            if (connectionPoolSize < 1) {
                throw new IllegalArgumentException("connectionPoolSize must be at least 1, was "
                        + connectionPoolSize);
            }
            this.connectionPoolSize = connectionPoolSize;
            return this;
        }

        /**
         * Logins (or user ids) never to touch, compared case-insensitively; they are skipped as
         * {@link SkipReason#PROTECTED}. Replaces any earlier set.
         *
         * @param protectedLogins the logins or ids
         * @return this builder
         * @throws NullPointerException if the collection or an element is {@code null}
         * @throws IllegalArgumentException if an element is blank
         */
        public Builder protectedLogins(Collection<String> protectedLogins) {
            Objects.requireNonNull(protectedLogins, "protectedLogins");
            Set<String> copy = new LinkedHashSet<>();
            for (String login : protectedLogins) {
                Objects.requireNonNull(login, "protectedLogins element");
                if (login.isBlank()) {
                    throw new IllegalArgumentException("protectedLogins must not hold a blank login");
                }
                copy.add(LoginScreen.key(login));
            }
            this.protectedLogins = copy;
            return this;
        }

        /**
         * Only look users up, and report each as {@link SkipReason#DRY_RUN} with the status found. Default
         * {@code false}.
         *
         * @param dryRun whether to change nothing
         * @return this builder
         */
        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        /**
         * Whether a login is reported {@link DeletionOutcome.Deleted} only after a {@code GET} by id answers Okta's
         * 404. Default {@code true}. Okta's DELETE answers 204 both when it deletes a user and when it only
         * deactivates one (someone reactivated it between this batch's deactivate and its delete, or the status
         * read was stale); the check costs one {@code GET} per user, paced like every other call. With
         * {@code false}, such a user is reported {@code Deleted} although it still exists, deactivated: turn it off
         * only where nobody else can change the users during the batch.
         *
         * @param verifyDeletions whether to check that each deleted user is gone
         * @return this builder
         */
        public Builder verifyDeletions(boolean verifyDeletions) {
            this.verifyDeletions = verifyDeletions;
            return this;
        }

        /**
         * The most users one batch may deactivate or delete: a login whose first change would exceed it is not
         * touched, and the batch stops there ({@link BatchStop.Cause#DELETION_LIMIT}). Default: no limit.
         *
         * @param maxDeletions at least 0
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder maxDeletions(long maxDeletions) {
            if (maxDeletions < 0) {
                throw new IllegalArgumentException("maxDeletions must not be negative, was " + maxDeletions);
            }
            this.maxDeletions = maxDeletions;
            return this;
        }

        /**
         * The listener of this deleter's batches. Default: none.
         *
         * @param listener the listener
         * @return this builder
         * @throws NullPointerException if {@code listener} is {@code null}
         */
        public Builder listener(DeletionListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * The clock for elapsed times, and for 429 waits when a response has no {@code Date}. Default UTC system
         * clock. Tests inject a fake one.
         *
         * @param clock the clock
         * @return this builder
         * @throws NullPointerException if {@code clock} is {@code null}
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * How workers wait between retries. Default {@link Sleeper#SYSTEM}. Tests inject one that advances a fake
         * clock.
         *
         * @param sleeper the sleeper
         * @return this builder
         * @throws NullPointerException if {@code sleeper} is {@code null}
         */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * Builds the deleter.
         *
         * @return an immutable deleter
         * @throws IllegalStateException if both a rate limiter and a rate, or both a retry and retry settings, were
         *     given
         */
        public BulkUserDeleter build() {
            if (rateLimiter != null && requestsPerMinute != null) {
                throw new IllegalStateException("set either rateLimiter or requestsPerMinute, not both");
            }
            if (retry != null && (maxAttempts != null || maxRetryWait != null)) {
                throw new IllegalStateException("set either retry or maxAttempts/maxRetryWait, not both");
            }
            RateLimiter limiter = rateLimiter != null ? rateLimiter
                    : requestsPerMinute != null ? defaultRateLimiter(requestsPerMinute)
                    : adaptive() && tunedPoolSize != null ? null
                    : defaultRateLimiter(DEFAULT_REQUESTS_PER_MINUTE);
            Retry effectiveRetry = retry != null ? retry : defaultRetry(
                    maxAttempts == null ? DEFAULT_MAX_ATTEMPTS : maxAttempts,
                    maxRetryWait == null ? DEFAULT_MAX_RETRY_WAIT : maxRetryWait, clock);
            int pool = tunedPoolSize != null ? tunedPoolSize
                    : connectionPoolSize != null ? connectionPoolSize : PLAIN_CLIENT_POOL_SIZE;
            int concurrency = Math.min(maxConcurrency, pool);
            Pacer pacer = adaptive()
                    ? new AdaptivePacer(clock, limiter, maxShareOfLimit, concurrency)
                    : Pacer.of(limiter);
            DeleterSettings settings = new DeleterSettings(gateway, pacer, effectiveRetry, sleeper, clock,
                    concurrency, dryRun, maxDeletions, protectedLogins, listener, verifyDeletions);
            return new BulkUserDeleter(settings, copy());
        }

        /** Adaptive pacing unless turned off, on a client whose every response's headers are seen. */
        private boolean adaptive() {
            return adaptivePacing != null ? adaptivePacing : tunedPoolSize != null;
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
}

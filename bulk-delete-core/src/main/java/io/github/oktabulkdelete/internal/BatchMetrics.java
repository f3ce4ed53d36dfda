package io.github.oktabulkdelete.internal;

import io.github.oktabulkdelete.DeletionListener;
import io.github.oktabulkdelete.DeletionOutcome;
import io.github.oktabulkdelete.OktaRequestException;
import io.github.oktabulkdelete.OutcomeKind;
import io.github.oktabulkdelete.RateLimitStatus;
import io.github.oktabulkdelete.SkipReason;
import io.github.oktabulkdelete.Step;
import io.github.oktabulkdelete.BatchProgress;
import io.github.oktabulkdelete.BatchStop;
import io.github.resilience4j.micrometer.tagged.TaggedRateLimiterMetricsPublisher;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetricsPublisher;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A deleter's Micrometer meters. The only class that names Micrometer types: it is loaded when an application calls
 * {@code Builder#meterRegistry}, never otherwise. Tags hold only fixed names (kinds, reasons, steps, routes), HTTP
 * statuses and bucket templates: never a login, a user id or a credential. Thread-safe.
 */
public final class BatchMetrics implements DeleterMetrics, RunObserver {

    static final String OUTCOMES = "okta.bulkdelete.outcomes";
    static final String REQUESTS = "okta.bulkdelete.requests";
    static final String RETRIES = "okta.bulkdelete.retries";
    static final String RATE_LIMIT_WAITS = "okta.bulkdelete.rate.limit.waits";
    static final String IN_FLIGHT = "okta.bulkdelete.in.flight";
    static final String BUCKET_REMAINING = "okta.bulkdelete.bucket.remaining";
    static final String NO_REASON = "none";

    private static final Logger LOG = LoggerFactory.getLogger(BatchMetrics.class);

    private final MeterRegistry registry;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<String, AtomicLong> bucketRemaining = new ConcurrentHashMap<>();

    private BatchMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Registers the meters of one deleter (and the deleters derived from its builder) in {@code registry}. */
    public static DeleterMetrics register(MeterRegistry registry) {
        BatchMetrics metrics = new BatchMetrics(registry);
        Gauge.builder(IN_FLIGHT, metrics.inFlight, AtomicInteger::get)
                .description("HTTP requests to Okta in flight")
                .strongReference(true)
                .register(registry);
        for (OutcomeKind kind : OutcomeKind.values()) { // every series from the start, at 0
            switch (kind) {
                case SKIPPED -> {
                    for (SkipReason reason : SkipReason.values()) {
                        metrics.outcomes(kind, tag(reason.name()));
                    }
                }
                case FAILED -> {
                    for (Step step : Step.values()) {
                        metrics.outcomes(kind, tag(step.name()));
                    }
                }
                default -> metrics.outcomes(kind, NO_REASON);
            }
        }
        return metrics;
    }

    @Override
    public RunObserver observer() {
        return this;
    }

    /** Publishes Resilience4j's own meters when resilience4j-micrometer is on the classpath; else nothing. */
    @Override
    public void bind(RateLimiter rateLimiter, Retry retry) {
        if (!RESILIENCE4J_MICROMETER) {
            LOG.debug("resilience4j-micrometer is not on the classpath: no resilience4j.* meters");
            return;
        }
        quietly(() -> Resilience4jMeters.publish(registry, rateLimiter, retry));
    }

    private static final boolean RESILIENCE4J_MICROMETER = present(
            "io.github.resilience4j.micrometer.tagged.TaggedRetryMetricsPublisher", BatchMetrics.class);

    private static boolean present(String className, Class<?> from) {
        try {
            Class.forName(className, false, from.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The only class that names resilience4j-micrometer types: loaded only when it is present. */
    private static final class Resilience4jMeters {
        static void publish(MeterRegistry registry, RateLimiter rateLimiter, Retry retry) {
            if (rateLimiter != null) {
                new TaggedRateLimiterMetricsPublisher(registry).publishMetrics(rateLimiter);
            }
            new TaggedRetryMetricsPublisher(registry).publishMetrics(retry);
        }
    }

    @Override
    public DeletionListener listener(DeletionListener listener) {
        return new MeteredListener(this, listener);
    }

    @Override
    public void requestStarted(String route) {
        inFlight.incrementAndGet();
    }

    @Override
    public void requestEnded(String route, int httpStatus, long nanos) {
        inFlight.decrementAndGet();
        quietly(() -> Timer.builder(REQUESTS)
                .description("HTTP requests to Okta, by route and status (0: no response)")
                .tag("route", route)
                .tag("status", Integer.toString(httpStatus))
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS));
    }

    @Override
    public void paced(String route, Duration waited) {
        if (waited.isNegative() || waited.isZero()) {
            return;
        }
        quietly(() -> rateLimitWaits(route, BatchProgress.WaitReason.PACING).record(waited));
    }

    @Override
    public void retrying(String route, OktaRequestException failure, Duration wait) {
        quietly(() -> {
            Counter.builder(RETRIES).description("failed requests tried again").tag("route", route)
                    .register(registry).increment();
            if (failure.httpStatus() == 429) {
                BatchProgress.WaitReason reason = failure.rateLimit() != null
                        && failure.rateLimit().isConcurrencyLimited()
                        ? BatchProgress.WaitReason.CONCURRENCY_LIMIT : BatchProgress.WaitReason.RATE_LIMIT_RESET;
                rateLimitWaits(route, reason).record(wait);
            }
        });
    }

    private Counter outcomes(OutcomeKind kind, String reason) {
        return Counter.builder(OUTCOMES).description("logins finished, by outcome kind and reason")
                .tag("kind", tag(kind.name()))
                .tag("reason", reason)
                .register(registry);
    }

    private Timer rateLimitWaits(String route, BatchProgress.WaitReason cause) {
        return Timer.builder(RATE_LIMIT_WAITS)
                .description("waits before a request for the pacer or a 429's reset")
                .tag("route", route)
                .tag("cause", tag(cause.name()))
                .register(registry);
    }

    private void bucketRemaining(RateLimitStatus status) {
        if (status.remaining() < 0) {
            return;
        }
        String bucket = RouteTags.bucket(status.bucket());
        bucketRemaining.computeIfAbsent(bucket, b -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(BUCKET_REMAINING, value, AtomicLong::get)
                    .description("X-Rate-Limit-Remaining last read for the bucket")
                    .tag("bucket", b)
                    .strongReference(true)
                    .register(registry);
            return value;
        }).set(status.remaining());
    }

    private static String reasonOf(DeletionOutcome outcome) {
        if (outcome instanceof DeletionOutcome.Skipped s) {
            return tag(s.reason().name());
        }
        if (outcome instanceof DeletionOutcome.Failed f) {
            return f.step() == null ? NO_REASON : tag(f.step().name());
        }
        return NO_REASON;
    }

    private static String tag(String enumName) {
        return enumName.toLowerCase(Locale.ROOT);
    }

    private static void quietly(Runnable meterUpdate) {
        try {
            meterUpdate.run();
        } catch (RuntimeException e) { // a registry that refuses a meter must not cost a login its outcome
            LOG.warn("updating a metric failed: {}", e.toString());
        }
    }

    /**
     * Counts outcomes and reads bucket levels, then passes every event on to the application's listener. It must
     * override every method of {@link DeletionListener} (a test checks it), or events would not reach the
     * application's listener.
     */
    static final class MeteredListener implements DeletionListener {

        private final BatchMetrics metrics;
        private final DeletionListener listener;

        MeteredListener(BatchMetrics metrics, DeletionListener listener) {
            this.metrics = metrics;
            this.listener = listener;
        }

        @Override
        public void onBatchStarted(java.util.function.Supplier<io.github.oktabulkdelete.BatchProgress> progress) {
            listener.onBatchStarted(progress);
        }

        @Override
        public void onOutcome(DeletionOutcome outcome) {
            quietly(() -> metrics.outcomes(outcome.kind(), reasonOf(outcome)).increment());
            listener.onOutcome(outcome);
        }

        @Override
        public void onRetry(String login, OktaRequestException failure, int attempt, Duration wait) {
            listener.onRetry(login, failure, attempt, wait);
        }

        @Override
        public void onRateLimitStatus(RateLimitStatus status) {
            quietly(() -> metrics.bucketRemaining(status));
            listener.onRateLimitStatus(status);
        }

        @Override
        public void onBatchStopped(BatchStop stop) {
            listener.onBatchStopped(stop);
        }

        @Override
        public void onGracePeriodEnded(java.util.List<String> stillInFlight) {
            listener.onGracePeriodEnded(stillInFlight);
        }
    }
}

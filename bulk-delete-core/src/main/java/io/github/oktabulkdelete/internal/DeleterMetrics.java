package io.github.oktabulkdelete.internal;

import io.github.oktabulkdelete.DeletionListener;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.retry.Retry;

/**
 * A deleter's metrics, as the builder holds them: free of Micrometer types, so that a {@code BulkUserDeleter}
 * loads and runs without Micrometer on the classpath. The one implementation, {@link BatchMetrics}, is loaded only
 * when an application gives a {@code MeterRegistry}.
 */
public interface DeleterMetrics {

    /** @return the observer of the inner events (requests, waits, retries) of every batch */
    RunObserver observer();

    /** @return a listener that hears the metrics' events first, then {@code listener} */
    DeletionListener listener(DeletionListener listener);

    /** Publishes the Resilience4j rate limiter's ({@code null}: none) and retry's own metrics. */
    void bind(RateLimiter rateLimiter, Retry retry);
}

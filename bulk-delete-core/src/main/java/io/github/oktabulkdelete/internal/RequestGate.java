package io.github.oktabulkdelete.internal;

import io.github.resilience4j.ratelimiter.RateLimiter;

/** Admits one HTTP request: every attempt, retries included, passes it first. */
@FunctionalInterface
public interface RequestGate {

    void acquire() throws InterruptedException;

    /** A gate over a Resilience4j {@link RateLimiter}, shared by all workers; waits as long as it takes. */
    static RequestGate of(RateLimiter limiter) {
        return () -> {
            while (!limiter.acquirePermission()) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while waiting for a rate-limit permit");
                }
            }
        };
    }
}

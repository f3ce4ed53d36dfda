package io.github.oktabulkdelete.internal;

import io.github.oktabulkdelete.RateLimitStatus;
import io.github.oktabulkdelete.Sleeper;
import io.github.resilience4j.ratelimiter.RateLimiter;

/**
 * Decides when each HTTP request may go: every attempt, retries included, takes a ticket first and hands it back
 * with what the response said about the rate limits.
 */
public interface Pacer {

    /** A request allowed to go. */
    record Ticket(CallRoute route, long sequence) {
    }

    /** Waits until a request on this route may go, through the given sleeper. */
    Ticket acquire(CallRoute route, Sleeper sleeper) throws InterruptedException;

    /**
     * The request of this ticket ended.
     *
     * @param status its response's rate-limit headers, or {@code null} when none were seen
     */
    void done(Ticket ticket, RateLimitStatus status);

    /** How long to pause after a rate limiter refused a permit before asking again. */
    java.time.Duration REFUSED_PERMIT_PAUSE = java.time.Duration.ofMillis(20);

    /** A batch using this pacer starts. */
    default void batchStarted() {
    }

    /**
     * A batch has read all its input: only the logins in flight are left, at most the worker count. A pacer may
     * stop spreading their requests over the window, as no more work follows them.
     */
    default void batchDraining() {
    }

    /** A batch that started ends (drained or not). */
    default void batchEnded(boolean drained) {
    }

    /** A pacer that only takes a permit from a Resilience4j rate limiter shared by all workers. */
    static Pacer of(RateLimiter limiter) {
        return new Pacer() {
            @Override
            public Ticket acquire(CallRoute route, Sleeper sleeper) throws InterruptedException {
                while (!limiter.acquirePermission()) {
                    if (Thread.interrupted()) {
                        throw new InterruptedException("interrupted while waiting for a rate-limit permit");
                    }
                    // a limiter that refuses at once (timeoutDuration 0) must not spin; the sleeper sees a cancel
                    sleeper.sleep(REFUSED_PERMIT_PAUSE);
                }
                return new Ticket(route, 0);
            }

            @Override
            public void done(Ticket ticket, RateLimitStatus status) {
            }
        };
    }
}

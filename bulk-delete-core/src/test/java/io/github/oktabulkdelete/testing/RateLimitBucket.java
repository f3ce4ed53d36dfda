package io.github.oktabulkdelete.testing;

import java.time.Duration;
import java.time.Instant;

/**
 * One Okta rate-limit bucket: a fixed window that starts at the first request counted after the previous window
 * ended and lasts the configured duration, with a per-window limit.
 *
 * <p>Thread-safe: every method is synchronized.
 *
 * <pre>{@code
 * RateLimitBucket bucket = new RateLimitBucket("GET /api/v1/users/{idOrLogin}", 2000, Duration.ofSeconds(60));
 * RateLimitBucket.Snapshot s = bucket.tryAcquire(clock.instant());
 * if (!s.granted()) { ... 429 ... }
 * }</pre>
 */
final class RateLimitBucket {

    /**
     * The state of a bucket as one response reports it.
     *
     * @param bucket the bucket's name
     * @param limit {@code X-Rate-Limit-Limit}
     * @param remaining {@code X-Rate-Limit-Remaining}
     * @param resetEpochSecond {@code X-Rate-Limit-Reset}: the end of the window, in epoch seconds rounded up
     * @param granted whether the request was counted (always {@code false} for {@link #peek(Instant)})
     */
    record Snapshot(String bucket, long limit, long remaining, long resetEpochSecond, boolean granted) {
    }

    private final String name;
    private final int limit;
    private final Duration window;
    private Instant windowEnd;
    private int used;

    RateLimitBucket(String name, int limit, Duration window) {
        this.name = name;
        this.limit = limit;
        this.window = window;
    }

    String name() {
        return name;
    }

    int limit() {
        return limit;
    }

    /** Counts one request if the window has budget left; a refused request costs nothing. */
    synchronized Snapshot tryAcquire(Instant now) {
        rollWindow(now, true);
        if (used < limit) {
            used++;
            return new Snapshot(name, limit, limit - used, ceilEpochSecond(windowEnd), true);
        }
        return new Snapshot(name, limit, 0, ceilEpochSecond(windowEnd), false);
    }

    /** The bucket's state without counting a request. */
    synchronized Snapshot peek(Instant now) {
        rollWindow(now, false);
        if (windowEnd == null) {
            return new Snapshot(name, limit, limit, ceilEpochSecond(now.plus(window)), false);
        }
        return new Snapshot(name, limit, limit - used, ceilEpochSecond(windowEnd), false);
    }

    /** Forgets the current window. */
    synchronized void reset() {
        windowEnd = null;
        used = 0;
    }

    private void rollWindow(Instant now, boolean startNew) {
        if (windowEnd != null && !now.isBefore(windowEnd)) {
            windowEnd = null;
            used = 0;
        }
        if (windowEnd == null && startNew) {
            windowEnd = now.plus(window);
        }
    }

    static long ceilEpochSecond(Instant instant) {
        return instant.getNano() == 0 ? instant.getEpochSecond() : instant.getEpochSecond() + 1;
    }
}

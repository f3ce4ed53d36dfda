package io.github.oktabulkdelete.testing;

import java.time.Duration;
import java.time.Instant;

/**
 * One Okta rate-limit bucket: a fixed window that starts at the first request counted after the previous window
 * ended and lasts the configured duration, with a per-window limit. Optionally, other clients of the org spend part
 * of each window (evenly over it, shown in what remains), and the token may use only a share of the bucket that the
 * headers do not show (beyond it, 429s whose headers still show budget).
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
    private final int tokenLimit;
    private final int otherClients;
    private Instant windowEnd;
    private int used;

    RateLimitBucket(String name, int limit, Duration window) {
        this(name, limit, window, 1.0, 0);
    }

    /**
     * @param hiddenTokenShare the share of the limit this token may use, not shown in the headers
     * @param otherClients requests per window that other clients spend, evenly over the window
     */
    RateLimitBucket(String name, int limit, Duration window, double hiddenTokenShare, int otherClients) {
        this.name = name;
        this.limit = limit;
        this.window = window;
        this.tokenLimit = Math.max(1, (int) Math.floor(limit * hiddenTokenShare));
        this.otherClients = otherClients;
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
        int others = othersSoFar(now);
        if (used < tokenLimit && used + others < limit) {
            used++;
            return new Snapshot(name, limit, limit - used - others, ceilEpochSecond(windowEnd), true);
        }
        return new Snapshot(name, limit, Math.max(0, limit - used - others), ceilEpochSecond(windowEnd), false);
    }

    /** What the other clients spent of the current window by now. */
    private int othersSoFar(Instant now) {
        if (otherClients == 0 || windowEnd == null) {
            return 0;
        }
        double elapsed = Duration.between(windowEnd.minus(window), now).toNanos() / (double) window.toNanos();
        return (int) Math.floor(otherClients * Math.min(1, Math.max(0, elapsed)));
    }

    /** The bucket's state without counting a request. */
    synchronized Snapshot peek(Instant now) {
        rollWindow(now, false);
        if (windowEnd == null) {
            return new Snapshot(name, limit, limit, ceilEpochSecond(now.plus(window)), false);
        }
        return new Snapshot(name, limit, limit - used - othersSoFar(now), ceilEpochSecond(windowEnd), false);
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

package io.github.oktabulkdelete.internal;

import io.github.oktabulkdelete.RateLimitStatus;
import io.github.oktabulkdelete.Sleeper;
import io.github.resilience4j.ratelimiter.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Paces requests at the org's rate limits, learned from the {@code X-Rate-Limit-*} headers of the responses, and
 * no faster.
 *
 * <ul>
 *   <li><b>Budgets per bucket.</b> Each route's latest reading gives the bucket's limit, what remains and when the
 *       window resets. Routes whose readings show the same limit share one budget (the freshest reading speaks
 *       for it), unless two of them were ever seen with the same remaining count in the same window: in a shared
 *       bucket every request takes its own number, so that proves the buckets separate. Until then, sharing is
 *       assumed, which can only make the run slower, never cause 429s.
 *   <li><b>Spreading.</b> What remains of a bucket, less the requests sent since the reading and the share left to
 *       the org's other clients ({@code 1 - maxShareOfLimit}), is spread evenly over the rest of the window. An
 *       empty bucket waits for its reset; after a reset, before a new reading, the bucket's limit is spread over a
 *       window's length.
 *   <li><b>Requests in flight.</b> No more than the rate and the latency call for (Okta's own formula:
 *       rate &times; latency, plus one), halved on a concurrency 429 and grown back one at a time, never above
 *       {@code maxInFlight} (the worker count, already capped by the connection pool).
 *   <li><b>Draining.</b> Once every batch using the pacer has read all its input, the requests of the logins
 *       still in flight (at most the worker count) go as soon as the bucket's budget allows: no more work follows
 *       them, so spreading would only leave the end of the window idle.
 *   <li><b>Hard cap.</b> An optional Resilience4j rate limiter that every request also takes a permit from.
 * </ul>
 * Server times ({@code Reset}, {@code Date}) are mapped to the local clock by the smallest offset seen, which
 * is never earlier than the true one. Thread-safe; waits go through the sleeper each call brings.
 */
public final class AdaptivePacer implements Pacer {

    static final Duration DEFAULT_WINDOW = Duration.ofSeconds(60);
    static final Duration POLL = Duration.ofMillis(20);
    /**
     * No rate-limit window is longer: a window length, or a reset further away than this from the response, is
     * garbage, never paced by (Okta's windows are about a minute).
     */
    static final Duration MAX_WINDOW = Duration.ofMinutes(10);
    private static final int ROUTES = CallRoute.values().length;

    /** A route's latest reading. */
    private record Reading(long limit, long remaining, Instant resetServer, long sequence, long[] sentAtIssue) {
    }

    private record Issued(CallRoute route, long sequence, long[] sentAtIssue, Instant at) {
    }

    private final Clock clock;
    private final RateLimiter cap;
    private final double maxShareOfLimit;
    private final int maxInFlight;

    private final Reading[] latest = new Reading[ROUTES];
    private final boolean[][] separate = new boolean[ROUTES][ROUTES];
    private final long[] sent = new long[ROUTES];
    private final Instant[] lastSend = new Instant[ROUTES];
    private final Map<Long, Issued> open = new HashMap<>();
    private long sequence;
    private long offsetMillis = Long.MAX_VALUE;
    private Duration window;
    private int inFlight;
    private int aimdCeiling;
    private int successesSinceGrowth;
    private double latencyMillis = -1;
    private int batches;
    private int drainingBatches;

    /**
     * @param cap a hard upper bound every request also takes a permit from, or {@code null}
     * @param maxShareOfLimit the share of each bucket this run may use, in (0, 1]
     * @param maxInFlight the most requests in flight
     */
    public AdaptivePacer(Clock clock, RateLimiter cap, double maxShareOfLimit, int maxInFlight) {
        this.clock = clock;
        this.cap = cap;
        this.maxShareOfLimit = maxShareOfLimit;
        this.maxInFlight = maxInFlight;
        this.aimdCeiling = maxInFlight;
    }

    @Override
    public Ticket acquire(CallRoute route, Sleeper sleeper) throws InterruptedException {
        if (cap != null) {
            Pacer.of(cap).acquire(route, sleeper);
        }
        while (true) {
            Duration wait;
            synchronized (this) {
                while (inFlight >= inFlightTarget()) {
                    wait(POLL.toMillis()); // re-checked: a slot freed elsewhere, or a target grown, wakes it
                }
                Instant now = clock.instant();
                Instant next = nextAllowed(route, now);
                if (!next.isAfter(now)) {
                    return issue(route, now);
                }
                wait = Duration.between(now, next);
            }
            sleeper.sleep(wait);
        }
    }

    private Ticket issue(CallRoute route, Instant now) {
        long seq = ++sequence;
        sent[route.ordinal()]++;
        lastSend[route.ordinal()] = now;
        inFlight++;
        open.put(seq, new Issued(route, seq, sent.clone(), now));
        return new Ticket(route, seq);
    }

    @Override
    public synchronized void batchStarted() {
        batches++;
    }

    @Override
    public synchronized void batchDraining() {
        drainingBatches++;
    }

    @Override
    public synchronized void batchEnded(boolean drained) {
        batches--;
        if (drained) {
            drainingBatches--;
        }
    }

    @Override
    public void done(Ticket ticket, RateLimitStatus status) {
        synchronized (this) {
            Issued issued = open.remove(ticket.sequence());
            if (issued == null) {
                return;
            }
            inFlight--;
            Instant now = clock.instant();
            double took = Duration.between(issued.at(), now).toNanos() / 1e6;
            latencyMillis = latencyMillis < 0 ? took : 0.8 * latencyMillis + 0.2 * took;
            if (status != null && status.isConcurrencyLimited()) {
                aimdCeiling = Math.max(1, Math.min(aimdCeiling, inFlight + 1) / 2);
                successesSinceGrowth = 0;
            } else {
                if (++successesSinceGrowth >= aimdCeiling && aimdCeiling < maxInFlight) {
                    aimdCeiling++;
                    successesSinceGrowth = 0;
                }
                if (status != null) {
                    learn(issued, status, now);
                }
            }
            notifyAll();
        }
    }

    private void learn(Issued issued, RateLimitStatus status, Instant now) {
        if (status.serverDate() != null) {
            offsetMillis = Math.min(offsetMillis, now.toEpochMilli() - status.serverDate().toEpochMilli());
            if (status.reset() != null && status.limit() > 0 && status.remaining() == status.limit() - 1) {
                // the first request of a window: its reset is one window away
                Duration length = Duration.between(status.serverDate(), status.reset());
                if (!length.isNegative() && !length.isZero() && length.compareTo(MAX_WINDOW) <= 0) {
                    window = window == null || length.compareTo(window) > 0 ? length : window;
                }
            }
        }
        if (status.limit() < 0 || status.remaining() < 0 || status.reset() == null) {
            return;
        }
        Instant seen = status.serverDate() != null ? status.serverDate() : now;
        if (status.reset().isAfter(seen.plus(MAX_WINDOW))) {
            return; // a garbage or duplicate Reset hours away would stall the run until then
        }
        int r = issued.route().ordinal();
        for (int o = 0; o < ROUTES; o++) {
            Reading other = latest[o];
            if (o != r && other != null && other.limit() == status.limit() && other.remaining() == status.remaining()
                    && sameWindow(other.resetServer(), status.reset())) {
                separate[r][o] = true;
                separate[o][r] = true;
            }
        }
        Reading current = latest[r];
        if (current == null || current.sequence() < issued.sequence()) {
            latest[r] = new Reading(status.limit(), status.remaining(), status.reset(), issued.sequence(),
                    issued.sentAtIssue());
        }
    }

    private static boolean sameWindow(Instant a, Instant b) {
        return Math.abs(Duration.between(a, b).toMillis()) <= 1000;
    }

    /** The routes that share a budget with this one, by the latest readings. */
    private Set<CallRoute> groupOf(CallRoute route) {
        Set<CallRoute> group = EnumSet.of(route);
        Reading mine = latest[route.ordinal()];
        if (mine == null) {
            return group;
        }
        for (CallRoute other : CallRoute.values()) {
            Reading theirs = latest[other.ordinal()];
            if (other != route && theirs != null && !separate[route.ordinal()][other.ordinal()]
                    && theirs.limit() == mine.limit()) {
                group.add(other);
            }
        }
        return group;
    }

    /** When the next request on this route may go. */
    Instant nextAllowed(CallRoute route, Instant now) {
        Set<CallRoute> group = groupOf(route);
        Reading freshest = null;
        Instant last = null;
        boolean anyInFlight = false;
        for (CallRoute g : group) {
            Reading reading = latest[g.ordinal()];
            if (reading != null && (freshest == null || reading.sequence() > freshest.sequence())) {
                freshest = reading;
            }
            Instant sentAt = lastSend[g.ordinal()];
            if (sentAt != null && (last == null || sentAt.isAfter(last))) {
                last = sentAt;
            }
        }
        for (Issued issued : open.values()) {
            anyInFlight |= group.contains(issued.route());
        }
        if (freshest == null) {
            // nothing known yet: one probe at a time until the first reading
            return anyInFlight ? now.plus(POLL) : now;
        }
        long share = Math.max(1, (long) Math.floor(freshest.limit() * maxShareOfLimit));
        Instant reset = toLocal(freshest.resetServer());
        Duration interval;
        if (!now.isBefore(reset)) {
            // the window of the reading is over; spread the limit over a new one until a reading arrives
            Duration length = window == null ? DEFAULT_WINDOW : window;
            interval = length.dividedBy(share);
        } else {
            long usable = freshest.remaining() - (freshest.limit() - share) - sentSince(freshest, group)
                    - olderInFlight(freshest, group);
            if (usable <= 0) {
                return reset;
            }
            if (batches > 0 && drainingBatches == batches) {
                // every batch has read its input: the few requests left fit the budget, spreading would only idle
                return now;
            }
            // usable + 1 gaps: the last request goes one gap before the reset, not on it
            interval = Duration.between(now, reset).dividedBy(usable + 1);
        }
        if (last == null) {
            return now;
        }
        Instant next = last.plus(interval);
        return next.isAfter(now) ? next : now;
    }

    private long sentSince(Reading reading, Set<CallRoute> group) {
        long since = 0;
        for (CallRoute g : group) {
            since += sent[g.ordinal()] - reading.sentAtIssue()[g.ordinal()];
        }
        return since;
    }

    private long olderInFlight(Reading reading, Set<CallRoute> group) {
        long older = 0;
        for (Issued issued : open.values()) {
            if (issued.sequence() < reading.sequence() && group.contains(issued.route())) {
                older++;
            }
        }
        return older;
    }

    private Instant toLocal(Instant server) {
        return offsetMillis == Long.MAX_VALUE ? server : server.plusMillis(offsetMillis);
    }

    /** How many requests may be in flight: what rate and latency call for, the AIMD ceiling, the worker count. */
    int inFlightTarget() {
        if (latencyMillis < 0) {
            return 1;
        }
        Instant now = clock.instant();
        double requestsPerSecond = 0;
        Set<CallRoute> counted = EnumSet.noneOf(CallRoute.class);
        for (CallRoute route : CallRoute.values()) {
            Reading reading = latest[route.ordinal()];
            if (reading == null || counted.contains(route)) {
                continue;
            }
            Set<CallRoute> group = groupOf(route);
            counted.addAll(group);
            long share = Math.max(1, (long) Math.floor(reading.limit() * maxShareOfLimit));
            Duration length = window == null ? DEFAULT_WINDOW : window;
            requestsPerSecond += share / Math.max(0.001, length.toNanos() / 1e9);
        }
        if (requestsPerSecond == 0) {
            return Math.min(maxInFlight, aimdCeiling);
        }
        double needed = Math.ceil(requestsPerSecond * latencyMillis / 1000.0) + 1; // no int overflow on garbage
        return (int) Math.max(1, Math.min(Math.min(needed, aimdCeiling), maxInFlight));
    }

    /** The hard upper bound, or {@code null} when there is none. */
    public RateLimiter hardCap() {
        return cap;
    }

    /** For tests and diagnostics: whether two routes were shown to count against separate buckets. */
    synchronized boolean provenSeparate(CallRoute a, CallRoute b) {
        return separate[a.ordinal()][b.ordinal()];
    }

    /** For tests and diagnostics: the routes sharing a budget with this one. */
    synchronized Set<CallRoute> sharing(CallRoute route) {
        return groupOf(route);
    }

}

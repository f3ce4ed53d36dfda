package io.github.oktabulkdelete.internal;

import io.github.oktabulkdelete.RateLimitStatus;
import io.github.oktabulkdelete.Sleeper;
import io.github.oktabulkdelete.internal.BucketReadings.Issued;
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
 *       window resets. Routes whose readings show the same limit are assumed to share one bucket until the
 *       readings prove them separate, and while they are, the smallest budget over their readings is the usable
 *       one: a route whose bucket is known to be empty never spends another route's budget
 *       ({@link BucketReadings} says how buckets are proven separate, which then costs nothing).
 *   <li><b>Spreading.</b> What remains of a bucket, less the requests sent since the reading and the share left to
 *       the org's other clients ({@code 1 - maxShareOfLimit}), is spread evenly over the rest of the window. The
 *       window's end is estimated from the request that opened it ({@link WindowEnds}), closer than the
 *       {@code Reset} header's whole second; when no opening was seen, an empty bucket waits for its reset plus a
 *       margin of 1/60 of the window (1 s on Okta's 60 s windows). After the end, before a new reading, the
 *       bucket's limit is spread over a window's length.
 *   <li><b>Learning from 429s.</b> A 429 that the readings did not predict (a per-token share the headers do not
 *       show, another client of the org) lowers that bucket's budget for this window and the next ones.
 *   <li><b>Requests in flight.</b> No more than the rate and the latency call for (Okta's own formula:
 *       requests per second &times; average seconds per request, measured, plus one), halved on a concurrency 429
 *       and grown back one at a time, never above {@code maxInFlight} (the worker count, already capped by the
 *       connection pool).
 *   <li><b>Draining.</b> Once every batch using the pacer has read all its input, the requests of the logins
 *       still in flight (at most the worker count) go as soon as the bucket's budget allows: no more work follows
 *       them, so spreading would only leave the end of the window idle.
 *   <li><b>Hard cap.</b> An optional Resilience4j rate limiter that every request also takes a permit from, after
 *       the pacer's own wait (a permit taken before a wait would be spent on nothing).
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

    private final Clock clock;
    private final RateLimiter cap;
    private final int maxInFlight;

    private final BucketReadings readings;
    private final BucketReadings.Clocks clocks = new BucketReadings.Clocks() {
        @Override
        public Instant toLocal(Instant server) {
            return offsetMillis == Long.MAX_VALUE ? server : server.plusMillis(offsetMillis);
        }

        @Override
        public boolean offsetKnown() {
            return offsetMillis != Long.MAX_VALUE;
        }

        @Override
        public Duration shortestWindow() {
            return shortestWindow;
        }

        @Override
        public Duration resetMargin() {
            return windowLength().dividedBy(60);
        }
    };
    private final long[] sent = new long[ROUTES];
    private final Instant[] lastSend = new Instant[ROUTES];
    private final Map<Long, Issued> open = new HashMap<>();
    private long sequence;
    private long answers;
    private long offsetMillis = Long.MAX_VALUE;
    private Duration window;
    /** What a window lasts at least, by {@code Reset - Date} of granted answers; zero until one is seen. */
    private Duration shortestWindow = Duration.ZERO;
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
        this.readings = new BucketReadings(maxShareOfLimit);
        this.maxInFlight = maxInFlight;
        this.aimdCeiling = maxInFlight;
    }

    @Override
    public Ticket acquire(CallRoute route, Sleeper sleeper) throws InterruptedException {
        while (true) {
            Duration wait;
            synchronized (this) {
                Instant now = awaitSlot();
                Instant next = nextAllowed(route, now);
                if (!next.isAfter(now) && cap == null) {
                    return issue(route, now);
                }
                wait = Duration.between(now, next);
            }
            if (!wait.isZero()) {
                sleeper.sleep(wait);
                continue;
            }
            Pacer.of(cap).acquire(route, sleeper); // the pacer allows it: now the hard cap, which may wait too
            synchronized (this) {
                Instant now = awaitSlot();
                if (!nextAllowed(route, now).isAfter(now)) {
                    return issue(route, now);
                }
            } // the budget was spent while the cap made this request wait: the permit is lost, ask again
        }
    }

    /** Waits, holding the lock, until a request may be in flight; returns the time then. */
    private Instant awaitSlot() throws InterruptedException {
        while (inFlight >= inFlightTarget()) {
            wait(POLL.toMillis()); // re-checked: a slot freed elsewhere, or a target grown, wakes it
        }
        return clock.instant();
    }

    private Ticket issue(CallRoute route, Instant now) {
        long seq = ++sequence;
        sent[route.ordinal()]++;
        lastSend[route.ordinal()] = now;
        inFlight++;
        open.put(seq, new Issued(route, seq, sent.clone(), now, answers));
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
            answers++;
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
            if (status.reset() != null && status.limit() > 0 && status.httpStatus() != 429) {
                // the window counted this request, so it started before the answer (< Date + 1 s, Date counting
                // whole seconds), and it ends after Reset - 1 s: it lasts more than Reset - Date - 2 s
                Duration least = Duration.between(status.serverDate(), status.reset()).minusSeconds(2);
                if (least.compareTo(shortestWindow) > 0 && least.compareTo(MAX_WINDOW) <= 0) {
                    shortestWindow = least;
                }
            }
            if (status.reset() != null && status.limit() > 0 && status.remaining() == status.limit() - 1) {
                // the first request of a window: its reset is one window away
                Duration length = Duration.between(status.serverDate(), status.reset());
                if (!length.isNegative() && !length.isZero() && length.compareTo(MAX_WINDOW) <= 0) {
                    window = window == null || length.compareTo(window) > 0 ? length : window;
                }
            }
        }
        BucketReadings.Reading reading = BucketReadings.readingOf(status, issued, answers, now, MAX_WINDOW);
        if (reading == null) {
            return;
        }
        if (!reading.granted()) {
            readings.learnFromRefusal(issued.route(), reading.limit(), sent, open.values(), now, clocks);
        }
        readings.record(issued.route(), reading, clocks);
    }

    /** When the next request on this route may go. */
    Instant nextAllowed(CallRoute route, Instant now) {
        Set<CallRoute> group = readings.groupOf(route);
        BucketReadings.Reading any = null;
        Instant last = null;
        boolean anyInFlight = false;
        for (CallRoute g : group) {
            BucketReadings.Reading reading = readings.latest(g);
            any = any == null || reading != null && reading.limit() < any.limit() ? reading : any;
            Instant sentAt = lastSend[g.ordinal()];
            if (sentAt != null && (last == null || sentAt.isAfter(last))) {
                last = sentAt;
            }
        }
        for (Issued issued : open.values()) {
            anyInFlight |= group.contains(issued.route());
        }
        if (any == null) {
            // nothing known yet: one probe at a time until the first reading
            return anyInFlight ? now.plus(POLL) : now;
        }
        BucketReadings.Budget budget = readings.budget(group, sent, open.values(), now, clocks);
        Duration interval;
        if (budget == null) {
            // every reading's window is over; spread the limit over a new one until a reading arrives
            interval = windowLength().dividedBy(readings.usableShare(any.limit(), group));
        } else if (budget.usable() <= 0) {
            return budget.reopens();
        } else if (batches > 0 && drainingBatches == batches) {
            // every batch has read its input: the few requests left fit the budget, spreading would only idle
            return now;
        } else {
            interval = budget.gap(now);
        }
        if (last == null) {
            return now;
        }
        Instant next = last.plus(interval);
        return next.isAfter(now) ? next : now;
    }

    /** How many requests may be in flight: what rate and latency call for, the AIMD ceiling, the worker count. */
    int inFlightTarget() {
        if (latencyMillis < 0) {
            return 1;
        }
        double requestsPerSecond = 0;
        Set<CallRoute> counted = EnumSet.noneOf(CallRoute.class);
        for (CallRoute route : CallRoute.values()) {
            BucketReadings.Reading reading = readings.latest(route);
            if (reading == null || counted.contains(route)) {
                continue;
            }
            Set<CallRoute> group = readings.groupOf(route);
            counted.addAll(group);
            long share = readings.usableShare(reading.limit(), group);
            requestsPerSecond += share / Math.max(0.001, windowLength().toNanos() / 1e9);
        }
        if (requestsPerSecond == 0) {
            return Math.min(maxInFlight, aimdCeiling);
        }
        double needed = Math.ceil(requestsPerSecond * latencyMillis / 1000.0) + 1; // no int overflow on garbage
        return (int) Math.max(1, Math.min(Math.min(needed, aimdCeiling), maxInFlight));
    }

    /** How long a window lasts: as the windows seen opening bound it, else as the headers say, else a minute. */
    private Duration windowLength() {
        Duration seen = readings.windowLength(clocks);
        return seen != null ? seen : window != null ? window : DEFAULT_WINDOW;
    }

    /** The hard upper bound, or {@code null} when there is none. */
    public RateLimiter hardCap() {
        return cap;
    }

    /** For tests and diagnostics: whether two routes were shown to count against separate buckets. */
    synchronized boolean provenSeparate(CallRoute a, CallRoute b) {
        return readings.provenSeparate(a, b);
    }

    /** For tests and diagnostics: the routes sharing a budget with this one. */
    synchronized Set<CallRoute> sharing(CallRoute route) {
        return readings.groupOf(route);
    }
}

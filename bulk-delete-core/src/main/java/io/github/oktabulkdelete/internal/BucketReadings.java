package io.github.oktabulkdelete.internal;

import io.github.oktabulkdelete.RateLimitStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * What the {@code X-Rate-Limit-*} headers taught about the org's buckets: each route's latest reading, which routes
 * were proven to count against separate buckets, and the part of each bucket a 429 showed this client cannot have.
 *
 * <ul>
 *   <li><b>Sharing.</b> Routes whose readings show the same limit are assumed to share a bucket until the readings
 *       prove otherwise; while they are assumed to share one, the <em>smallest</em> budget over their readings is
 *       the usable one, so a route whose bucket is known to be empty never spends on another route's budget.
 *   <li><b>Proof of separate buckets.</b> In one bucket, every counted request takes its own remaining count and
 *       the bucket resets once for all. So two routes are separate when, within one window, they show the same
 *       remaining count; or when a route's request, sent after the other route's answer, shows a remaining count
 *       that is not lower (a shared bucket would have counted it after the other); or when such a request is
 *       answered within the other route's window with another reset. Refused requests (429s) are not counted by
 *       Okta and prove nothing.
 *   <li><b>Learning from 429s.</b> A 429 on a bucket whose readings still promised budget (a per-token share the
 *       headers do not show, another client of the org) reserves what the readings promised, so that the
 *       following windows spend only what this client really gets.
 * </ul>
 * Not thread-safe: the {@link AdaptivePacer} guards it with its own lock.
 */
final class BucketReadings {

    private static final int ROUTES = CallRoute.values().length;
    /**
     * Two resets this close may belong to one window: the header counts whole seconds. They surely do (a shared
     * bucket would have counted both in one window) only when equal, or when windows last at least
     * {@link #TWO_SECONDS}: shorter windows of one bucket can follow each other with resets a second apart.
     */
    private static final Duration SAME_WINDOW = Duration.ofSeconds(1);
    private static final Duration TWO_SECONDS = Duration.ofSeconds(2);
    /** How far inside a window an answer must come to be sure it was counted in it (rounding, clock offset). */
    private static final Duration INSIDE_WINDOW = Duration.ofSeconds(2);

    /**
     * A route's latest reading.
     *
     * @param sentAtIssue the requests sent per route when the request of this reading was issued
     * @param granted whether the request was counted (not a 429)
     * @param answersAtIssue how many answers had arrived when the request was issued
     * @param answer the number of this answer, counting every answer (1 for the first)
     * @param sentAt local time the request was sent
     * @param answeredAt local time the answer arrived
     */
    record Reading(long limit, long remaining, Instant resetServer, long sequence, long[] sentAtIssue,
            boolean granted, long answersAtIssue, long answer, Instant sentAt, Instant answeredAt) {
    }

    /** The budget of a group of routes now: {@code usable <= 0} means wait until {@code reopens}. */
    record Budget(long usable, Instant reset, Instant reopens) {

        /** The gap between requests that spreads what is usable evenly until the reset: usable + 1 gaps. */
        Duration gap(Instant now) {
            Duration left = Duration.between(now, reset);
            return left.isNegative() ? Duration.ZERO : left.dividedBy(usable + 1);
        }

        /** Whether this budget holds requests back more than another: empty, reopening later, or thinner. */
        boolean bindsMoreThan(Budget other, Instant now) {
            if (usable <= 0 || other.usable() <= 0) {
                return usable <= 0 && (other.usable() > 0 || reopens.isAfter(other.reopens()));
            }
            return gap(now).compareTo(other.gap(now)) > 0;
        }
    }

    /** Counts above this are not tracked one by one (Okta's limits are in the thousands). */
    private static final int MOST_TRACKED_COUNT = 1 << 16;

    private final Reading[] latest = new Reading[ROUTES];
    /** Per route: the remaining counts its granted readings showed in the window of {@link #seenReset}. */
    private final BitSet[] seen = new BitSet[ROUTES];
    private final Instant[] seenReset = new Instant[ROUTES];
    private final WindowEnds ends = new WindowEnds();
    private final boolean[][] separate = new boolean[ROUTES][ROUTES];
    private final long[] reserved = new long[ROUTES];
    private final double maxShareOfLimit;

    BucketReadings(double maxShareOfLimit) {
        this.maxShareOfLimit = maxShareOfLimit;
    }

    Reading latest(CallRoute route) {
        return latest[route.ordinal()];
    }

    /** A window's length as the windows seen opening bound it, or {@code null} before one was seen. */
    Duration windowLength(Clocks clocks) {
        return ends.length(clocks);
    }

    boolean provenSeparate(CallRoute a, CallRoute b) {
        return separate[a.ordinal()][b.ordinal()];
    }

    /** Takes a new reading of a route; proves buckets separate; a newer reading replaces an older one. */
    void record(CallRoute route, Reading reading, Clocks clocks) {
        int r = route.ordinal();
        ends.record(route, reading, groupOf(route), clocks);
        if (reading.granted()) {
            for (int o = 0; o < ROUTES; o++) {
                Reading other = latest[o];
                if (o != r && other != null && other.granted() && other.limit() == reading.limit()
                        && (cannotShare(other, reading, clocks) || seenInWindow(o, reading, clocks))) {
                    separate[r][o] = true;
                    separate[o][r] = true;
                }
            }
            see(r, reading, clocks);
        }
        Reading current = latest[r];
        if (current == null || current.sequence() < reading.sequence()) {
            latest[r] = reading;
        }
    }

    /** Whether two granted readings of the same limit cannot come from one bucket. */
    private static boolean cannotShare(Reading a, Reading b, Clocks clocks) {
        boolean sameWindow = sameWindow(a.resetServer(), b.resetServer());
        boolean surely = surelySameWindow(a.resetServer(), b.resetServer(), clocks);
        if (surely && a.remaining() == b.remaining()) {
            return true;
        }
        Reading first = a.sequence() < b.sequence() ? a : b;
        Reading then = first == a ? b : a;
        if (then.answersAtIssue() < first.answer()) {
            return false; // in flight together: either may have been counted first
        }
        if (sameWindow) {
            // counted after it, a shared bucket would show less; a reset a second away may be the next window
            return surely && then.remaining() >= first.remaining();
        }
        // answered well inside the first one's window: a shared bucket would have reset at the same second
        return then.answeredAt().isBefore(clocks.toLocal(first.resetServer()).minus(INSIDE_WINDOW));
    }

    /**
     * Whether another route showed this reading's remaining count in the same window: in one bucket, every counted
     * request takes a count of its own, so two routes showing the same one count against separate buckets.
     */
    private boolean seenInWindow(int other, Reading reading, Clocks clocks) {
        return seen[other] != null && surelySameWindow(seenReset[other], reading.resetServer(), clocks)
                && reading.remaining() < MOST_TRACKED_COUNT && seen[other].get((int) reading.remaining());
    }

    private void see(int route, Reading reading, Clocks clocks) {
        if (reading.remaining() >= MOST_TRACKED_COUNT) {
            return;
        }
        if (seen[route] == null || !surelySameWindow(seenReset[route], reading.resetServer(), clocks)) {
            if (seen[route] != null && seenReset[route].isAfter(reading.resetServer())) {
                return; // a late answer from a window already left behind
            }
            seen[route] = new BitSet();
            seenReset[route] = reading.resetServer();
        }
        seen[route].set((int) reading.remaining());
    }

    private static boolean sameWindow(Instant a, Instant b) {
        return Duration.between(a, b).abs().compareTo(SAME_WINDOW) <= 0;
    }

    private static boolean surelySameWindow(Instant a, Instant b, Clocks clocks) {
        return a.equals(b) || sameWindow(a, b) && clocks.shortestWindow().compareTo(TWO_SECONDS) >= 0;
    }

    /** The routes that share a budget with this one, by the latest readings. */
    Set<CallRoute> groupOf(CallRoute route) {
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

    /** The part of a window this client may use of a bucket with this limit: its share, less what 429s showed. */
    long usableShare(long limit, Set<CallRoute> group) {
        long share = Math.max(1, (long) Math.floor(limit * maxShareOfLimit));
        return Math.max(1, Math.min(share, limit - reserved(group)));
    }

    private long reserved(Set<CallRoute> group) {
        long most = 0;
        for (CallRoute g : group) {
            most = Math.max(most, reserved[g.ordinal()]);
        }
        return most;
    }

    /**
     * The smallest budget over the group's readings whose window is still open, or {@code null} when none is.
     *
     * @param sent the requests sent per route so far
     * @param open the requests in flight
     */
    Budget budget(Set<CallRoute> group, long[] sent, Collection<Issued> open, Instant now, Clocks clocks) {
        Budget binding = null;
        for (CallRoute g : group) {
            Reading reading = latest[g.ordinal()];
            if (reading == null) {
                continue;
            }
            Instant estimated = ends.estimatedEnd(g, reading, group, clocks);
            Instant reset = estimated != null ? estimated : clocks.toLocal(reading.resetServer());
            // the estimate is never before the true end; the header's reset may be, by up to its rounding
            Instant reopens = estimated != null ? estimated : reset.plus(clocks.resetMargin());
            if (!now.isBefore(reopens)) {
                continue; // that window is over
            }
            long usable = reading.remaining() - (reading.limit() - usableShare(reading.limit(), group))
                    - sentSince(reading, group, sent) - olderInFlight(reading, group, open);
            Budget budget = new Budget(usable, reset, reopens);
            if (binding == null || budget.bindsMoreThan(binding, now)) {
                binding = budget;
            }
        }
        return binding;
    }

    /**
     * A 429 on this route (not a concurrency 429): if the readings still promised budget, that promise was wrong,
     * so reserve it, for the rest of this window and the next ones.
     */
    void learnFromRefusal(CallRoute route, long limit, long[] sent, Collection<Issued> open, Instant now,
            Clocks clocks) {
        Set<CallRoute> group = groupOf(route);
        Budget promised = budget(group, sent, open, now, clocks);
        if (promised == null || promised.usable() + 1 <= 0) {
            return; // no reading of this window promised anything: a timing miss at a reset, not a lesson
        }
        int r = route.ordinal();
        // + 1: this request was counted as spent but was not granted
        reserved[r] = Math.min(limit - 1, Math.max(reserved[r], reserved(group)) + promised.usable() + 1);
    }

    private static long sentSince(Reading reading, Set<CallRoute> group, long[] sent) {
        long since = 0;
        for (CallRoute g : group) {
            since += sent[g.ordinal()] - reading.sentAtIssue()[g.ordinal()];
        }
        return since;
    }

    private static long olderInFlight(Reading reading, Set<CallRoute> group, Collection<Issued> open) {
        long older = 0;
        for (Issued issued : open) {
            if (issued.sequence() < reading.sequence() && group.contains(issued.route())) {
                older++;
            }
        }
        return older;
    }

    /** A request in flight. */
    record Issued(CallRoute route, long sequence, long[] sentAtIssue, Instant at, long answersAtIssue) {
    }

    /** Maps server times to the local clock, and says how long after a reset a bucket is taken to reopen. */
    interface Clocks {
        Instant toLocal(Instant server);

        /** Whether {@link #toLocal} reads server times by an offset learned from {@code Date} headers. */
        boolean offsetKnown();

        /** What a window lasts at least, as {@code Reset - Date} shows (server times alone), or zero. */
        Duration shortestWindow();

        Duration resetMargin();
    }

    /** Turns a response's headers into a reading, or {@code null} when they cannot be paced by. */
    static Reading readingOf(RateLimitStatus status, Issued issued, long answer, Instant now, Duration maxWindow) {
        if (status.limit() <= 0 || status.remaining() < 0 || status.reset() == null) {
            return null;
        }
        Instant seen = status.serverDate() != null ? status.serverDate() : now;
        if (status.reset().isAfter(seen.plus(maxWindow))) {
            return null; // a garbage or duplicate Reset hours away would stall the run until then
        }
        return new Reading(status.limit(), status.remaining(), status.reset(), issued.sequence(),
                issued.sentAtIssue(), status.httpStatus() != 429, issued.answersAtIssue(), answer, issued.at(), now);
    }
}

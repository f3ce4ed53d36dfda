package io.github.oktabulkdelete.internal;

import io.github.oktabulkdelete.internal.BucketReadings.Clocks;
import io.github.oktabulkdelete.internal.BucketReadings.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * When each route's current rate-limit window really ends, closer than its {@code X-Rate-Limit-Reset} header, which
 * counts whole seconds: paced to that header, a run spends a window's budget over up to a second more than the
 * window lasts (half a second on average: about 1% of Okta's 60 s windows, 3% of a window scaled down to 15 s).
 *
 * <p>Okta's windows are not aligned to the clock: a window starts with the first request counted after the
 * previous one ended. A granted reading whose remaining count is the limit less one was that first request, so its
 * window started between the moment the request was sent and the moment its answer came ({@code sent <= start <=
 * answered}), and it ends one window length later. Every such reading bounds that length, with the reset read on
 * the local clock ({@code reset - 1 s < end <= reset}):
 * <pre>
 *   reset - 1 s - answered  &lt;  length  &lt;=  reset - sent
 * </pre>
 * The least upper bound and the greatest lower bound over the readings are kept. Okta's windows last a whole
 * number of seconds (60), so when the whole seconds of the upper bound are not below the lower bound, they are the
 * length; otherwise the upper bound is. The estimated end of a window is then {@code answered + length}, never
 * after the header's reset. Server times are read on the local clock by an offset that is never earlier than the
 * true one, so both bounds err late, and a request sent at the estimate arrives in the next window. Without a
 * {@code Date} header the offset is unknown (a local clock ahead of the server's would make both bounds err
 * early), so nothing is estimated: the header's reset plus its margin paces alone.
 *
 * <p>If a reading shows the estimate wrong (a request sent after it was still counted in, or refused by, the window
 * it was to have ended), the estimates are dropped for the rest of the run and the headers' resets pace alone.
 * Not thread-safe: the {@link AdaptivePacer} guards it with its own lock.
 */
final class WindowEnds {

    private static final int ROUTES = CallRoute.values().length;

    /** Per route: when the answer came of the request that opened its latest known window. */
    private final Instant[] openedAt = new Instant[ROUTES];
    /** Per route: the reset, in server time, of that window. */
    private final Instant[] openedReset = new Instant[ROUTES];
    /** The opening whose {@code reset - sent} is least: the least upper bound on a window's length. */
    private Opening upper;
    /** The opening whose {@code reset - answered} is greatest: the greatest lower bound, less a second. */
    private Opening lower;
    private boolean disproven;

    /** A reading that opened a window: its reset (server time) and when it was sent and answered (local). */
    private record Opening(Instant reset, Instant sent, Instant answered) {
    }

    /**
     * Takes a reading: learns from it if it opened a window, and drops every estimate if it shows one wrong.
     *
     * @param route the reading's route
     * @param reading what the response said
     * @param group the routes assumed to share the route's bucket
     */
    void record(CallRoute route, Reading reading, Set<CallRoute> group, Clocks clocks) {
        if (disproven) {
            return;
        }
        Instant estimated = estimatedEnd(route, reading, group, clocks);
        if (estimated != null && !reading.sentAt().isBefore(estimated)) {
            disproven = true; // sent after the end we estimated, yet counted (or refused) by that window
            return;
        }
        if (!reading.granted() || reading.remaining() != reading.limit() - 1) {
            return;
        }
        int r = route.ordinal();
        openedAt[r] = reading.answeredAt();
        openedReset[r] = reading.resetServer();
        Opening opening = new Opening(reading.resetServer(), reading.sentAt(), reading.answeredAt());
        // the local clock's offset is common to every opening: which bound is tightest does not depend on it
        if (upper == null || Duration.between(opening.sent(), opening.reset())
                .compareTo(Duration.between(upper.sent(), upper.reset())) < 0) {
            upper = opening;
        }
        if (lower == null || Duration.between(opening.answered(), opening.reset())
                .compareTo(Duration.between(lower.answered(), lower.reset())) > 0) {
            lower = opening;
        }
    }

    /**
     * The estimated end, on the local clock, of the window a reading was counted in, or {@code null} when none is
     * known: the route's own opening of that window first, else that of a route assumed to share its bucket whose
     * window has the very same reset.
     */
    Instant estimatedEnd(CallRoute route, Reading reading, Set<CallRoute> group, Clocks clocks) {
        if (disproven || upper == null || !clocks.offsetKnown()) {
            return null;
        }
        Instant opened = openedFor(route, reading);
        for (CallRoute other : group) {
            if (opened == null && other != route) {
                opened = openedFor(other, reading);
            }
        }
        if (opened == null) {
            return null;
        }
        Instant byHeader = clocks.toLocal(reading.resetServer());
        Instant byOpening = opened.plus(length(clocks));
        return byOpening.isBefore(byHeader) ? byOpening : byHeader;
    }

    /** A window's length: never shorter than the true one (see the class description), or {@code null}. */
    Duration length(Clocks clocks) {
        if (disproven || upper == null || !clocks.offsetKnown()) {
            return null;
        }
        Duration most = Duration.between(upper.sent(), clocks.toLocal(upper.reset()));
        Duration least = Duration.between(lower.answered(), clocks.toLocal(lower.reset())).minusSeconds(1);
        Duration whole = Duration.ofSeconds(most.getSeconds());
        return whole.getSeconds() > 0 && whole.compareTo(least) >= 0 ? whole : most;
    }

    private Instant openedFor(CallRoute route, Reading reading) {
        int r = route.ordinal();
        return reading.resetServer().equals(openedReset[r]) ? openedAt[r] : null;
    }
}

package io.github.oktabulkdelete.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.github.oktabulkdelete.RateLimitStatus;
import io.github.oktabulkdelete.Sleeper;
import io.github.oktabulkdelete.testing.MutableClock;
import io.github.resilience4j.ratelimiter.RateLimiter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The adaptive pacer, driven by hand on one thread: a fake clock, a sleeper that advances it, no real waiting. */
class AdaptivePacerTest {

    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    private final MutableClock clock = MutableClock.at(T0);
    private final List<Duration> sleeps = new ArrayList<>();

    private final Sleeper sleeper = d -> {
        sleeps.add(d);
        clock.advance(d);
    };

    private AdaptivePacer pacer(double share, int maxInFlight) {
        return new AdaptivePacer(clock, null, share, maxInFlight);
    }

    /** One request on a route whose response says limit/remaining/reset (seconds after T0), after a latency. */
    private void request(AdaptivePacer pacer, CallRoute route, long limit, long remaining, long resetAfterT0,
            Duration latency) throws InterruptedException {
        Pacer.Ticket ticket = pacer.acquire(route, sleeper);
        clock.advance(latency);
        pacer.done(ticket, status(limit, remaining, resetAfterT0, 200));
    }

    /** One request whose response carried no rate-limit headers. */
    private void send(AdaptivePacer pacer, CallRoute route) throws InterruptedException {
        pacer.done(pacer.acquire(route, sleeper), null);
    }

    /** Lets several requests be in flight: a measured latency on a route of another limit (rate x latency). */
    private void allowSeveralInFlight(AdaptivePacer pacer) throws InterruptedException {
        request(pacer, CallRoute.SEARCH, 6000, 5999, 60, Duration.ofMillis(100));
        clock.set(T0);
        sleeps.clear();
    }

    /**
     * DELETE's window opened by a request sent at 0.8 s and counted when answered at 0.9 s: it ends at 60.9 s, the
     * header says 61; at 50 s its bucket is empty.
     */
    private void emptyBucketOfAWindowSeenOpeningAt900Millis(AdaptivePacer pacer) throws InterruptedException {
        clock.set(T0.plusMillis(800));
        request(pacer, CallRoute.DELETE, 100, 99, 61, Duration.ofMillis(100));
        clock.set(T0.plusSeconds(50));
        request(pacer, CallRoute.DELETE, 100, 0, 61, Duration.ZERO);
    }

    private RateLimitStatus status(long limit, long remaining, long resetAfterT0, int httpStatus) {
        Instant date = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        return new RateLimitStatus("b", httpStatus, limit, remaining, T0.plusSeconds(resetAfterT0), date);
    }

    @Test
    void theFirstRequestGoesAtOnceAndTheNextWaitsForItsReading() throws InterruptedException {
        AdaptivePacer pacer = pacer(1.0, 8);

        pacer.acquire(CallRoute.DELETE, sleeper);

        assertThat(sleeps).isEmpty();
        assertThat(pacer.nextAllowed(CallRoute.DELETE, clock.instant()))
                .as("one probe at a time until the first reading").isAfter(clock.instant());
    }

    @Test
    void theRemainingBudgetIsSpreadOverTheRestOfTheWindow() throws InterruptedException {
        AdaptivePacer pacer = pacer(1.0, 8);
        request(pacer, CallRoute.DELETE, 600, 599, 60, Duration.ZERO);

        send(pacer, CallRoute.DELETE);

        assertThat(sleeps).singleElement().satisfies(d -> assertThat(d.toMillis())
                .as("60 s / (599 + 1) gaps").isEqualTo(100L));
    }

    @Test
    void aLateReadingWithLittleLeftSpreadsItEvenMoreThinly() throws InterruptedException {
        AdaptivePacer pacer = pacer(1.0, 8);
        clock.advance(Duration.ofSeconds(30));
        request(pacer, CallRoute.DELETE, 600, 10, 60, Duration.ZERO);

        send(pacer, CallRoute.DELETE);

        assertThat(sleeps).singleElement().as("30 s in 11 gaps").isEqualTo(Duration.ofSeconds(30).dividedBy(11));
    }

    @Test
    void anEmptyBucketWaitsForItsResetAndThenSpreadsTheFullLimit() throws InterruptedException {
        AdaptivePacer pacer = pacer(1.0, 8);
        request(pacer, CallRoute.DELETE, 100, 99, 60, Duration.ZERO); // learns the 60 s window
        clock.advance(Duration.ofSeconds(50));
        request(pacer, CallRoute.DELETE, 100, 0, 60, Duration.ZERO);

        send(pacer, CallRoute.DELETE);
        assertThat(clock.instant()).as("the window's end: it opened at T0 and lasts 60 s").isEqualTo(
                T0.plusSeconds(60));

        send(pacer, CallRoute.DELETE);
        assertThat(sleeps.get(sleeps.size() - 1)).as("60 s / 100 until a new reading").isEqualTo(
                Duration.ofMillis(600));
    }

    @Test
    void aShareOfEachBucketIsLeftToTheOrgsOtherClients() throws InterruptedException {
        AdaptivePacer pacer = pacer(0.8, 8);
        clock.advance(Duration.ofSeconds(30));
        request(pacer, CallRoute.DELETE, 100, 30, 60, Duration.ZERO);

        send(pacer, CallRoute.DELETE);

        assertThat(sleeps).singleElement().as("(30 - 20) left for 30 s, in 11 gaps")
                .isEqualTo(Duration.ofSeconds(30).dividedBy(11));
        clock.advance(Duration.ofSeconds(1));
        request(pacer, CallRoute.DELETE, 100, 20, 60, Duration.ZERO);
        Instant before = clock.instant();
        send(pacer, CallRoute.DELETE);
        assertThat(clock.instant()).as("the other clients' 20 are not touched: wait for the reset (plus 1 s)")
                .isEqualTo(T0.plusSeconds(61)).isAfter(before);
    }

    @Test
    void requestsSentSinceTheReadingAreCountedAgainstTheBudget() throws InterruptedException {
        AdaptivePacer pacer = pacer(1.0, 8);
        clock.advance(Duration.ofSeconds(40));
        request(pacer, CallRoute.DELETE, 600, 3, 60, Duration.ZERO);

        List<Instant> sends = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            send(pacer, CallRoute.DELETE); // no reading comes back: only our own count tells what is left
            sends.add(clock.instant());
        }

        assertThat(sends).as("3 left over the 20 s to the reset, evenly; the 4th only after the reset (plus 1 s)")
                .containsExactly(T0.plusSeconds(45), T0.plusSeconds(50), T0.plusSeconds(55), T0.plusSeconds(61));
    }

    @Test
    void onceEveryBatchHasReadItsInputTheLastRequestsGoAsTheBudgetAllows() throws InterruptedException {
        AdaptivePacer pacer = pacer(1.0, 8);
        pacer.batchStarted();
        request(pacer, CallRoute.DELETE, 600, 3, 60, Duration.ZERO);
        pacer.batchDraining();

        send(pacer, CallRoute.DELETE);
        send(pacer, CallRoute.DELETE);
        assertThat(sleeps).as("no spreading while draining").isEmpty();
        send(pacer, CallRoute.DELETE);
        send(pacer, CallRoute.DELETE);
        assertThat(clock.instant()).as("but never past the budget: the 4th waits for the reset (plus 1 s)")
                .isEqualTo(T0.plusSeconds(61));
        pacer.batchEnded(true);
    }

    @Test
    void oneBatchStillReadingKeepsTheSpreadingForAll() throws InterruptedException {
        AdaptivePacer pacer = pacer(1.0, 8);
        pacer.batchStarted();
        pacer.batchStarted();
        request(pacer, CallRoute.DELETE, 600, 599, 60, Duration.ZERO);
        pacer.batchDraining();

        send(pacer, CallRoute.DELETE);

        assertThat(sleeps).singleElement().isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void bucketsAreLearnedFromTheHeadersNotAssumed() throws InterruptedException {
        AdaptivePacer pacer = pacer(1.0, 8);
        request(pacer, CallRoute.LOOKUP, 2000, 1999, 60, Duration.ZERO);
        request(pacer, CallRoute.DEACTIVATE, 600, 599, 60, Duration.ZERO);
        request(pacer, CallRoute.DELETE, 600, 598, 60, Duration.ZERO);

        assertThat(pacer.sharing(CallRoute.DELETE)).containsExactlyInAnyOrder(CallRoute.DEACTIVATE, CallRoute.DELETE);
        assertThat(pacer.sharing(CallRoute.LOOKUP)).containsExactly(CallRoute.LOOKUP);
    }

    @Test
    void twoRoutesShowingTheSameRemainingCountAreSeparateBuckets() throws InterruptedException {
        AdaptivePacer pacer = pacer(1.0, 8);
        request(pacer, CallRoute.DEACTIVATE, 600, 599, 60, Duration.ZERO);
        request(pacer, CallRoute.DELETE, 600, 599, 60, Duration.ZERO);

        assertThat(pacer.provenSeparate(CallRoute.DEACTIVATE, CallRoute.DELETE)).isTrue();
        assertThat(pacer.sharing(CallRoute.DELETE)).containsExactly(CallRoute.DELETE);
    }

    @Test
    void aSharedBucketCountsTheOtherRoutesRequestsToo() throws InterruptedException {
        AdaptivePacer pacer = pacer(1.0, 8);
        clock.advance(Duration.ofSeconds(50));
        request(pacer, CallRoute.DEACTIVATE, 600, 3, 60, Duration.ZERO);
        request(pacer, CallRoute.DELETE, 600, 2, 60, Duration.ZERO);

        send(pacer, CallRoute.DEACTIVATE);
        Instant first = clock.instant();
        send(pacer, CallRoute.DELETE);
        Instant second = clock.instant();
        send(pacer, CallRoute.DEACTIVATE);

        assertThat(first).as("2 left in the shared bucket for 10 s").isEqualTo(T0.plusNanos(53_333_333_333L));
        assertThat(second).isEqualTo(T0.plusNanos(56_666_666_666L));
        assertThat(clock.instant()).as("then the reset, plus 1 s").isEqualTo(T0.plusSeconds(61));
    }

    @Test
    void a429sHeadersAloneAreEnoughToWaitForTheReset() throws InterruptedException {
        AdaptivePacer pacer = pacer(1.0, 8);
        Pacer.Ticket ticket = pacer.acquire(CallRoute.DELETE, sleeper);
        pacer.done(ticket, status(100, 0, 20, 429));

        send(pacer, CallRoute.DELETE);

        assertThat(clock.instant()).as("the reset plus 1/60 of the (default 60 s) window").isEqualTo(
                T0.plusSeconds(21));
    }

    @Test
    void inFlightFollowsRateTimesLatencyAndHalvesOnAConcurrency429() throws InterruptedException {
        AdaptivePacer pacer = pacer(1.0, 20);
        assertThat(pacer.inFlightTarget()).as("before anything is known: one probe").isEqualTo(1);

        request(pacer, CallRoute.DELETE, 600, 599, 60, Duration.ofMillis(400));
        assertThat(pacer.inFlightTarget()).as("10/s x 0.4 s + 1").isEqualTo(5);

        Pacer.Ticket ticket = pacer.acquire(CallRoute.DELETE, sleeper);
        pacer.done(ticket, new RateLimitStatus("b", 429, 0, 0, T0.plusSeconds(120), T0));
        assertThat(pacer.inFlightTarget()).isLessThanOrEqualTo(2);

        AdaptivePacer fast = pacer(1.0, 3);
        request(fast, CallRoute.DELETE, 6000, 5999, 60, Duration.ofMillis(400));
        assertThat(fast.inFlightTarget()).as("never above the worker count").isEqualTo(3);
    }

    @Test
    void aLargeOrgsInFlightTargetFitsUnderTheDefaultMaximumOf50() throws InterruptedException {
        AdaptivePacer pacer = pacer(1.0, 50);
        // issue 10's large org: GET user 4000, deactivate 1200 and DELETE 1200 a minute, 400 ms an answer
        // each window opens when its first request is counted, at its answer, and ends 60 s later
        request(pacer, CallRoute.LOOKUP, 4000, 3999, 61, Duration.ofMillis(400));
        request(pacer, CallRoute.DEACTIVATE, 1200, 1199, 61, Duration.ofMillis(400));
        request(pacer, CallRoute.DELETE, 1200, 1199, 62, Duration.ofMillis(400));

        assertThat(pacer.inFlightTarget()).as("(4000 + 1200 + 1200) / 60 x 0.4 s, plus one").isEqualTo(44);
    }

    @Test
    void theConfiguredRateStaysAHardCapEveryRequestTakesAPermitFrom() throws InterruptedException {
        RateLimiter cap = mock(RateLimiter.class);
        when(cap.acquirePermission()).thenReturn(true);
        AdaptivePacer pacer = new AdaptivePacer(clock, cap, 1.0, 8);

        request(pacer, CallRoute.LOOKUP, 2000, 1999, 60, Duration.ZERO);
        request(pacer, CallRoute.DELETE, 600, 599, 60, Duration.ZERO);

        verify(cap, times(2)).acquirePermission();
    }

    // ---- issue 10 item 2: never spend a budget known to be empty ---------------------------------------------------

    @Test
    void aRouteWhoseBucketIsEmptyWaitsEvenWhenAFresherReadingOfASameLimitRouteShowsBudget()
            throws InterruptedException {
        AdaptivePacer pacer = pacer(1.0, 8);
        allowSeveralInFlight(pacer);
        clock.advance(Duration.ofSeconds(30));
        // two routes with the same limit, answered concurrently: nothing proves them separate, so they may share
        Pacer.Ticket lookup = pacer.acquire(CallRoute.LOOKUP, sleeper);
        Pacer.Ticket delete = pacer.acquire(CallRoute.DELETE, sleeper);
        pacer.done(lookup, status(100, 0, 60, 200));
        pacer.done(delete, status(100, 60, 60, 200));
        assertThat(pacer.sharing(CallRoute.LOOKUP)).contains(CallRoute.DELETE);

        send(pacer, CallRoute.LOOKUP);

        assertThat(clock.instant()).as("the smallest reading speaks for a shared bucket: LOOKUP's is empty")
                .isAfterOrEqualTo(T0.plusSeconds(60));
    }

    @Test
    void aRouteWhoseRemainingCountCannotFollowFromTheOtherRoutesRequestsIsProvenSeparateAtOnce()
            throws InterruptedException {
        AdaptivePacer pacer = pacer(1.0, 8);
        for (int i = 1; i <= 10; i++) {
            request(pacer, CallRoute.LOOKUP, 100, 100 - i, 60, Duration.ZERO);
        }

        request(pacer, CallRoute.DELETE, 100, 99, 60, Duration.ZERO);

        assertThat(pacer.provenSeparate(CallRoute.LOOKUP, CallRoute.DELETE))
                .as("sent after LOOKUP's reading of 90, a shared bucket would say 89 or less, not 99").isTrue();
        assertThat(pacer.sharing(CallRoute.DELETE)).containsExactly(CallRoute.DELETE);
    }

    @Test
    void aRouteWhoseWindowEndsAtAnotherTimeWithinTheOthersWindowIsProvenSeparate() throws InterruptedException {
        AdaptivePacer pacer = pacer(1.0, 8);
        request(pacer, CallRoute.LOOKUP, 100, 90, 60, Duration.ZERO);
        clock.advance(Duration.ofSeconds(20));

        request(pacer, CallRoute.DELETE, 100, 40, 30, Duration.ZERO);

        assertThat(pacer.provenSeparate(CallRoute.LOOKUP, CallRoute.DELETE))
                .as("answered inside LOOKUP's window, a shared bucket would reset at the same second").isTrue();
    }

    @Test
    void two429sOfASharedBucketDoNotProveItSeparate() throws InterruptedException {
        AdaptivePacer pacer = pacer(1.0, 8);
        allowSeveralInFlight(pacer);
        request(pacer, CallRoute.DEACTIVATE, 100, 2, 60, Duration.ZERO);
        Pacer.Ticket deactivate = pacer.acquire(CallRoute.DEACTIVATE, sleeper);
        Pacer.Ticket delete = pacer.acquire(CallRoute.DELETE, sleeper);
        pacer.done(deactivate, status(100, 0, 60, 429));
        pacer.done(delete, status(100, 0, 60, 429));

        assertThat(pacer.provenSeparate(CallRoute.DEACTIVATE, CallRoute.DELETE))
                .as("a refused request is not counted, so two refusals both say 0 in one bucket").isFalse();
    }

    @Test
    void waitersAreReleasedAtTheResetPlusAMarginNotOnIt() throws InterruptedException {
        AdaptivePacer pacer = pacer(1.0, 8);
        request(pacer, CallRoute.DELETE, 100, 90, 60, Duration.ZERO); // another client opened the window
        clock.advance(Duration.ofSeconds(50));
        request(pacer, CallRoute.DELETE, 100, 0, 60, Duration.ZERO);

        send(pacer, CallRoute.DELETE);

        assertThat(clock.instant()).as("Reset counts whole seconds: one second of a 60 s window later")
                .isEqualTo(T0.plusSeconds(61));
    }

    @Test
    void theHardCapsPermitIsTakenAfterThePacersWaitNotBefore() throws InterruptedException {
        RateLimiter cap = mock(RateLimiter.class);
        List<Instant> permits = new ArrayList<>();
        when(cap.acquirePermission()).thenAnswer(i -> permits.add(clock.instant()));
        AdaptivePacer pacer = new AdaptivePacer(clock, cap, 1.0, 8);
        request(pacer, CallRoute.DELETE, 100, 0, 20, Duration.ZERO);
        permits.clear();

        send(pacer, CallRoute.DELETE);

        assertThat(permits).as("a permit taken before a 20 s wait would be spent on nothing and let a burst through")
                .containsExactly(T0.plusSeconds(21));
    }

    // ---- issue 10 item 3: learn from a 429 the readings did not predict --------------------------------------------

    @Test
    void a429TheReadingsDidNotPredictLowersTheBucketsBudgetSoLaterWindowsMeetNone() throws InterruptedException {
        AdaptivePacer pacer = pacer(1.0, 8);
        // the headers show a bucket of 100, but this token may only use 50 of it (a share the headers do not show)
        request(pacer, CallRoute.DELETE, 100, 99, 60, Duration.ZERO);
        clock.advance(Duration.ofSeconds(30));
        request(pacer, CallRoute.DELETE, 100, 50, 60, Duration.ZERO);
        Pacer.Ticket refused = pacer.acquire(CallRoute.DELETE, sleeper);
        pacer.done(refused, status(100, 50, 60, 429));

        send(pacer, CallRoute.DELETE);
        assertThat(clock.instant()).as("nothing more this window, which opened at T0").isEqualTo(T0.plusSeconds(60));

        sleeps.clear();
        request(pacer, CallRoute.DELETE, 100, 99, 120, Duration.ZERO);
        assertThat(sleeps).singleElement().as("after the reset, before a reading: the 50 spread over a window")
                .isEqualTo(Duration.ofSeconds(60).dividedBy(50));
        sleeps.clear();
        Duration toReset = Duration.between(clock.instant(), T0.plusSeconds(120));
        send(pacer, CallRoute.DELETE);
        assertThat(sleeps).singleElement().as("the next window's reading: 49 more of the 50 this token gets")
                .isEqualTo(toReset.dividedBy(50));
    }

    @Test
    void a429TheReadingsPredictedTeachesNothing() throws InterruptedException {
        AdaptivePacer pacer = pacer(1.0, 8);
        request(pacer, CallRoute.DELETE, 100, 99, 60, Duration.ZERO);
        clock.advance(Duration.ofSeconds(61));
        // a new window was assumed without a reading, and the server's had not rolled yet: a timing miss
        Pacer.Ticket early = pacer.acquire(CallRoute.DELETE, sleeper);
        pacer.done(early, status(100, 0, 62, 429));
        clock.advance(Duration.ofSeconds(2));

        request(pacer, CallRoute.DELETE, 100, 99, 123, Duration.ZERO);
        sleeps.clear();
        Duration toReset = Duration.between(clock.instant(), T0.plusSeconds(123));
        send(pacer, CallRoute.DELETE);
        assertThat(sleeps).singleElement().as("the whole bucket is still this token's: 99 more")
                .isEqualTo(toReset.dividedBy(100));
    }

    // ---- issue 10: a window's true end, and proof of separate buckets from every count of the window --------------

    @Test
    void aRouteShowingACountAnotherRouteShowedEarlierInTheWindowIsProvenSeparate() throws InterruptedException {
        AdaptivePacer pacer = pacer(1.0, 8);
        allowSeveralInFlight(pacer);
        Pacer.Ticket groups = pacer.acquire(CallRoute.USER_GROUPS, sleeper); // in flight with DELETE's requests
        request(pacer, CallRoute.DELETE, 600, 599, 60, Duration.ZERO);
        request(pacer, CallRoute.DELETE, 600, 598, 60, Duration.ZERO);
        request(pacer, CallRoute.DELETE, 600, 597, 60, Duration.ZERO);

        pacer.done(groups, status(600, 598, 60, 200));

        assertThat(pacer.provenSeparate(CallRoute.USER_GROUPS, CallRoute.DELETE))
                .as("in one bucket every counted request takes a count of its own; DELETE showed 598 already")
                .isTrue();
    }

    @Test
    void aWindowSeenOpeningEndsAtItsOpeningPlusItsLengthNotAtTheRoundedUpReset() throws InterruptedException {
        AdaptivePacer pacer = pacer(1.0, 8);
        emptyBucketOfAWindowSeenOpeningAt900Millis(pacer);

        send(pacer, CallRoute.DELETE);

        assertThat(clock.instant()).as("61 - 1 - 0.9 < length <= 61 - 0.8: a whole 60 s, from the answer at 0.9 s")
                .isEqualTo(T0.plusMillis(60_900));
    }

    @Test
    void theRestOfAWindowSeenOpeningIsSpreadUntilItsTrueEnd() throws InterruptedException {
        AdaptivePacer pacer = pacer(1.0, 8);
        clock.set(T0.plusMillis(800));
        request(pacer, CallRoute.DELETE, 1000, 999, 61, Duration.ofMillis(100));
        clock.set(T0.plusSeconds(30));
        request(pacer, CallRoute.DELETE, 1000, 308, 61, Duration.ZERO);
        sleeps.clear();

        send(pacer, CallRoute.DELETE);

        assertThat(sleeps).singleElement().as("30.9 s to the end at 60.9 s, in 308 + 1 gaps")
                .isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void aWindowLengthThatIsNoWholeNumberOfSecondsIsBoundedFromAbove() throws InterruptedException {
        AdaptivePacer pacer = pacer(1.0, 8);
        // windows of 14.5 s: opened at 0.2 s (reset 15), then at 14.7 s (reset 30)
        clock.set(T0.plusMillis(100));
        request(pacer, CallRoute.DELETE, 100, 99, 15, Duration.ofMillis(100));
        clock.set(T0.plusMillis(14_600));
        request(pacer, CallRoute.DELETE, 100, 99, 30, Duration.ofMillis(100));
        clock.set(T0.plusSeconds(25));
        request(pacer, CallRoute.DELETE, 100, 0, 30, Duration.ZERO);

        send(pacer, CallRoute.DELETE);

        assertThat(clock.instant()).as("length <= 15 - 0.1 and > 30 - 1 - 14.7 = 14.3: 14 s would be too short, so"
                + " the upper bound 14.9 s is kept; the window ends by 14.7 + 14.9 = 29.6 s, never before 29.2 s")
                .isEqualTo(T0.plusMillis(29_600));
    }

    @Test
    void anEstimatedEndShownWrongIsDroppedForTheHeadersReset() throws InterruptedException {
        AdaptivePacer pacer = pacer(1.0, 8);
        emptyBucketOfAWindowSeenOpeningAt900Millis(pacer);
        Pacer.Ticket early = pacer.acquire(CallRoute.DELETE, sleeper);
        assertThat(clock.instant()).isEqualTo(T0.plusMillis(60_900));

        pacer.done(early, status(100, 0, 61, 429)); // sent at the estimate, still refused by that window
        send(pacer, CallRoute.DELETE);

        assertThat(clock.instant()).as("the header's reset plus its margin, as when no window was seen opening")
                .isAfterOrEqualTo(T0.plusSeconds(62));
    }

    // ---- second reading: windows of a second, no Date header ------------------------------------------------------

    @Test
    void countsOfConsecutiveOneSecondWindowsDoNotProveTwoRoutesOfOneBucketSeparate() throws InterruptedException {
        AdaptivePacer pacer = pacer(1.0, 8);
        // one bucket of 10 a window, DELETE and DEACTIVATE both counted in it; windows of 1 s
        clock.set(T0.plusMillis(200));
        request(pacer, CallRoute.DELETE, 10, 9, 2, Duration.ZERO); // opens [0.2 s, 1.2 s): reset 2
        request(pacer, CallRoute.DELETE, 10, 8, 2, Duration.ZERO);
        clock.set(T0.plusMillis(1300));
        request(pacer, CallRoute.DELETE, 10, 9, 3, Duration.ZERO); // opens [1.3 s, 2.3 s): reset 3
        request(pacer, CallRoute.DEACTIVATE, 10, 8, 3, Duration.ZERO);

        assertThat(pacer.provenSeparate(CallRoute.DELETE, CallRoute.DEACTIVATE))
                .as("DELETE showed 8 in the window of reset 2, DEACTIVATE in the next one, of reset 3").isFalse();
        assertThat(pacer.sharing(CallRoute.DELETE)).contains(CallRoute.DEACTIVATE);
    }

    @Test
    void aCountHigherInTheNextOneSecondWindowDoesNotProveTwoRoutesOfOneBucketSeparate()
            throws InterruptedException {
        AdaptivePacer pacer = pacer(1.0, 8);
        clock.set(T0.plusMillis(200));
        request(pacer, CallRoute.DELETE, 10, 9, 2, Duration.ZERO); // opens [0.2 s, 1.2 s): reset 2
        request(pacer, CallRoute.DELETE, 10, 8, 2, Duration.ZERO);
        clock.set(T0.plusMillis(1300));

        request(pacer, CallRoute.DEACTIVATE, 10, 9, 3, Duration.ZERO); // the same bucket's next window

        assertThat(pacer.provenSeparate(CallRoute.DELETE, CallRoute.DEACTIVATE))
                .as("9 after DELETE's 8 is a new window of the same bucket: its reset is a second later").isFalse();
        assertThat(pacer.sharing(CallRoute.DEACTIVATE)).contains(CallRoute.DELETE);
    }

    @Test
    void withoutADateHeaderAnEmptyBucketWaitsForItsResetPlusAMarginNotForAnEstimatedEnd()
            throws InterruptedException {
        AdaptivePacer pacer = pacer(1.0, 8);
        // the org's clock is 0.5 s behind ours and its answers carry no Date: sent at 0.2 s here (-0.3 s there),
        // the request opens a window that ends at 59.7 s there (reset 60), 60.2 s here
        clock.set(T0.plusMillis(200));
        pacer.done(pacer.acquire(CallRoute.DELETE, sleeper), withoutDate(100, 99, 60));
        clock.set(T0.plusSeconds(50));
        pacer.done(pacer.acquire(CallRoute.DELETE, sleeper), withoutDate(100, 0, 60));

        send(pacer, CallRoute.DELETE);

        assertThat(clock.instant()).as("not before the window's true end, 60.2 s here: the reset plus its 1 s")
                .isEqualTo(T0.plusSeconds(61));
    }

    private static RateLimitStatus withoutDate(long limit, long remaining, long resetAfterT0) {
        return new RateLimitStatus("b", 200, limit, remaining, T0.plusSeconds(resetAfterT0), null);
    }
}

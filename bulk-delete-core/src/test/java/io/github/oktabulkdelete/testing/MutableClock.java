package io.github.oktabulkdelete.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that stands still until a test moves it, so waits for a rate-limit reset take no real time.
 *
 * <p>Share one instance between a {@link FakeOktaOrg} (which uses it for its rate-limit windows, the {@code Date}
 * header and {@code X-Rate-Limit-Reset}) and the code under test, whose injected sleeper advances it instead of
 * sleeping. The zone is UTC unless {@link #withZone(ZoneId)} is used; clocks made by {@code withZone} share the
 * instant of the clock they came from.
 *
 * <p>Thread-safe: the instant is held in an atomic reference, so many workers may read and advance it at once.
 *
 * <pre>{@code
 * MutableClock clock = MutableClock.at(Instant.parse("2025-01-01T00:00:00Z"));
 * FakeOktaOrg org = FakeOktaOrg.builder().clock(clock).start();
 * Sleeper sleeper = duration -> clock.advance(duration); // "waits" in no time
 * }</pre>
 */
public final class MutableClock extends Clock {

    private final AtomicReference<Instant> instant;
    private final ZoneId zone;

    private MutableClock(AtomicReference<Instant> instant, ZoneId zone) {
        this.instant = instant;
        this.zone = zone;
    }

    /**
     * Creates a clock that reads {@code start} until it is moved, in the UTC zone.
     *
     * <pre>{@code
     * MutableClock clock = MutableClock.at(Instant.parse("2025-01-01T00:00:00Z"));
     * }</pre>
     *
     * @param start the first instant the clock reads
     * @return a new clock
     * @throws NullPointerException if {@code start} is {@code null}
     */
    public static MutableClock at(Instant start) {
        Objects.requireNonNull(start, "start");
        return new MutableClock(new AtomicReference<>(start), ZoneOffset.UTC);
    }

    /**
     * Moves the clock forward; safe to call from many threads at once (the advances add up).
     *
     * <pre>{@code
     * clock.advance(Duration.ofSeconds(61)); // past the end of a 60 s rate-limit window
     * }</pre>
     *
     * @param duration how far, zero or positive
     * @return the instant the clock reads after the move
     * @throws NullPointerException if {@code duration} is {@code null}
     * @throws IllegalArgumentException if {@code duration} is negative (use {@link #set(Instant)} to go back)
     */
    public Instant advance(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative: " + duration);
        }
        return instant.updateAndGet(current -> current.plus(duration));
    }

    /**
     * Moves the clock forward to an instant, unless it already reads later; safe to call from many threads at once.
     *
     * <pre>{@code
     * clock.advanceTo(receivedAt.plus(latency)); // requests in flight together end together
     * }</pre>
     *
     * @param target the earliest instant the clock reads after the call
     * @return the instant the clock reads after the call
     * @throws NullPointerException if {@code target} is {@code null}
     */
    public Instant advanceTo(Instant target) {
        Objects.requireNonNull(target, "target");
        return instant.updateAndGet(current -> current.isBefore(target) ? target : current);
    }

    /**
     * Sets the clock to an instant, forward or back.
     *
     * <pre>{@code
     * clock.set(Instant.parse("2025-01-01T00:00:00Z"));
     * }</pre>
     *
     * @param newInstant the instant the clock reads from now on
     * @throws NullPointerException if {@code newInstant} is {@code null}
     */
    public void set(Instant newInstant) {
        Objects.requireNonNull(newInstant, "newInstant");
        instant.set(newInstant);
    }

    /**
     * Reads the clock.
     *
     * @return the current instant of this clock
     */
    @Override
    public Instant instant() {
        return instant.get();
    }

    /**
     * Reads the clock in milliseconds since the epoch.
     *
     * @return the current instant as epoch milliseconds
     */
    @Override
    public long millis() {
        return instant.get().toEpochMilli();
    }

    /**
     * The zone of this clock, UTC unless this clock was made by {@link #withZone(ZoneId)}.
     *
     * @return the zone
     */
    @Override
    public ZoneId getZone() {
        return zone;
    }

    /**
     * A clock in another zone that shares this clock's instant: advancing either moves both.
     *
     * @param newZone the zone of the returned clock
     * @return a clock sharing this clock's instant
     * @throws NullPointerException if {@code newZone} is {@code null}
     */
    @Override
    public MutableClock withZone(ZoneId newZone) {
        Objects.requireNonNull(newZone, "newZone");
        return newZone.equals(zone) ? this : new MutableClock(instant, newZone);
    }

    /**
     * Describes the clock with its current instant.
     *
     * @return for example {@code MutableClock[2025-01-01T00:00:00Z]}
     */
    @Override
    public String toString() {
        return "MutableClock[" + instant.get() + "]";
    }
}

package io.github.oktabulkdelete;

import java.time.Duration;

/**
 * Waits for a duration: how {@link BulkUserDeleter} waits between retries. Tests inject one that advances a fake
 * clock instead of sleeping.
 *
 * <p>Implementations must be thread-safe: workers call it concurrently.
 *
 * <pre>{@code
 * Sleeper instant = duration -> clock.advance(duration); // a test's MutableClock
 * }</pre>
 */
@FunctionalInterface
public interface Sleeper {

    /** Sleeps on the calling thread with {@link Thread#sleep(long)}. */
    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

    /**
     * Waits.
     *
     * @param duration how long, never negative
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;
}

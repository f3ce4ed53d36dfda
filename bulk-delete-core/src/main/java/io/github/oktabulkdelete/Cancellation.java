package io.github.oktabulkdelete;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Stops a running batch from another thread, or at a deadline: no new login is started, logins in flight finish
 * (a worker waiting to retry stops waiting and its login is reported as it stands), the rest become
 * {@link DeletionOutcome.NotAttempted}, and {@code deleteAll} returns its result as usual, never throwing.
 *
 * <p><b>Grace period.</b> By default a stopped batch waits for its logins in flight as long as they take. A
 * cancellation {@link #withGracePeriod(Duration) with a grace period} waits at most that long (real time, from the
 * moment the batch stops for any reason), then gives each login still in flight its outcome and returns: a login of
 * which no change (deactivate or DELETE) was sent is {@link DeletionOutcome.NotAttempted} (its outcome unknown, safe
 * to run again); a login whose deactivate or DELETE was sent is {@link DeletionOutcome.Failed}, with a message saying
 * that the change may have been made. The abandoned workers send no further change, and their late outcomes are
 * dropped; {@link DeletionListener#onGracePeriodEnded(java.util.List)} names the logins. Default: no grace period.
 *
 * <p>Thread-safe. One cancellation can serve several batches; once cancelled it stays cancelled.
 *
 * <pre>{@code
 * Cancellation cancellation = Cancellation.withGracePeriod(Duration.ofSeconds(30))
 *         .cancelAt(Instant.now().plus(Duration.ofHours(2)));
 * Runtime.getRuntime().addShutdownHook(new Thread(() -> cancellation.cancel("SIGTERM")));
 * BulkDeleteResult result = deleter.deleteAll(logins, cancellation);
 * }</pre>
 */
public final class Cancellation {

    private final AtomicReference<String> reason = new AtomicReference<>();
    private volatile Instant deadline;
    private final Object waiters = new Object();
    private final Duration gracePeriod;

    private Cancellation(Duration gracePeriod) {
        this.gracePeriod = gracePeriod;
    }

    /**
     * A cancellation not yet cancelled, without a deadline, without a grace period: a stopped batch waits for its
     * logins in flight as long as they take.
     *
     * @return a new cancellation
     */
    public static Cancellation create() {
        return new Cancellation(null);
    }

    /**
     * A cancellation not yet cancelled, without a deadline, whose batches wait at most {@code gracePeriod} for the
     * logins in flight once they stop (see the class comment for the outcomes of the logins still in flight then).
     *
     * @param gracePeriod how long logins in flight may take to finish once a batch stops; real time; zero is allowed
     * @return a new cancellation
     * @throws NullPointerException if {@code gracePeriod} is {@code null}
     * @throws IllegalArgumentException if {@code gracePeriod} is negative
     */
    public static Cancellation withGracePeriod(Duration gracePeriod) {
        Objects.requireNonNull(gracePeriod, "gracePeriod");
        if (gracePeriod.isNegative()) {
            throw new IllegalArgumentException("gracePeriod must not be negative, was " + gracePeriod);
        }
        return new Cancellation(gracePeriod);
    }

    /** @return the grace period of {@link #withGracePeriod(Duration)}, or empty: wait as long as logins take */
    public Optional<Duration> gracePeriod() {
        return Optional.ofNullable(gracePeriod);
    }

    /**
     * Cancels: batches using this stop starting logins. Only the first reason is kept.
     *
     * @param reason why, for the batch's {@link BatchStop} and the not-attempted outcomes
     * @throws NullPointerException if {@code reason} is {@code null}
     */
    public void cancel(String reason) {
        Objects.requireNonNull(reason, "reason");
        if (this.reason.compareAndSet(null, reason)) {
            synchronized (waiters) {
                waiters.notifyAll();
            }
        }
    }

    /**
     * Sets a deadline, judged by the deleter's clock: at it, batches stop as if cancelled.
     *
     * @param deadline the instant
     * @return this cancellation
     * @throws NullPointerException if {@code deadline} is {@code null}
     */
    public Cancellation cancelAt(Instant deadline) {
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        return this;
    }

    /** @return whether {@link #cancel(String)} was called (a deadline alone does not count here) */
    public boolean isCancelled() {
        return reason.get() != null;
    }

    /** @return the reason given to {@link #cancel(String)}, or empty */
    public Optional<String> reason() {
        return Optional.ofNullable(reason.get());
    }

    /** @return the deadline, or empty */
    public Optional<Instant> deadline() {
        return Optional.ofNullable(deadline);
    }

    /**
     * Waits until this is cancelled or the time has passed, whichever comes first.
     *
     * @param timeout how long to wait at most
     * @return whether it is cancelled
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public boolean awaitCancellation(Duration timeout) throws InterruptedException {
        long deadlineNanos = System.nanoTime() + timeout.toNanos();
        synchronized (waiters) {
            while (reason.get() == null) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(waiters, left);
            }
        }
        return isCancelled();
    }
}

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
 * <p>Thread-safe. One cancellation can serve several batches; once cancelled it stays cancelled.
 *
 * <pre>{@code
 * Cancellation cancellation = Cancellation.create().cancelAt(Instant.now().plus(Duration.ofHours(2)));
 * Runtime.getRuntime().addShutdownHook(new Thread(() -> cancellation.cancel("SIGTERM")));
 * BulkDeleteResult result = deleter.deleteAll(logins, cancellation);
 * }</pre>
 */
public final class Cancellation {

    private final AtomicReference<String> reason = new AtomicReference<>();
    private volatile Instant deadline;
    private final Object waiters = new Object();

    private Cancellation() {
    }

    /**
     * A cancellation not yet cancelled, without a deadline.
     *
     * @return a new cancellation
     */
    public static Cancellation create() {
        return new Cancellation();
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

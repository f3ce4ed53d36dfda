package io.github.oktabulkdelete.cli;

import io.github.oktabulkdelete.BatchStop;
import io.github.oktabulkdelete.BulkDeleteSummary;
import io.github.oktabulkdelete.BulkUserDeleter;
import io.github.oktabulkdelete.Cancellation;
import io.github.oktabulkdelete.DeletionListener;
import io.github.oktabulkdelete.DeletionOutcome;
import io.github.oktabulkdelete.OktaRequestException;
import io.github.oktabulkdelete.OutcomeCounts;
import io.github.oktabulkdelete.Logins;
import io.github.oktabulkdelete.RateLimitStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs one batch of a {@link BulkUserDeleter} on a thread of its own and waits for it, so that a stopped batch cannot
 * hold the CLI forever: once the batch stops (Ctrl-C, {@code --max-duration}, or any stop of the core) the logins in
 * flight get a grace period to finish. If logins are still in flight when it ends, the CLI stops waiting: it hands
 * the consumer a {@link DeletionOutcome.NotAttempted} for each of them (saying that its outcome is unknown) and for
 * each login never started, and returns a summary of its own, while the abandoned requests end with the process.
 *
 * <p>The consumer gets every outcome once, one call at a time, in the order the logins finish; after the batch is
 * abandoned, the core's late outcomes are dropped, so that nothing is written to a journal or report that the CLI
 * has closed. {@link #run} is for one thread, once; {@link #wake()} and the {@link #listening listener} may be called
 * from any thread.
 *
 * <pre>{@code
 * GuardedBatch batch = new GuardedBatch(cancellation, clock, Duration.ofSeconds(30));
 * BulkUserDeleter deleter = BulkUserDeleter.builder(client).listener(batch.listening(progress)).build();
 * GuardedBatch.Finished finished = batch.run(deleter, logins, journalThenReport);
 * }</pre>
 */
final class GuardedBatch {

    /**
     * How a batch ended.
     *
     * @param summary the core's summary, or, when the batch was abandoned, one made of the outcomes the consumer got
     *     ({@link BulkDeleteSummary#httpRequests()} is then -1: unknown)
     * @param abandonedInFlight the logins still in flight when the grace period ended; empty when the batch ended
     */
    record Finished(BulkDeleteSummary summary, List<String> abandonedInFlight) {
    }

    private final Cancellation cancellation;
    private final Clock clock;
    private final Duration gracePeriod;

    /** Wakes the waiting thread: the batch ended, or it was stopped. */
    private final Object monitor = new Object();
    private boolean done; // guarded by monitor
    private BulkDeleteSummary summary; // guarded by monitor
    private Throwable failure; // guarded by monitor
    private volatile BatchStop stop;
    private volatile boolean dropLate;

    /** Orders the outcomes, the reads of the input and the abandonment. */
    private final Object lock = new Object();
    private final Map<String, Integer> inFlight = new LinkedHashMap<>(); // guarded by lock
    private long pulled; // guarded by lock
    private boolean abandoned; // guarded by lock
    private final OutcomeCounts.Tally tally = OutcomeCounts.tally();

    /**
     * @param cancellation the batch's cancellation: its cancel and its deadline start the grace period
     * @param clock the deleter's clock, for the deadline and the elapsed time
     * @param gracePeriod how long logins in flight may take to finish once the batch stops; real time
     */
    GuardedBatch(Cancellation cancellation, Clock clock, Duration gracePeriod) {
        this.cancellation = Objects.requireNonNull(cancellation, "cancellation");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.gracePeriod = Objects.requireNonNull(gracePeriod, "gracePeriod");
    }

    /**
     * The deleter's listener: forwards every event to {@code delegate} (none after the batch was abandoned), and
     * learns from {@code onBatchStopped} that the grace period starts.
     *
     * @param delegate the CLI's own listener, such as the progress display
     * @return a listener for {@link BulkUserDeleter.Builder#listener(DeletionListener)}
     */
    DeletionListener listening(DeletionListener delegate) {
        return new DeletionListener() {
            @Override
            public void onOutcome(DeletionOutcome outcome) {
                if (!dropLate) {
                    delegate.onOutcome(outcome);
                }
            }

            @Override
            public void onRetry(String login, OktaRequestException failure, int attempt, Duration wait) {
                if (!dropLate) {
                    delegate.onRetry(login, failure, attempt, wait);
                }
            }

            @Override
            public void onRateLimitStatus(RateLimitStatus status) {
                if (!dropLate) {
                    delegate.onRateLimitStatus(status);
                }
            }

            @Override
            public void onBatchStopped(BatchStop batchStop) {
                stop = batchStop;
                if (!dropLate) {
                    delegate.onBatchStopped(batchStop);
                }
                wake();
            }
        };
    }

    /** Wakes the thread in {@link #run} to look at the cancellation again: call it after cancelling. */
    void wake() {
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }

    /**
     * Runs the batch and waits until it ends, or until the grace period after its stop ends.
     *
     * @param deleter the deleter, built with {@link #listening(DeletionListener)}
     * @param logins the logins; iterated a second time, from the start, if the batch is abandoned
     * @param consumer receives every outcome, one call at a time; if it throws, the batch stops (as the core does)
     * @return the summary, and the logins abandoned in flight
     */
    Finished run(BulkUserDeleter deleter, Iterable<String> logins, Consumer<DeletionOutcome> consumer) {
        Instant start = clock.instant();
        Consumer<DeletionOutcome> sink = outcome -> {
            synchronized (lock) {
                if (abandoned) {
                    return;
                }
                try {
                    consumer.accept(outcome);
                } finally {
                    tally.add(outcome);
                    finished(outcome.login());
                }
            }
        };
        Thread batch = new Thread(() -> {
            BulkDeleteSummary result = null;
            Throwable thrown = null;
            try {
                result = deleter.deleteAll(tracked(logins), sink, cancellation);
            } catch (RuntimeException | Error e) {
                thrown = e;
            }
            synchronized (monitor) {
                summary = result;
                failure = thrown;
                done = true;
                monitor.notifyAll();
            }
        }, "okta-bulk-delete-batch");
        batch.setDaemon(true); // an abandoned batch must not keep the JVM alive
        batch.start();
        if (awaitEndOrGrace()) {
            synchronized (monitor) {
                if (failure instanceof RuntimeException e) {
                    throw e;
                }
                if (failure instanceof Error e) {
                    throw e;
                }
                return new Finished(summary, List.of());
            }
        }
        return abandon(logins, consumer, start);
    }

    /** Whether the batch ended; {@code false} when the grace period after its stop ended first. */
    private boolean awaitEndOrGrace() {
        long graceEnd = 0;
        boolean stopping = false;
        synchronized (monitor) {
            while (!done) {
                if (!stopping && (stop != null || cancellation.isCancelled() || deadlinePassed())) {
                    stopping = true;
                    graceEnd = System.nanoTime() + gracePeriod.toNanos();
                }
                long waitMillis;
                if (stopping) {
                    long left = graceEnd - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    waitMillis = Math.max(1, (left + 999_999) / 1_000_000);
                } else {
                    waitMillis = untilDeadlineMillis();
                }
                try {
                    monitor.wait(waitMillis);
                } catch (InterruptedException e) {
                    // the thread that runs the CLI was interrupted: stop as Ctrl-C does, and still wait for the grace
                    cancellation.cancel("interrupted");
                }
            }
            return true;
        }
    }

    private boolean deadlinePassed() {
        Instant deadline = cancellation.deadline().orElse(null);
        return deadline != null && !clock.instant().isBefore(deadline);
    }

    /** How long to wait before looking at the deadline again: 0 (until woken) when there is none, at most 1 s. */
    private long untilDeadlineMillis() {
        Instant deadline = cancellation.deadline().orElse(null);
        if (deadline == null) {
            return 0;
        }
        long millis = Duration.between(clock.instant(), deadline).toMillis();
        return Math.max(1, Math.min(1000, millis));
    }

    private Finished abandon(Iterable<String> logins, Consumer<DeletionOutcome> consumer, Instant start) {
        List<String> stillInFlight = new ArrayList<>();
        long started;
        synchronized (lock) {
            abandoned = true;
            dropLate = true;
            inFlight.forEach((login, n) -> stillInFlight.addAll(Collections.nCopies(n, login)));
            started = pulled;
        }
        BatchStop why = stop != null ? stop : new BatchStop(cancellation.isCancelled()
                ? BatchStop.Cause.CANCELLED : BatchStop.Cause.DEADLINE, cancellation.reason()
                .map(r -> "cancelled: " + r).orElse("the batch reached its deadline")
                + " — the logins not attempted can be run again safely");
        String grace = DurationConverter.format(gracePeriod);
        String unknown = "still in flight when the grace period of " + grace + " ended: its outcome is unknown (the"
                + " user may have been deactivated or deleted); a resumed run looks it up again";
        for (String login : stillInFlight) {
            emit(consumer, new DeletionOutcome.NotAttempted(login, unknown));
        }
        Iterator<String> rest = logins.iterator();
        try {
            for (long i = 0; i < started && rest.hasNext(); i++) {
                rest.next();
            }
            while (rest.hasNext()) {
                String raw = rest.next();
                emit(consumer, new DeletionOutcome.NotAttempted(Logins.normalize(raw), why.message()));
            }
        } catch (RuntimeException e) {
            // the input changed or cannot be read any more: the logins reported so far are all that can be
        }
        Duration elapsed = Duration.between(start, clock.instant());
        OutcomeCounts counts = tally.counts();
        BatchStop abandonedStop = new BatchStop(why.cause(), why.message() + "; the grace period of " + grace
                + " ended with " + LoginInputs.plural(stillInFlight.size(), "login") + " still in flight");
        return new Finished(new BulkDeleteSummary(counts, -1, elapsed.isNegative() ? Duration.ZERO : elapsed,
                abandonedStop), List.copyOf(stillInFlight));
    }

    private void emit(Consumer<DeletionOutcome> consumer, DeletionOutcome outcome) {
        tally.add(outcome);
        consumer.accept(outcome);
    }

    /** The input, counting each login read and holding it as in flight until its outcome arrives. */
    private Iterable<String> tracked(Iterable<String> logins) {
        return () -> {
            Iterator<String> input = logins.iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    synchronized (lock) {
                        if (abandoned) {
                            return false;
                        }
                    }
                    return input.hasNext();
                }

                @Override
                public String next() {
                    String raw = input.next();
                    synchronized (lock) {
                        if (abandoned) {
                            throw new NoSuchElementException("the batch was abandoned");
                        }
                        pulled++;
                        inFlight.merge(key(raw), 1, Integer::sum);
                    }
                    return raw;
                }
            };
        };
    }

    /** Called with {@link #lock} held. */
    private void finished(String login) {
        inFlight.computeIfPresent(key(login), (k, n) -> n == 1 ? null : n - 1);
    }

    /** An input line and the login of its outcome have the same key: the login the core makes of the line. */
    private static String key(String login) {
        return Logins.normalize(login);
    }
}

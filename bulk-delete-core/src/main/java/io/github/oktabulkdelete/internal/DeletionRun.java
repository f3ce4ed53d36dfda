package io.github.oktabulkdelete.internal;

import io.github.oktabulkdelete.BatchStop;
import io.github.oktabulkdelete.BulkDeleteSummary;
import io.github.oktabulkdelete.Cancellation;
import io.github.oktabulkdelete.DeletionOutcome;
import io.github.oktabulkdelete.OutcomeCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One batch: reads the input lazily on the calling thread, never more than the workers can take (at most
 * {@code maxConcurrency} logins are read and not yet finished), runs each login on a bounded pool, and hands every
 * outcome, with its input position, to the sink, one at a time.
 */
public final class DeletionRun {

    /** Receives each outcome with its 0-based position in the input, one call at a time. */
    @FunctionalInterface
    public interface Sink {
        void accept(long index, DeletionOutcome outcome);
    }

    private static final AtomicInteger RUNS = new AtomicInteger();
    /** How often a batch with a grace period looks again whether it stopped, in real time. */
    private static final long POLL_MILLIS = 20;

    private final DeleterSettings settings;
    private final RunState run;
    private final OutcomeCounts.Tally tally = OutcomeCounts.tally();
    private final Object sinkLock = new Object();
    private final InFlightLogins inFlight = new InFlightLogins();
    /** The cancellation's grace period, or {@code null}: wait for the logins in flight as long as they take. */
    private final Duration gracePeriod;
    private BatchStop abandonedStop;
    /** The run's progress, for {@code RunningBatch#progress()} and the listener's {@code onBatchStarted}. */
    private final ProgressTracker progress;

    public DeletionRun(DeleterSettings settings, Cancellation cancellation) {
        this(settings, cancellation, RunJournal.NONE);
    }

    /** A run that writes each change's intent ahead and looks the logins of {@code journal.hints()} up by id. */
    public DeletionRun(DeleterSettings settings, Cancellation cancellation, RunJournal journal) {
        this.settings = settings;
        this.run = new RunState(settings, cancellation, inFlight, journal);
        this.gracePeriod = cancellation.gracePeriod().orElse(null);
        this.progress = new ProgressTracker(settings.clock(), -1);
        run.observer(RunObserver.both(progress, settings.observer())); // every run, journaled too, feeds the meters
    }

    /** @return this run's progress: read by any thread, also after the run ended (the final snapshot) */
    public ProgressTracker progress() {
        return progress;
    }

    /** @return the outcomes recorded so far (waits for an outcome being recorded) */
    public OutcomeCounts countsSoFar() {
        synchronized (sinkLock) {
            return tally.counts();
        }
    }

    /** @return the HTTP requests made so far */
    public long requestsSoFar() {
        return run.requests();
    }

    /** @return why the run stops, or {@code null} */
    public BatchStop stopSoFar() {
        return run.stopCause();
    }

    public BulkDeleteSummary execute(Iterable<String> logins, Sink sink) {
        if (logins instanceof java.util.Collection<?> all) {
            progress.totalLogins(all.size());
        }
        Iterator<String> raw = logins.iterator();
        return executeItems(new Iterator<>() {
            @Override
            public boolean hasNext() {
                return raw.hasNext();
            }

            @Override
            public RunItem next() {
                return RunItem.of(raw.next());
            }
        }, sink);
    }

    /** As {@link #execute}, over items that may carry an id to look the login up by, or an outcome settled already. */
    public BulkDeleteSummary executeItems(Iterator<RunItem> input, Sink sink) {
        Instant start = settings.clock().instant();
        progress.started(this);
        run.listener().onBatchStarted(progress::snapshot);
        long next = 0;
        boolean interrupted = false;
        try {
            if (!run.checkCancelled()) {
                TokenOwnerLookup.lookUp(settings, run);
            }
        } catch (InterruptedException e) {
            interrupted = true;
            run.stop(BatchStop.Cause.INTERRUPTED, "interrupted while looking up the token owner");
        } catch (RunCancelledException e) {
            // the stop is recorded
        } catch (RuntimeException unexpected) {
            run.stop(BatchStop.Cause.TOKEN_OWNER_UNKNOWN, "looking up the owner of the API token failed unexpectedly ("
                    + OktaErrors.redact(unexpected.toString(), java.util.List.of()) + "), so nothing was changed");
        }
        if (!run.isStopping()) {
            ExecutorService workers = Executors.newFixedThreadPool(settings.maxConcurrency(), threads());
            Semaphore slots = new Semaphore(settings.maxConcurrency());
            LoginScreen screen = new LoginScreen(settings.protectedLogins());
            LoginDeletion deletion = new LoginDeletion(run);
            Pacer pacer = settings.pacer();
            boolean drained = false;
            pacer.batchStarted();
            try {
                while (true) {
                    if (!acquire(slots)) {
                        break;
                    }
                    if (run.isStopping() || run.checkCancelled()) {
                        slots.release();
                        break;
                    }
                    if (!hasNext(input, next)) {
                        slots.release();
                        if (!inputFailed) {
                            pacer.batchDraining();
                            drained = true;
                        }
                        break;
                    }
                    RunItem item = nextOrStop(input, next);
                    if (inputFailed) {
                        slots.release();
                        break;
                    }
                    long index = next++;
                    run.observer().loginRead();
                    String login = LoginScreen.normalize(item.raw());
                    if (run.isStopping() || run.checkCancelled()) { // it stopped while the input was read
                        emit(sink, index, new DeletionOutcome.NotAttempted(login, run.stopCause().message()));
                        slots.release();
                        break;
                    }
                    DeletionOutcome skipped = item.settled() != null ? item.settled()
                            : screen.screen(login, item.raw() == null);
                    if (skipped != null) {
                        emit(sink, index, skipped);
                        slots.release();
                        continue;
                    }
                    InFlightLogins.Entry entry = inFlight.add(index, login);
                    workers.execute(() -> {
                        try {
                            work(sink, index, login, item.hint(), entry, deletion);
                        } finally {
                            slots.release();
                        }
                    });
                }
            } catch (InterruptedException e) {
                interrupted = true;
                run.stop(BatchStop.Cause.INTERRUPTED, "the thread running the batch was interrupted");
            } finally {
                workers.shutdown();
                interrupted |= awaitWorkers(workers, sink);
                pacer.batchEnded(drained);
            }
        }
        if (run.isStopping()) {
            String reason = run.stopCause().message();
            while (hasNext(input, next)) {
                RunItem item = nextOrStop(input, next);
                if (inputFailed) {
                    break;
                }
                run.observer().loginRead();
                emit(sink, next++, new DeletionOutcome.NotAttempted(LoginScreen.normalize(item.raw()), reason));
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Duration elapsed = Duration.between(start, settings.clock().instant());
        BulkDeleteSummary summary;
        synchronized (sinkLock) {
            summary = new BulkDeleteSummary(tally.counts(), run.requests(),
                    elapsed.isNegative() ? Duration.ZERO : elapsed,
                    abandonedStop != null ? abandonedStop : run.stopCause());
        }
        progress.ended(summary);
        return summary;
    }

    /** Runs one login on a worker; its outcome is dropped if the grace period abandoned it meanwhile. */
    private void work(Sink sink, long index, String login, ResumeHint hint, InFlightLogins.Entry entry,
            LoginDeletion deletion) {
        if (!inFlight.begin(entry)) {
            return; // abandoned before it started
        }
        DeletionOutcome outcome;
        try {
            outcome = deletion.process(login, hint);
        } catch (RuntimeException | Error e) {
            inFlight.leave();
            if (inFlight.isAbandoned()) {
                return;
            }
            throw e;
        }
        synchronized (sinkLock) { // not between an abandonment and its outcomes
            if (inFlight.finish(entry)) {
                emit(sink, index, outcome);
            }
        }
    }

    /**
     * Takes a worker slot; without a grace period, waits as long as it takes; with one, gives up ({@code false})
     * once the batch stops, so that a login that hangs cannot hold the batch beyond its grace period.
     */
    private boolean acquire(Semaphore slots) throws InterruptedException {
        if (gracePeriod == null) {
            slots.acquire();
            return true;
        }
        while (!slots.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
            if (run.isStopping() || run.checkCancelled()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Waits for the workers: without a grace period until they finish; with one, at most the grace period after the
     * batch stops (for any reason), then abandons the logins still in flight. Returns whether the thread was
     * interrupted.
     */
    private boolean awaitWorkers(ExecutorService workers, Sink sink) {
        if (gracePeriod == null) {
            return awaitQuietly(workers);
        }
        boolean interrupted = false;
        long graceEnd = 0;
        boolean stopping = false;
        while (true) {
            try {
                if (workers.awaitTermination(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    return interrupted;
                }
            } catch (InterruptedException e) {
                interrupted = true;
                run.stop(BatchStop.Cause.INTERRUPTED, "the thread running the batch was interrupted");
            }
            if (!stopping && (run.isStopping() || run.checkCancelled())) {
                stopping = true;
                graceEnd = System.nanoTime() + gracePeriod.toNanos();
            }
            if (stopping && System.nanoTime() - graceEnd >= 0) {
                abandonInFlight(sink);
                workers.shutdownNow(); // wakes waiting workers; they send no change and their outcomes are dropped
                return interrupted;
            }
        }
    }

    /**
     * Gives each login still in flight its outcome: {@code NotAttempted} if no change of it was sent, else
     * {@code Failed} saying that the change may have been made.
     */
    private void abandonInFlight(Sink sink) {
        synchronized (sinkLock) {
            List<InFlightLogins.Abandoned> left = inFlight.abandonAll();
            if (left.isEmpty()) {
                return;
            }
            String grace = "the grace period of " + format(gracePeriod);
            List<String> logins = new ArrayList<>();
            for (InFlightLogins.Abandoned a : left) {
                logins.add(a.login());
                if (a.changeSent() == null) {
                    emit(sink, a.index(), new DeletionOutcome.NotAttempted(a.login(), "still in flight when " + grace
                            + " ended: its outcome is unknown, but no deactivate or DELETE of it had been sent; a"
                            + " resumed run looks it up again"));
                } else {
                    emit(sink, a.index(), new DeletionOutcome.Failed(a.login(), a.changeSent(), 0, null,
                            "still in flight when " + grace + " ended, after its " + a.changeSent() + " request was"
                            + " sent: the change may have been made (the user may have been deactivated or deleted);"
                            + " its outcome is unknown, a resumed run looks it up again", 0, a.userId(), true));
                }
            }
            BatchStop stop = run.stopCause();
            abandonedStop = new BatchStop(stop.cause(), stop.message() + "; " + grace + " ended with "
                    + left.size() + (left.size() == 1 ? " login" : " logins") + " still in flight");
            run.listener().onGracePeriodEnded(List.copyOf(logins));
        }
    }

    /** A duration as people write it: 30s, 500ms, 2m; else ISO-8601. */
    static String format(Duration d) {
        if (d.toMillis() % 1000 != 0 || d.isZero()) {
            return d.isZero() ? "0s" : d.toMillis() + "ms";
        }
        long seconds = d.toSeconds();
        return seconds % 60 != 0 ? seconds + "s" : seconds % 3600 != 0 ? seconds / 60 + "m" : seconds / 3600 + "h";
    }

    private boolean inputFailed;

    private boolean hasNext(Iterator<RunItem> input, long position) {
        if (inputFailed) {
            return false;
        }
        try {
            return input.hasNext();
        } catch (RuntimeException e) {
            inputFailed(position, e);
            return false;
        }
    }

    private RunItem nextOrStop(Iterator<RunItem> input, long position) {
        try {
            return input.next();
        } catch (RuntimeException e) {
            inputFailed(position, e);
            return null;
        }
    }

    private void inputFailed(long position, RuntimeException e) {
        inputFailed = true;
        run.stop(BatchStop.Cause.INPUT_FAILED, "reading login #" + (position + 1) + " of the input failed: "
                + e.getMessage() + " — the logins before it have their outcomes; fix the input and run again");
    }

    private void emit(Sink sink, long index, DeletionOutcome outcome) {
        synchronized (sinkLock) {
            tally.add(outcome);
            run.listener().onOutcome(outcome);
            try {
                sink.accept(index, outcome);
            } catch (Throwable e) { // an Error too (an AssertionError, a full heap): the batch stops, never leaks it
                run.stop(BatchStop.Cause.CONSUMER_FAILED, "the outcome consumer failed on '" + outcome.login()
                        + "': " + e + " — the batch stopped so that no outcome goes unrecorded");
            }
        }
    }

    private static boolean awaitQuietly(ExecutorService workers) {
        boolean interrupted = false;
        while (true) {
            try {
                if (workers.awaitTermination(1, TimeUnit.MINUTES)) {
                    return interrupted;
                }
            } catch (InterruptedException e) {
                // in-flight logins must finish and be recorded: keep waiting, remember the interrupt
                interrupted = true;
            }
        }
    }

    private static ThreadFactory threads() {
        int runId = RUNS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, "okta-bulk-delete-" + runId + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}

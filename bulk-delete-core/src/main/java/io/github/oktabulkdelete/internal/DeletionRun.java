package io.github.oktabulkdelete.internal;

import io.github.oktabulkdelete.BatchStop;
import io.github.oktabulkdelete.BulkDeleteSummary;
import io.github.oktabulkdelete.Cancellation;
import io.github.oktabulkdelete.DeletionOutcome;
import io.github.oktabulkdelete.OktaRequestException;
import io.github.oktabulkdelete.OutcomeCounts;
import io.github.oktabulkdelete.OutcomeKind;
import io.github.oktabulkdelete.SkipReason;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
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

    private final DeleterSettings settings;
    private final RunState run;
    private final Map<OutcomeKind, Long> byKind = new EnumMap<>(OutcomeKind.class);
    private final Map<SkipReason, Long> bySkipReason = new EnumMap<>(SkipReason.class);
    private final Object sinkLock = new Object();

    public DeletionRun(DeleterSettings settings, Cancellation cancellation) {
        this.settings = settings;
        this.run = new RunState(settings, cancellation);
    }

    /** Adds an observer of this run's requests, waits and reads (metrics, progress); before {@link #execute}. */
    public DeletionRun observe(RunObserver observer) {
        run.observer(RunObserver.both(run.observer(), observer));
        return this;
    }

    /** @return the outcomes recorded so far (waits for an outcome being recorded) */
    public OutcomeCounts countsSoFar() {
        synchronized (sinkLock) {
            return OutcomeCounts.of(byKind, bySkipReason);
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
        Instant start = settings.clock().instant();
        Iterator<String> input = logins.iterator();
        long next = 0;
        boolean interrupted = false;
        try {
            if (!run.checkCancelled()) {
                lookUpTokenOwner();
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
                    slots.acquire();
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
                    String raw = nextOrStop(input, next);
                    if (inputFailed) {
                        slots.release();
                        break;
                    }
                    long index = next++;
                    run.observer().loginRead();
                    String login = LoginScreen.normalize(raw);
                    DeletionOutcome.Skipped skipped = screen.screen(login, raw == null);
                    if (skipped != null) {
                        emit(sink, index, skipped);
                        slots.release();
                        continue;
                    }
                    workers.execute(() -> {
                        try {
                            emit(sink, index, deletion.process(login));
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
                interrupted |= awaitQuietly(workers);
                pacer.batchEnded(drained);
            }
        }
        if (run.isStopping()) {
            String reason = run.stopCause().message();
            while (hasNext(input, next)) {
                String raw = nextOrStop(input, next);
                if (inputFailed) {
                    break;
                }
                run.observer().loginRead();
                emit(sink, next++, new DeletionOutcome.NotAttempted(LoginScreen.normalize(raw), reason));
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Duration elapsed = Duration.between(start, settings.clock().instant());
        synchronized (sinkLock) {
            return new BulkDeleteSummary(OutcomeCounts.of(byKind, bySkipReason), run.requests(),
                    elapsed.isNegative() ? Duration.ZERO : elapsed, run.stopCause());
        }
    }

    private boolean inputFailed;

    private boolean hasNext(Iterator<String> input, long position) {
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

    private String nextOrStop(Iterator<String> input, long position) {
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

    private void lookUpTokenOwner() throws InterruptedException {
        Calls calls = new Calls(run);
        try {
            FoundUser owner = calls.call("me", new Calls.Attempts(), CallRoute.LOOKUP,
                    () -> run.gateway().getUser("me"));
            run.tokenOwnerId(owner.id());
        } catch (OktaRequestException e) {
            if (e.isNotFoundNotFromOkta()) {
                run.stop(BatchStop.Cause.NOT_OKTA, run.gateway().orgUrl() + " answered 404 without Okta's error "
                        + "body to GET /api/v1/users/me: it did not answer like Okta (a proxy's page, or an org URL "
                        + "with a wrong path?). Check the org URL; nothing was changed.");
                return;
            }
            switch (e.httpStatus()) {
                case 400, 404 -> {
                    // no user owns this token (an OAuth 2.0 service app): nobody to protect
                }
                case 403 -> run.stop(BatchStop.Cause.TOKEN_OWNER_UNKNOWN, "Okta answered 403 (" + e.errorCode()
                        + ": " + e.getMessage() + ") to GET /api/v1/users/me, so the owner of the API token cannot "
                        + "be protected and nothing was changed: give the token's admin (or the service app) the "
                        + "right to read users (okta.users.read).");
                case 401 -> run.stop(BatchStop.Cause.AUTHENTICATION_FAILED, "Okta answered 401 (" + e.errorCode()
                        + ": " + e.getMessage() + ") to the first call: the API token is invalid, expired or "
                        + "revoked. Nothing was changed.");
                default -> run.stop(BatchStop.Cause.TOKEN_OWNER_UNKNOWN, "could not look up the owner of the API "
                        + "token (GET /api/v1/users/me: " + (e.httpStatus() == 0 ? "" : "HTTP " + e.httpStatus()
                        + " ") + e.getMessage() + "), so nothing was changed: the run must not delete it.");
            }
        }
    }

    private void emit(Sink sink, long index, DeletionOutcome outcome) {
        synchronized (sinkLock) {
            byKind.merge(outcome.kind(), 1L, Long::sum);
            if (outcome instanceof DeletionOutcome.Skipped skipped) {
                bySkipReason.merge(skipped.reason(), 1L, Long::sum);
            }
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

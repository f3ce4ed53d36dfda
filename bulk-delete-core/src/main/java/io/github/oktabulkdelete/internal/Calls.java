package io.github.oktabulkdelete.internal;

import io.github.oktabulkdelete.BatchProgress;
import io.github.oktabulkdelete.OktaRequestException;
import io.github.oktabulkdelete.RateLimitStatus;
import io.github.oktabulkdelete.Sleeper;
import io.github.resilience4j.retry.Retry;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Makes one logical Okta call: Retry(RateLimiter(request)). Every attempt passes the gate and counts as one HTTP
 * request; the {@link Retry} decides whether and how long to wait; the wait goes through the injected
 * {@link Sleeper}, never inside the rate limiter or the HTTP client.
 */
final class Calls {

    /** Counts the HTTP requests made for one login. */
    static final class Attempts {
        private int count;
        /** The count at the last attempt whose failure leaves open whether Okta acted on it. */
        private int lastAmbiguous;

        int count() {
            return count;
        }

        /**
         * Whether an attempt after the first {@code before} ones failed in a way that leaves open whether Okta acted
         * on it: a transport failure or a 5xx (the answer may have been lost after the change was made).
         */
        boolean ambiguousFailureAfter(int before) {
            return lastAmbiguous > before;
        }
    }

    private final RunState run;

    Calls(RunState run) {
        this.run = run;
    }

    <T> T call(String login, Attempts attempts, CallRoute route, Supplier<T> request) throws InterruptedException {
        Retry.AsyncContext<Object> context = run.settings().retry().asyncContext();
        Pacer pacer = run.settings().pacer();
        RunObserver observer = run.observer();
        String tag = RouteTags.of(route);
        int attempt = 0;
        while (true) {
            Pacer.Ticket ticket = paced(pacer, route, tag, observer);
            if (run.changesHalted() && (route == CallRoute.DEACTIVATE || route == CallRoute.DELETE)) {
                // the consumer failed while this change waited for the pacer or to retry: it must not go unrecorded
                pacer.done(ticket, null);
                throw new RunCancelledException(run.stopCause().message());
            }
            attempt++;
            attempts.count++;
            run.countRequest();
            try {
                T value = request.get();
                pacer.done(ticket, report(run.gateway().takeRateLimitStatus()));
                completeQuietly(context);
                return value;
            } catch (RuntimeException | Error unexpected) {
                if (!(unexpected instanceof OktaRequestException e)) {
                    pacer.done(ticket, null); // never leak the pacer's in-flight slot
                    throw unexpected;
                }
                if (e.httpStatus() == 0 || e.httpStatus() >= 500) {
                    attempts.lastAmbiguous = attempts.count;
                }
                RateLimitStatus captured = run.gateway().takeRateLimitStatus();
                pacer.done(ticket, report(captured != null ? captured : e.rateLimit()));
                long waitMillis = context.onError(e);
                if (waitMillis < 0 || run.stopsInFlightRetries()) {
                    throw e;
                }
                Duration wait = Duration.ofMillis(waitMillis);
                observer.retrying(tag, e, wait);
                BatchProgress.Wait waiting = ProgressTracker.retryWait(tag, e, captured,
                        run.settings().clock().instant().plus(wait));
                observer.waitStarted(waiting);
                run.listener().onRetry(login, e, attempt, wait); // the progress it may read shows the wait
                try {
                    run.sleep(wait);
                } finally {
                    observer.waitEnded(waiting);
                }
            }
        }
    }

    /**
     * One attempt of a GET that settles what a change did, after the batch was cancelled or the thread interrupted:
     * paced and counted like any call, but its pacing wait ignores the cancellation (and a pending interrupt, which
     * is restored afterwards), and it is not retried.
     */
    <T> T settle(String login, Attempts attempts, Supplier<T> request) {
        boolean interrupted = Thread.interrupted();
        Pacer pacer = run.settings().pacer();
        Pacer.Ticket ticket = null;
        try {
            ticket = pacer.acquire(CallRoute.LOOKUP, run.settings().sleeper());
            attempts.count++;
            run.countRequest();
            T value = request.get();
            pacer.done(ticket, report(run.gateway().takeRateLimitStatus()));
            return value;
        } catch (InterruptedException e) {
            interrupted = true;
            throw new OktaRequestException(null, 0, null, "interrupted again while waiting to check by id", null,
                    e);
        } catch (OktaRequestException e) {
            RateLimitStatus captured = run.gateway().takeRateLimitStatus();
            pacer.done(ticket, report(captured != null ? captured : e.rateLimit()));
            throw e;
        } catch (RuntimeException | Error unexpected) {
            if (ticket != null) {
                pacer.done(ticket, null);
            }
            throw unexpected;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Takes a ticket from the pacer, telling the observer how long that took by the deleter's clock. */
    private Pacer.Ticket paced(Pacer pacer, CallRoute route, String tag, RunObserver observer)
            throws InterruptedException {
        BatchProgress.Wait waiting = new BatchProgress.Wait(BatchProgress.WaitReason.PACING, tag, null, null);
        Instant before = run.settings().clock().instant();
        observer.waitStarted(waiting);
        try {
            return pacer.acquire(route, run.sleeper());
        } finally {
            observer.waitEnded(waiting);
            observer.paced(tag, Duration.between(before, run.settings().clock().instant()));
        }
    }

    private RateLimitStatus report(RateLimitStatus status) {
        if (status != null) {
            run.listener().onRateLimitStatus(status);
        }
        return status;
    }

    private static void completeQuietly(Retry.AsyncContext<Object> context) {
        try {
            context.onComplete();
        } catch (RuntimeException ignored) {
            // a custom Retry with failAfterMaxAttempts: the call succeeded, which is all that matters here
        }
    }
}

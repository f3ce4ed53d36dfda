package io.github.oktabulkdelete.internal;

import io.github.oktabulkdelete.BatchStop;
import io.github.oktabulkdelete.DeletionListener;
import io.github.oktabulkdelete.DeletionOutcome;
import io.github.oktabulkdelete.OktaRequestException;
import io.github.oktabulkdelete.RateLimitStatus;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a user's listener one call at a time, logging and ignoring whatever it throws (an {@link Error} too). A
 * deleter holds one instance for all its batches ({@link DeleterSettings} wraps the listener once), so two batches
 * of one deleter running at once never call the listener concurrently.
 */
final class SafeListener implements DeletionListener {

    private static final Logger LOG = LoggerFactory.getLogger(SafeListener.class);

    private final DeletionListener delegate;
    private final Object lock = new Object();

    SafeListener(DeletionListener delegate) {
        this.delegate = delegate;
    }

    @Override
    public void onBatchStarted(java.util.function.Supplier<io.github.oktabulkdelete.BatchProgress> progress) {
        guard("onBatchStarted", () -> delegate.onBatchStarted(progress));
    }

    @Override
    public void onOutcome(DeletionOutcome outcome) {
        guard("onOutcome", () -> delegate.onOutcome(outcome));
    }

    @Override
    public void onRetry(String login, OktaRequestException failure, int attempt, Duration wait) {
        guard("onRetry", () -> delegate.onRetry(login, failure, attempt, wait));
    }

    @Override
    public void onRateLimitStatus(RateLimitStatus status) {
        guard("onRateLimitStatus", () -> delegate.onRateLimitStatus(status));
    }

    @Override
    public void onBatchStopped(BatchStop stop) {
        guard("onBatchStopped", () -> delegate.onBatchStopped(stop));
    }

    @Override
    public void onGracePeriodEnded(java.util.List<String> stillInFlight) {
        guard("onGracePeriodEnded", () -> delegate.onGracePeriodEnded(stillInFlight));
    }

    private void guard(String method, Runnable call) {
        synchronized (lock) {
            try {
                call.run();
            } catch (Throwable e) { // an Error too: a listener must not cost a login its outcome
                LOG.warn("DeletionListener.{} threw {}; ignored", method, e.toString());
            }
        }
    }
}

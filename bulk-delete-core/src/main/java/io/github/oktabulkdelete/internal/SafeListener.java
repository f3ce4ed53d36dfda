package io.github.oktabulkdelete.internal;

import io.github.oktabulkdelete.BatchStop;
import io.github.oktabulkdelete.DeletionListener;
import io.github.oktabulkdelete.DeletionOutcome;
import io.github.oktabulkdelete.OktaRequestException;
import io.github.oktabulkdelete.RateLimitStatus;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls a user's listener one call at a time, logging and ignoring whatever it throws. */
final class SafeListener implements DeletionListener {

    private static final Logger LOG = LoggerFactory.getLogger(SafeListener.class);

    private final DeletionListener delegate;

    SafeListener(DeletionListener delegate) {
        this.delegate = delegate;
    }

    @Override
    public synchronized void onOutcome(DeletionOutcome outcome) {
        guard("onOutcome", () -> delegate.onOutcome(outcome));
    }

    @Override
    public synchronized void onRetry(String login, OktaRequestException failure, int attempt, Duration wait) {
        guard("onRetry", () -> delegate.onRetry(login, failure, attempt, wait));
    }

    @Override
    public synchronized void onRateLimitStatus(RateLimitStatus status) {
        guard("onRateLimitStatus", () -> delegate.onRateLimitStatus(status));
    }

    @Override
    public synchronized void onBatchStopped(BatchStop stop) {
        guard("onBatchStopped", () -> delegate.onBatchStopped(stop));
    }

    private void guard(String method, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("DeletionListener.{} threw {}; ignored", method, e.toString());
        }
    }
}

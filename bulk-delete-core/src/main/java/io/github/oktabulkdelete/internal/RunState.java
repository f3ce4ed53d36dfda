package io.github.oktabulkdelete.internal;

import io.github.oktabulkdelete.BatchStop;
import io.github.oktabulkdelete.DeletionListener;
import io.github.oktabulkdelete.Step;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** The shared, thread-safe state of one batch: its counters, whether it is stopping, and why. */
final class RunState {

    private final DeleterSettings settings;
    private final SafeListener listener;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong changesStarted = new AtomicLong();
    private final AtomicReference<BatchStop> stop = new AtomicReference<>();
    private final AtomicBoolean[] stepSucceeded = new AtomicBoolean[Step.values().length];
    private volatile String tokenOwnerId;

    RunState(DeleterSettings settings) {
        this.settings = settings;
        this.listener = new SafeListener(settings.listener());
        for (int i = 0; i < stepSucceeded.length; i++) {
            stepSucceeded[i] = new AtomicBoolean();
        }
    }

    DeleterSettings settings() {
        return settings;
    }

    OktaGateway gateway() {
        return settings.gateway();
    }

    DeletionListener listener() {
        return listener;
    }

    void countRequest() {
        requests.incrementAndGet();
    }

    long requests() {
        return requests.get();
    }

    /** Stops the batch; only the first stop counts. */
    void stop(BatchStop.Cause cause, String message) {
        BatchStop candidate = new BatchStop(cause, message);
        if (stop.compareAndSet(null, candidate)) {
            listener.onBatchStopped(candidate);
        }
    }

    boolean isStopping() {
        return stop.get() != null;
    }

    BatchStop stopCause() {
        return stop.get();
    }

    /** Reserves the right to change one more user; {@code false} once the batch's limit is reached. */
    boolean reserveChange() {
        return changesStarted.incrementAndGet() <= settings.maxDeletions();
    }

    void succeeded(Step step) {
        stepSucceeded[step.ordinal()].set(true);
    }

    boolean hasSucceeded(Step step) {
        return stepSucceeded[step.ordinal()].get();
    }

    String tokenOwnerId() {
        return tokenOwnerId;
    }

    void tokenOwnerId(String id) {
        this.tokenOwnerId = id;
    }
}

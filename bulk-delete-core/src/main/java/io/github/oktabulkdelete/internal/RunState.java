package io.github.oktabulkdelete.internal;

import io.github.oktabulkdelete.BatchStop;
import io.github.oktabulkdelete.Cancellation;
import io.github.oktabulkdelete.ChangeIntent;
import io.github.oktabulkdelete.DeletionListener;
import io.github.oktabulkdelete.Sleeper;
import java.time.Duration;
import java.time.Instant;
import io.github.oktabulkdelete.Step;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** The shared, thread-safe state of one batch: its counters, whether it is stopping, and why. */
final class RunState {

    private final DeleterSettings settings;
    private final DeletionListener listener;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong changesStarted = new AtomicLong();
    private final AtomicReference<BatchStop> stop = new AtomicReference<>();
    private final AtomicBoolean[] stepSucceeded = new AtomicBoolean[Step.values().length];
    private final Map<Step, Set<String>> permissionDenied = new EnumMap<>(Step.class);
    private volatile String tokenOwnerId;
    private final Cancellation cancellation;
    private final OktaGateway gateway;
    private final RunJournal journal;
    private volatile RunObserver observer = RunObserver.NONE;

    RunState(DeleterSettings settings, Cancellation cancellation, InFlightLogins inFlight, RunJournal journal) {
        this.settings = settings;
        this.cancellation = cancellation;
        this.gateway = inFlight.guard(settings.gateway()); // no change of a login abandoned after a grace period
        this.journal = journal;
        this.listener = settings.listener(); // the deleter's one SafeListener
        for (int i = 0; i < stepSucceeded.length; i++) {
            stepSucceeded[i] = new AtomicBoolean();
        }
    }

    DeleterSettings settings() {
        return settings;
    }

    OktaGateway gateway() {
        return gateway;
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

    /**
     * Whether logins in flight should give up retrying: only when the batch stopped because no call can succeed
     * (the token is refused or lacks a permission). After other stops they finish, retries included; a
     * cancellation ends their waits through {@link #sleep(Duration)}.
     */
    boolean stopsInFlightRetries() {
        BatchStop current = stop.get();
        return current != null && (current.cause() == BatchStop.Cause.AUTHENTICATION_FAILED
                || current.cause() == BatchStop.Cause.PERMISSION_DENIED
                || current.cause() == BatchStop.Cause.TOKEN_OWNER_UNKNOWN);
    }

    /**
     * Whether no user may be changed any more, not even by a login in flight: the outcome consumer failed, so a
     * change could go unrecorded.
     */
    boolean changesHalted() {
        BatchStop current = stop.get();
        return current != null && current.cause() == BatchStop.Cause.CONSUMER_FAILED;
    }

    /** Records a permission 403 of {@code login} at {@code step}; how many distinct logins had one there. */
    int permissionDenied(Step step, String login) {
        synchronized (permissionDenied) {
            Set<String> logins = permissionDenied.computeIfAbsent(step, s -> new HashSet<>());
            logins.add(LoginScreen.key(login));
            return logins.size();
        }
    }

    BatchStop stopCause() {
        return stop.get();
    }

    /** Reserves the right to change one more user; {@code false} once the batch's limit is reached. */
    boolean reserveChange() {
        return changesStarted.incrementAndGet() <= settings.maxDeletions();
    }

    /**
     * Writes the intent to change one user ahead of the change, synchronously. If the journal cannot, the batch
     * stops ({@link BatchStop.Cause#CONSUMER_FAILED}), which halts every change, and this user must not be changed.
     *
     * @return whether the intent is recorded, so that the change may go
     */
    boolean recordIntent(ChangeIntent intent) {
        try {
            journal.intents().accept(intent);
            return true;
        } catch (Throwable e) { // an Error too: the change must not go unrecorded
            stop(BatchStop.Cause.CONSUMER_FAILED, "the journal could not record the intent to change '"
                    + intent.login() + "': " + e + " — the batch stopped before changing that user, so that no "
                    + "change goes unrecorded");
            return false;
        }
    }

    /** Whether intents go to a journal, so that each carries the user's record. */
    boolean journalsIntents() {
        return journal != RunJournal.NONE;
    }

    /** How a resumed run looks this login up: by the id an interrupted run recorded, or {@code null} (by login). */
    ResumeHint resumeHint(String login) {
        return journal.hints().isEmpty() ? null : journal.hints().get(LoginScreen.key(login));
    }

    void succeeded(Step step) {
        stepSucceeded[step.ordinal()].set(true);
    }

    boolean hasSucceeded(Step step) {
        return stepSucceeded[step.ordinal()].get();
    }

    /** Stops the batch if its cancellation was cancelled or its deadline passed; whether it did. */
    boolean checkCancelled() {
        if (cancellation.isCancelled()) {
            stop(BatchStop.Cause.CANCELLED, "cancelled: " + cancellation.reason().orElse("") + " — the logins not "
                    + "attempted can be run again safely");
            return true;
        }
        Instant deadline = cancellation.deadline().orElse(null);
        if (deadline != null && !settings.clock().instant().isBefore(deadline)) {
            stop(BatchStop.Cause.DEADLINE, "the batch reached its deadline (" + deadline + ") — the logins not "
                    + "attempted can be run again safely");
            return true;
        }
        return false;
    }

    /**
     * Waits through the deleter's sleeper; the system sleeper is woken early by a cancellation or the deadline.
     *
     * @throws RunCancelledException if the batch is cancelled by the end of the wait
     */
    void sleep(Duration duration) throws InterruptedException {
        if (settings.sleeper() == Sleeper.SYSTEM) {
            Duration wait = duration;
            Instant deadline = cancellation.deadline().orElse(null);
            if (deadline != null) {
                Duration untilDeadline = Duration.between(settings.clock().instant(), deadline);
                wait = untilDeadline.compareTo(wait) < 0 ? untilDeadline : wait;
            }
            if (!wait.isNegative()) {
                cancellation.awaitCancellation(wait);
            }
        } else {
            settings.sleeper().sleep(duration);
        }
        if (checkCancelled()) {
            throw new RunCancelledException(stopCause().message());
        }
    }

    /** The run's waits, as a {@link Sleeper} for the pacer. */
    Sleeper sleeper() {
        return this::sleep;
    }

    /** @return who hears this run's requests, waits and reads (metrics, progress) */
    RunObserver observer() {
        return observer;
    }

    void observer(RunObserver observer) {
        this.observer = observer;
    }

    String tokenOwnerId() {
        return tokenOwnerId;
    }

    void tokenOwnerId(String id) {
        this.tokenOwnerId = id;
    }
}

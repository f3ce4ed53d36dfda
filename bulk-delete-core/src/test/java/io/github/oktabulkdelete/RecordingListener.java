package io.github.oktabulkdelete;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * A {@link DeletionListener} that records everything a batch tells it, in order, into lists a test reads after the
 * batch; an optional hook runs after each rate-limit reading (right after a response, on the worker, before its next
 * call), for "someone else" acting between two calls of the run.
 */
final class RecordingListener implements DeletionListener {

    /** One retry as the listener heard it. */
    record Retry(String login, int httpStatus, int attempt, Duration waited) {
    }

    final List<DeletionOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    final List<Retry> retries = Collections.synchronizedList(new ArrayList<>());
    final List<RateLimitStatus> statuses = Collections.synchronizedList(new ArrayList<>());
    final List<BatchStop> stops = Collections.synchronizedList(new ArrayList<>());
    /** Retries and sleeps, in the order they happened, when the test's sleeper writes to it too. */
    final List<String> events;
    private final Consumer<RateLimitStatus> afterResponse;

    RecordingListener(List<String> events, Consumer<RateLimitStatus> afterResponse) {
        this.events = events;
        this.afterResponse = afterResponse;
    }

    @Override
    public void onOutcome(DeletionOutcome outcome) {
        outcomes.add(outcome);
    }

    @Override
    public void onRetry(String login, OktaRequestException failure, int attempt, Duration wait) {
        retries.add(new Retry(login, failure.httpStatus(), attempt, wait));
        events.add("retry " + wait.toMillis());
    }

    @Override
    public void onRateLimitStatus(RateLimitStatus status) {
        statuses.add(status);
        afterResponse.accept(status);
    }

    @Override
    public void onBatchStopped(BatchStop stop) {
        stops.add(stop);
    }
}

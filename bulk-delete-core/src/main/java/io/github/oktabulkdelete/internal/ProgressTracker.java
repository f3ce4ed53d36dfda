package io.github.oktabulkdelete.internal;

import io.github.oktabulkdelete.BatchProgress;
import io.github.oktabulkdelete.BatchStop;
import io.github.oktabulkdelete.BulkDeleteSummary;
import io.github.oktabulkdelete.OktaRequestException;
import io.github.oktabulkdelete.OutcomeCounts;
import io.github.oktabulkdelete.RateLimitStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The progress of one running batch: fed by its {@link DeletionRun} (logins read, waits) and read by any thread
 * through {@link #snapshot()}. Thread-safe. The outcome counts are the run's own tally, read under the run's outcome
 * lock, so a snapshot never counts an outcome the run has not recorded, nor misses one it has.
 */
public final class ProgressTracker implements RunObserver {

    private final Clock clock;
    private volatile long totalLogins;
    private final AtomicLong loginsRead = new AtomicLong();
    private final Set<BatchProgress.Wait> waits = Collections.newSetFromMap(new IdentityHashMap<>());
    private volatile Instant start;
    private volatile DeletionRun run;
    private volatile BatchProgress last;

    /**
     * @param totalLogins the number of input logins when known, else -1
     */
    public ProgressTracker(Clock clock, long totalLogins) {
        this.clock = clock;
        this.totalLogins = totalLogins;
        this.start = clock.instant();
    }

    /** The number of input logins is now known (-1: unknown). */
    public void totalLogins(long totalLogins) {
        this.totalLogins = totalLogins;
    }

    /** The batch starts now, on this run. */
    public void started(DeletionRun run) {
        this.start = clock.instant();
        this.run = run;
    }

    /** The batch ended with this summary: later snapshots are final. */
    public void ended(BulkDeleteSummary summary) {
        last = new BatchProgress(loginsRead.get(), summary.counts(), summary.httpRequests(), totalLogins,
                summary.elapsed(), List.of(), true, summary.stop().orElse(null));
    }

    /** The batch ended without a summary (a failure of the library itself): the last counts are final. */
    public void failed() {
        BatchProgress now = snapshot();
        last = new BatchProgress(now.loginsRead(), now.counts(), now.httpRequests(), totalLogins, now.elapsed(),
                List.of(), true, now.stopCause());
    }

    /** A consistent snapshot: finished is the sum of the kinds, and no more than the logins read. */
    public BatchProgress snapshot() {
        BatchProgress done = last;
        if (done != null) {
            return done;
        }
        DeletionRun current = run;
        OutcomeCounts counts = current == null ? OutcomeCounts.of(Map.of(), Map.of()) : current.countsSoFar();
        long read = loginsRead.get(); // after the counts: a login is read before its outcome is recorded
        long requests = current == null ? 0 : current.requestsSoFar();
        BatchStop stop = current == null ? null : current.stopSoFar();
        List<BatchProgress.Wait> now;
        synchronized (waits) {
            now = new ArrayList<>(waits);
        }
        Duration elapsed = Duration.between(start, clock.instant());
        return new BatchProgress(read, counts, requests, totalLogins, elapsed.isNegative() ? Duration.ZERO : elapsed,
                now, false, stop);
    }

    @Override
    public void loginRead() {
        loginsRead.incrementAndGet();
    }

    @Override
    public void waitStarted(BatchProgress.Wait wait) {
        synchronized (waits) {
            waits.add(wait);
        }
    }

    @Override
    public void waitEnded(BatchProgress.Wait wait) {
        synchronized (waits) {
            waits.remove(wait);
        }
    }

    /** What a worker waits for before retrying a failed request, until when. */
    static BatchProgress.Wait retryWait(String route, OktaRequestException failure, RateLimitStatus status,
            Instant until) {
        RateLimitStatus headers = status != null ? status : failure.rateLimit();
        BatchProgress.WaitReason reason = failure.httpStatus() != 429 ? BatchProgress.WaitReason.RETRY_BACKOFF
                : headers != null && headers.isConcurrencyLimited() ? BatchProgress.WaitReason.CONCURRENCY_LIMIT
                : BatchProgress.WaitReason.RATE_LIMIT_RESET;
        return new BatchProgress.Wait(reason, route, headers == null ? null : RouteTags.bucket(headers.bucket()),
                until);
    }
}

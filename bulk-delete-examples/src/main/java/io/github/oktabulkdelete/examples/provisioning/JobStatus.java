package io.github.oktabulkdelete.examples.provisioning;

import io.github.oktabulkdelete.BatchProgress;
import java.util.Objects;

/**
 * What the service's admin page shows of one offboarding job: its progress in the service's own terms, free of
 * library types, made from a {@link BatchProgress} snapshot.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * service.status(jobId).ifPresent(s -> page.show(s.finished() + "/" + s.leavers() + ", " + s.waitingFor()));
 * }</pre>
 *
 * @param jobId the job
 * @param leavers how many leavers the job has
 * @param finished how many have a record already
 * @param removed how many were removed from Okta so far
 * @param problems how many failed so far (a person or a later run must look)
 * @param done whether the job has ended
 * @param etaSeconds the estimated seconds left, or {@code null} when not known yet
 * @param waitingFor what the job waits for now, such as "Okta's rate limit of DELETE /api/v1/users/{id}, until
 *     2026-11-27T10:01:00Z", or {@code null}
 */
public record JobStatus(String jobId, long leavers, long finished, long removed, long problems, boolean done,
        Long etaSeconds, String waitingFor) {

    /**
     * Checks the components.
     *
     * @throws NullPointerException if {@code jobId} is {@code null}
     */
    public JobStatus {
        Objects.requireNonNull(jobId, "jobId");
    }

    static JobStatus of(String jobId, long leavers, BatchProgress p) {
        return new JobStatus(jobId, leavers, p.finished(), p.counts().deleted(),
                p.counts().failed() + p.counts().notAttempted(), p.done(),
                p.eta().map(eta -> eta.toSeconds()).orElse(null),
                p.waitingFor().map(JobStatus::describe).orElse(null));
    }

    private static String describe(BatchProgress.Wait w) {
        String what = switch (w.reason()) {
            case PACING -> "the service's pace";
            case RATE_LIMIT_RESET -> "Okta's rate limit" + (w.bucket() == null ? "" : " of " + w.bucket());
            case CONCURRENCY_LIMIT -> "Okta's limit of concurrent requests";
            case RETRY_BACKOFF -> "a retry after an Okta error";
        };
        return what + " (" + w.route() + ")" + (w.until() == null ? "" : ", until " + w.until());
    }
}

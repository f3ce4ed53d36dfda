package io.github.oktabulkdelete;

import java.time.Instant;
import java.util.Objects;

/**
 * The {@code X-Rate-Limit-*} headers of one Okta response, with the bucket they describe.
 *
 * <p>With a {@link TunedOktaClient} every response yields one; with a plain {@code ApiClient} only the
 * error responses do. Immutable and thread-safe.
 *
 * <pre>{@code
 * DeletionListener listener = new DeletionListener() {
 *     public void onRateLimitStatus(RateLimitStatus status) {
 *         System.err.println(status.bucket() + ": " + status.remaining() + "/" + status.limit());
 *     }
 * };
 * }</pre>
 *
 * @param bucket the request's method and path template, such as {@code DELETE /api/v1/users/{id}}
 * @param httpStatus the response status
 * @param limit {@code X-Rate-Limit-Limit}, or {@code -1} when absent or unreadable
 * @param remaining {@code X-Rate-Limit-Remaining}, or {@code -1} when absent or unreadable
 * @param reset {@code X-Rate-Limit-Reset} as an instant, or {@code null} when absent or unreadable
 * @param serverDate the response's {@code Date}, or {@code null} when absent or unreadable
 */
public record RateLimitStatus(String bucket, int httpStatus, long limit, long remaining, Instant reset,
        Instant serverDate) {

    /**
     * Checks the components.
     *
     * @param bucket as {@link #bucket()}
     * @param httpStatus as {@link #httpStatus()}
     * @param limit as {@link #limit()}
     * @param remaining as {@link #remaining()}
     * @param reset as {@link #reset()}
     * @param serverDate as {@link #serverDate()}
     * @throws NullPointerException if {@code bucket} is {@code null}
     */
    public RateLimitStatus {
        Objects.requireNonNull(bucket, "bucket");
    }

    /**
     * Whether this is a concurrency-limit answer: a 429 whose Limit and Remaining are both 0.
     *
     * @return {@code true} for a concurrency 429
     */
    public boolean isConcurrencyLimited() {
        return httpStatus == 429 && limit == 0 && remaining == 0;
    }
}

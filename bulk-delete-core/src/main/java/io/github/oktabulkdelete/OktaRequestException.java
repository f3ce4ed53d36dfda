package io.github.oktabulkdelete;

import java.util.Objects;

/**
 * One failed HTTP request to Okta, as the retry sees it: an HTTP error status, or a transport failure (status 0).
 *
 * <p>{@link BulkUserDeleter} turns every failed SDK call into one of these before its {@code Retry} decides, so a
 * custom {@link io.github.resilience4j.retry.Retry} given to
 * {@link BulkUserDeleter.Builder#retry(io.github.resilience4j.retry.Retry)} tests this type, never an Okta SDK type.
 * It never leaves {@code deleteAll}: failures end up as {@link DeletionOutcome.Failed}. Its message holds Okta's
 * error summary, never a credential. Immutable and thread-safe.
 *
 * <pre>{@code
 * RetryConfig config = RetryConfig.custom()
 *         .maxAttempts(3)
 *         .retryOnException(e -> e instanceof OktaRequestException r && r.isRetryable())
 *         .build();
 * }</pre>
 */
public final class OktaRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @serial the step of the request that failed */
    private final Step step;
    /** @serial the HTTP status, 0 for a transport failure */
    private final int httpStatus;
    /** @serial Okta's error code, or {@code null} */
    private final String errorCode;
    private final transient RateLimitStatus rateLimit;

    /**
     * A failed request.
     *
     * @param step the step the request was for
     * @param httpStatus the HTTP status, {@code 0} for a transport failure
     * @param errorCode Okta's {@code errorCode}, or {@code null}
     * @param message Okta's {@code errorSummary} or a description of the transport failure
     * @param rateLimit the response's rate-limit headers, or {@code null}
     * @param cause the transport failure, or {@code null}
     */
    public OktaRequestException(Step step, int httpStatus, String errorCode, String message, RateLimitStatus rateLimit,
            Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.step = Objects.requireNonNull(step, "step");
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.rateLimit = rateLimit;
    }

    /** @return the step the request was for */
    public Step step() {
        return step;
    }

    /** @return the HTTP status, {@code 0} for a transport failure */
    public int httpStatus() {
        return httpStatus;
    }

    /** @return Okta's {@code errorCode}, or {@code null} */
    public String errorCode() {
        return errorCode;
    }

    /** @return the response's rate-limit headers, or {@code null} when it had none */
    public RateLimitStatus rateLimit() {
        return rateLimit;
    }

    /** @return whether no HTTP response arrived (connection refused, reset, timed out...) */
    public boolean isTransportFailure() {
        return httpStatus == 0 && getCause() instanceof java.io.IOException;
    }

    /**
     * Whether this library's default retry retries it: 429, 500 (whatever its body, {@code E0000009} included), 502,
     * 503, 504 and transport failures (status 0). Never 400, 401, 403 or 404.
     *
     * @return {@code true} when a retry may succeed
     */
    public boolean isRetryable() {
        return isTransportFailure() || httpStatus == 429 || httpStatus == 500 || httpStatus == 502 || httpStatus == 503
                || httpStatus == 504;
    }

    /**
     * Whether Okta said the user does not exist: 404 with Okta's error {@code E0000007}, or 410 {@code E0000156}
     * ("does not exist or has been deleted"). A 404 without Okta's error body (a proxy's page, an org URL with a
     * wrong path) is not: it says nothing about the user.
     *
     * @return {@code true} only for Okta's own "no such user" answers
     */
    public boolean isOktaNotFound() {
        return (httpStatus == 404 && "E0000007".equals(errorCode))
                || (httpStatus == 410 && "E0000156".equals(errorCode));
    }

    /**
     * Whether this is a 404 that does not carry Okta's error body: the server that answered is not behaving as Okta.
     *
     * @return {@code true} for a 404 without Okta's {@code E0000007}
     */
    public boolean isNotFoundNotFromOkta() {
        return httpStatus == 404 && !isOktaNotFound();
    }

    @Override
    public String toString() {
        return "OktaRequestException{step=" + step + ", httpStatus=" + httpStatus
                + (errorCode == null ? "" : ", errorCode=" + errorCode) + ", message=" + getMessage() + '}';
    }
}

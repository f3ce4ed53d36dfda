package io.github.oktabulkdelete.internal;

import io.github.oktabulkdelete.RateLimitStatus;

/**
 * Hands the rate-limit headers of each response from the HTTP client's interceptor to the code that made the
 * call. The SDK's classic client runs the interceptor on the calling thread, so a thread-local is enough.
 */
public final class RateLimitCapture {

    private final ThreadLocal<RateLimitStatus> last = new ThreadLocal<>();

    void record(RateLimitStatus status) {
        last.set(status);
    }

    /** The status of the last response on this thread, once; {@code null} when there was none since. */
    public RateLimitStatus take() {
        RateLimitStatus status = last.get();
        last.remove();
        return status;
    }
}

package io.github.oktabulkdelete.internal;

import io.github.oktabulkdelete.OktaRequestException;
import io.github.oktabulkdelete.RateLimitStatus;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.functions.Either;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before retrying a failed request, computed from the failure itself:
 * <ul>
 *   <li>a rate-limit 429: until {@code X-Rate-Limit-Reset} (measured against the response's {@code Date}, as
 *       Okta's SDKs do) plus one second, plus up to 10% jitter so that workers do not all wake at once, capped;
 *   <li>a concurrency 429 (Limit and Remaining both 0, whose Reset is only an estimate): a brief exponential
 *       back-off instead;
 *   <li>5xx and transport failures: exponential back-off with jitter.
 * </ul>
 */
public final class RetryWaits implements IntervalBiFunction<Object> {

    static final Duration RESET_MARGIN = Duration.ofSeconds(1);
    static final Duration CONCURRENCY_BASE = Duration.ofMillis(500);
    static final Duration CONCURRENCY_CAP = Duration.ofSeconds(5);
    static final Duration ERROR_BASE = Duration.ofMillis(500);
    static final Duration ERROR_CAP = Duration.ofSeconds(10);

    private final Clock clock;
    private final Duration maxWait;
    private final DoubleSupplier random;

    /**
     * @param clock the local clock, used only when a response has no {@code Date}
     * @param maxWait the longest wait, whatever the headers say
     * @param random uniform values in [0, 1) for jitter
     */
    public RetryWaits(Clock clock, Duration maxWait, DoubleSupplier random) {
        this.clock = clock;
        this.maxWait = maxWait;
        this.random = random;
    }

    @Override
    public Long apply(Integer attempt, Either<Throwable, Object> result) {
        int n = attempt == null ? 1 : Math.max(1, attempt);
        Throwable failure = result != null && result.isLeft() ? result.getLeft() : null;
        if (failure instanceof OktaRequestException e) {
            return waitFor(e, n).toMillis();
        }
        return backoff(ERROR_BASE, ERROR_CAP, n).toMillis();
    }

    Duration waitFor(OktaRequestException e, int attempt) {
        if (e.httpStatus() != 429) {
            return backoff(ERROR_BASE, ERROR_CAP, attempt);
        }
        RateLimitStatus rl = e.rateLimit();
        if (rl != null && rl.isConcurrencyLimited()) {
            return backoff(CONCURRENCY_BASE, CONCURRENCY_CAP, attempt);
        }
        if (rl != null && rl.reset() != null) {
            Instant now = rl.serverDate() != null ? rl.serverDate() : clock.instant();
            Duration untilReset;
            try {
                untilReset = Duration.between(now, rl.reset());
            } catch (ArithmeticException | java.time.DateTimeException overflow) {
                untilReset = maxWait;
            }
            if (untilReset.isNegative()) {
                untilReset = Duration.ZERO;
            }
            // saturate before any millisecond arithmetic: a garbage Reset must not overflow a long
            Duration base = min(untilReset, maxWait).plus(RESET_MARGIN);
            long jitter = (long) (base.toMillis() * 0.1 * random.getAsDouble());
            return min(base.plusMillis(jitter), maxWait);
        }
        return backoff(RESET_MARGIN, maxWait, attempt);
    }

    /** {@code base * 2^(attempt-1)}, capped, with "equal jitter": between half and all of it. */
    private Duration backoff(Duration base, Duration cap, int attempt) {
        long exp = base.toMillis() << Math.min(attempt - 1, 20);
        long ceiling = Math.min(exp, min(cap, maxWait).toMillis());
        long half = ceiling / 2;
        return Duration.ofMillis(half + (long) ((ceiling - half) * random.getAsDouble()));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}

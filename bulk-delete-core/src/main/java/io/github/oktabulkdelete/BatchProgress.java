package io.github.oktabulkdelete;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A snapshot of a running batch, from {@link RunningBatch#progress()}: how many logins were read and finished (per
 * kind), the HTTP requests made, the rate, an estimate of the time left when the number of logins is known, and what
 * the workers wait for now.
 *
 * <p>Immutable and thread-safe. A snapshot is consistent: {@link #finished()} is the sum of {@link #counts()}, and
 * {@link #loginsRead()} is at least {@link #finished()}. Rates and the estimate are measured by the deleter's clock
 * from the start of the batch.
 *
 * <pre>{@code
 * BatchProgress p = batch.progress();
 * System.err.printf("%d/%s done, %d deleted, %.0f/min, ETA %s%n", p.finished(),
 *         p.total().isPresent() ? p.total().getAsLong() : "?", p.counts().deleted(), p.loginsPerMinute(),
 *         p.eta().map(Duration::toString).orElse("?"));
 * p.waitingFor().ifPresent(w -> System.err.println("waiting for " + w.reason() + " of " + w.bucket()
 *         + " until " + w.until()));
 * }</pre>
 *
 * @param loginsRead the logins read from the input so far
 * @param counts the finished logins per outcome kind
 * @param httpRequests the HTTP requests made so far, retries and the token-owner lookup included
 * @param totalLogins the number of logins of the input when known in advance (a {@link java.util.Collection}),
 *     else {@code -1}
 * @param elapsed the time since the batch started, by the deleter's clock
 * @param waits what the workers wait for now, one entry per waiting worker, the one ending last first
 * @param done whether the batch has ended (its {@link RunningBatch#result()} is complete or about to be)
 * @param stopCause why the batch stops or stopped early, or {@code null}
 */
public record BatchProgress(long loginsRead, OutcomeCounts counts, long httpRequests, long totalLogins,
        Duration elapsed, List<Wait> waits, boolean done, BatchStop stopCause) {

    /**
     * Checks and copies the components.
     *
     * @param loginsRead as {@link #loginsRead()}
     * @param counts as {@link #counts()}
     * @param httpRequests as {@link #httpRequests()}
     * @param totalLogins as {@link #totalLogins()}
     * @param elapsed as {@link #elapsed()}
     * @param waits as {@link #waits()}
     * @param done as {@link #done()}
     * @param stopCause as {@link #stopCause()}
     * @throws NullPointerException if {@code counts}, {@code elapsed} or {@code waits} is {@code null}
     */
    public BatchProgress {
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(elapsed, "elapsed");
        waits = Objects.requireNonNull(waits, "waits").stream()
                .sorted(Comparator.comparing(Wait::until, Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
    }

    /** @return the logins with an outcome: the sum of {@link #counts()} */
    public long finished() {
        return counts.total();
    }

    /** @return the logins read and not yet finished: those being worked on now */
    public long inFlight() {
        return Math.max(0, loginsRead - finished());
    }

    /** @return the number of input logins when it was known in advance, or empty */
    public OptionalLong total() {
        return totalLogins < 0 ? OptionalLong.empty() : OptionalLong.of(totalLogins);
    }

    /** @return logins finished per minute since the start; 0 before any time has passed */
    public double loginsPerMinute() {
        return perMinute(finished());
    }

    /** @return HTTP requests per minute since the start; 0 before any time has passed */
    public double requestsPerMinute() {
        return perMinute(httpRequests);
    }

    /**
     * The estimated time left, at the rate so far.
     *
     * @return the estimate, or empty when the total is unknown, nothing finished yet, or the batch is done
     */
    public Optional<Duration> eta() {
        double rate = loginsPerMinute();
        if (done || totalLogins < 0 || rate <= 0) {
            return Optional.empty();
        }
        long left = Math.max(0, totalLogins - finished());
        return Optional.of(Duration.ofMillis((long) Math.ceil(left / rate * 60_000)));
    }

    /** @return the wait that ends last (a rate-limit reset before an open-ended pacing wait), or empty */
    public Optional<Wait> waitingFor() {
        return waits.isEmpty() ? Optional.empty() : Optional.of(waits.get(0));
    }

    /** @return why the batch stops or stopped early, or empty */
    public Optional<BatchStop> stop() {
        return Optional.ofNullable(stopCause);
    }

    private double perMinute(long count) {
        long millis = elapsed.toMillis();
        return millis <= 0 ? 0 : count * 60_000.0 / millis;
    }

    /**
     * What one worker waits for now, and until when.
     *
     * <p>Immutable and thread-safe.
     *
     * <pre>{@code
     * batch.progress().waitingFor()
     *         .filter(w -> w.reason() == BatchProgress.WaitReason.RATE_LIMIT_RESET)
     *         .ifPresent(w -> System.err.println(w.bucket() + " resets at " + w.until()));
     * }</pre>
     *
     * @param reason why it waits
     * @param route the kind of request it waits to send: {@code lookup}, {@code search}, {@code deactivate},
     *     {@code delete}, {@code verify}, {@code groups}
     * @param bucket the rate-limit bucket the wait is for, such as {@code DELETE /api/v1/users/{id}}, or
     *     {@code null} when not known
     * @param until when the wait ends, by the deleter's clock, or {@code null} when not known in advance (pacing)
     */
    public record Wait(WaitReason reason, String route, String bucket, Instant until) {

        /**
         * Checks the components.
         *
         * @param reason as {@link #reason()}
         * @param route as {@link #route()}
         * @param bucket as {@link #bucket()}
         * @param until as {@link #until()}
         * @throws NullPointerException if {@code reason} or {@code route} is {@code null}
         */
        public Wait {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(route, "route");
        }
    }

    /** Why a worker waits. */
    public enum WaitReason {
        /** For the pacer (the rate limiter, or the adaptive pacer's spread of a bucket's budget). */
        PACING,
        /** Okta answered 429: until the bucket's {@code X-Rate-Limit-Reset}. */
        RATE_LIMIT_RESET,
        /** Okta answered a concurrency 429: a short back-off. */
        CONCURRENCY_LIMIT,
        /** A 5xx or a transport failure: a back-off before the retry. */
        RETRY_BACKOFF
    }
}

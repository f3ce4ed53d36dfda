package io.github.oktabulkdelete.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A failure a {@link FakeOktaOrg} injects into a request, planned with {@link FakeOktaOrg#failNext} or
 * {@link FakeOktaOrg#failRandomly}.
 *
 * <p>Faults apply before the request is handled normally (before authentication and the rate limit), except
 * {@link #afterChange(int)}, which lets the request make its change and then answers an error, and
 * {@link #delay(Duration)} and {@link #headers(Map)}, which answer normally. Every answered fault carries the
 * usual {@code Date} and {@code X-Rate-Limit-*} headers; faults that answer an error do not consume rate-limit
 * budget. A request that got a fault is counted with the status it got, 0 for {@link #dropConnection()}.
 *
 * <p>Immutable and thread-safe; one instance may be planned many times.
 *
 * <pre>{@code
 * org.failNext(Route.DELETE_USER, 2, Fault.status(503));              // two 503 E0000009
 * org.failNext(Route.DELETE_USER, 1, Fault.afterChange(504));         // deletes, then answers 504
 * org.failNext(Route.GET_USER, 1, Fault.rateLimited(Duration.ofSeconds(30)));
 * org.failNext(Route.GET_USER, 1, Fault.headers(Map.of("X-Rate-Limit-Reset", List.of("1", "2"))));
 * }</pre>
 */
public final class Fault {

    /** What a fault does. */
    enum Kind { STATUS, DROP_CONNECTION, AFTER_CHANGE, RATE_LIMITED, CONCURRENCY_LIMITED, DELAY, HEADERS, NOT_OKTA,
        REACTIVATE_FIRST, HOLD, HOLD_AFTER_CHANGE }

    /** The latch a {@link #holdUntil} fault waits for, else {@code null}. */
    private java.util.concurrent.CountDownLatch latch;
    /** Counted down once a {@link #holdAnswerUntil} fault made its change, else {@code null}. */
    private java.util.concurrent.CountDownLatch changed;

    private final Kind kind;
    private final int httpStatus;
    private final String errorCode;
    private final String errorSummary;
    private final Duration duration;
    private final Map<String, List<String>> headers;

    private Fault(Kind kind, int httpStatus, String errorCode, String errorSummary, Duration duration,
            Map<String, List<String>> headers) {
        this.kind = kind;
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.errorSummary = errorSummary;
        this.duration = duration;
        this.headers = headers;
    }

    /**
     * Answers an HTTP error with Okta's error code for it (401 E0000011, 403 E0000006, 404 E0000007,
     * 405 E0000022, 410 E0000156, 429 E0000047, other 4xx E0000001, 5xx E0000009), without handling the request.
     *
     * <pre>{@code
     * org.failNext(Route.DELETE_USER, 1, Fault.status(503));
     * }</pre>
     *
     * @param httpStatus an error status, 400 to 599
     * @return the fault
     * @throws IllegalArgumentException if {@code httpStatus} is not between 400 and 599
     */
    public static Fault status(int httpStatus) {
        checkErrorStatus(httpStatus);
        return new Fault(Kind.STATUS, httpStatus, OktaErrors.defaultCode(httpStatus),
                OktaErrors.defaultSummary(httpStatus), null, null);
    }

    /**
     * Answers an HTTP error with the given Okta error code and summary, without handling the request.
     *
     * <pre>{@code
     * org.failNext(Route.DELETE_USER, 1, Fault.status(403, "E0000038", "This operation is not allowed in the user's current status."));
     * }</pre>
     *
     * @param httpStatus an error status, 400 to 599
     * @param errorCode the {@code errorCode} of the body, for example {@code E0000038}
     * @param errorSummary the {@code errorSummary} of the body
     * @return the fault
     * @throws NullPointerException if {@code errorCode} or {@code errorSummary} is {@code null}
     * @throws IllegalArgumentException if {@code httpStatus} is not between 400 and 599
     */
    public static Fault status(int httpStatus, String errorCode, String errorSummary) {
        checkErrorStatus(httpStatus);
        Objects.requireNonNull(errorCode, "errorCode");
        Objects.requireNonNull(errorSummary, "errorSummary");
        return new Fault(Kind.STATUS, httpStatus, errorCode, errorSummary, null, null);
    }

    /**
     * Closes the connection without sending a byte: the client sees an {@code IOException} (Apache HttpClient: a
     * {@code NoHttpResponseException}). The request is not handled. Note that HTTP clients may retry an idempotent
     * request (GET, DELETE) on their own after this.
     *
     * <pre>{@code
     * org.failNext(Route.DEACTIVATE_USER, 1, Fault.dropConnection());
     * }</pre>
     *
     * @return the fault
     */
    public static Fault dropConnection() {
        return new Fault(Kind.DROP_CONNECTION, 0, null, null, null, null);
    }

    /**
     * Handles the request normally (so a deactivation or deletion really happens, if it would have), then answers
     * the given error status with Okta's error code for it instead of the normal answer: "the request failed
     * after the change was made".
     *
     * <pre>{@code
     * org.failNext(Route.DELETE_USER, 1, Fault.afterChange(503));
     * }</pre>
     *
     * @param httpStatus an error status, 400 to 599
     * @return the fault
     * @throws IllegalArgumentException if {@code httpStatus} is not between 400 and 599
     */
    public static Fault afterChange(int httpStatus) {
        checkErrorStatus(httpStatus);
        return new Fault(Kind.AFTER_CHANGE, httpStatus, OktaErrors.defaultCode(httpStatus),
                OktaErrors.defaultSummary(httpStatus), null, null);
    }

    /**
     * Answers a rate-limit 429 ({@code E0000047}) with {@code X-Rate-Limit-Limit} the limit of the route's bucket,
     * {@code X-Rate-Limit-Remaining} 0 and {@code X-Rate-Limit-Reset} {@code now + resetIn} (rounded up to the
     * second), without handling the request or touching the bucket.
     *
     * <pre>{@code
     * org.failNext(Route.DELETE_USER, 1, Fault.rateLimited(Duration.ofSeconds(30)));
     * org.failNext(Route.DELETE_USER, 1, Fault.rateLimited(Duration.ofSeconds(-5))); // a Reset in the past
     * }</pre>
     *
     * @param resetIn how far after the clock's now the Reset header points; may be zero or negative
     * @return the fault
     * @throws NullPointerException if {@code resetIn} is {@code null}
     */
    public static Fault rateLimited(Duration resetIn) {
        Objects.requireNonNull(resetIn, "resetIn");
        return new Fault(Kind.RATE_LIMITED, 429, OktaErrors.RATE_LIMITED, OktaErrors.RATE_LIMITED_SUMMARY,
                resetIn, null);
    }

    /**
     * Answers a concurrency-limit 429 ({@code E0000047}, {@code X-Rate-Limit-Limit} 0, {@code Remaining} 0,
     * {@code Reset} now + 60 s), as when the org has too many requests in flight.
     *
     * <pre>{@code
     * org.failNext(null, 3, Fault.concurrencyLimited());
     * }</pre>
     *
     * @return the fault
     */
    public static Fault concurrencyLimited() {
        return new Fault(Kind.CONCURRENCY_LIMITED, 429, OktaErrors.RATE_LIMITED, OktaErrors.RATE_LIMITED_SUMMARY,
                null, null);
    }

    /**
     * Waits for real on the server thread, then handles the request normally: for client timeout tests only.
     *
     * <pre>{@code
     * org.failNext(Route.GET_USER, 1, Fault.delay(Duration.ofSeconds(2))); // with a 500 ms client timeout
     * }</pre>
     *
     * @param delay how long, zero or positive
     * @return the fault
     * @throws NullPointerException if {@code delay} is {@code null}
     * @throws IllegalArgumentException if {@code delay} is negative
     */
    public static Fault delay(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
        return new Fault(Kind.DELAY, 0, null, null, delay, null);
    }

    /**
     * Handles the request normally, but sends these headers instead of the {@code X-Rate-Limit-*} headers: every
     * {@code X-Rate-Limit-*} header of the normal answer is dropped, and each entry is sent with the name spelled as
     * given, once per value, in order (an entry with another name replaces that header). Use it for duplicate,
     * missing, odd-case or garbage rate-limit headers.
     *
     * <pre>{@code
     * org.failNext(Route.DELETE_USER, 1, Fault.headers(Map.of(
     *         "x-rate-limit-limit", List.of("600"),
     *         "X-Rate-Limit-Remaining", List.of("0"),
     *         "X-Rate-Limit-Reset", List.of("not-a-number", "1700000000"))));
     * }</pre>
     *
     * @param headers header names to values; an empty map sends no rate-limit headers at all
     * @return the fault
     * @throws NullPointerException if {@code headers}, a name, a list or a value is {@code null}
     * @throws IllegalArgumentException if a name is empty or holds a colon, white space or a control character,
     *         or a value holds CR or LF
     */
    public static Fault headers(Map<String, List<String>> headers) {
        Objects.requireNonNull(headers, "headers");
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            Objects.requireNonNull(name, "header name");
            Objects.requireNonNull(values, "header values");
            if (name.isEmpty() || name.chars().anyMatch(c -> c <= ' ' || c == ':' || c >= 127)) {
                throw new IllegalArgumentException("invalid header name: " + name);
            }
            for (String value : values) {
                Objects.requireNonNull(value, "header value");
                if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                    throw new IllegalArgumentException("header value of " + name + " holds CR or LF");
                }
            }
            copy.put(name, List.copyOf(values));
        });
        return new Fault(Kind.HEADERS, 0, null, null, null, Collections.unmodifiableMap(copy));
    }

    /**
     * Answers 404 with an HTML page instead of Okta's error body, as a proxy or a wrong org URL path does, without
     * handling the request: a 404 that does not say "no such user".
     *
     * <pre>{@code
     * org.failNext(Route.GET_USER, 1, Fault.notOkta404());
     * }</pre>
     *
     * @return the fault
     */
    public static Fault notOkta404() {
        return new Fault(Kind.NOT_OKTA, 404, null, null, null, null);
    }

    /**
     * Before handling the request, reactivates (sets {@code ACTIVE}) the user its path names, as another admin would
     * between this client's deactivate and its delete: a DELETE then only deactivates the user and answers 204, as
     * Okta's does.
     *
     * <pre>{@code
     * org.failNext(Route.DELETE_USER, 1, Fault.reactivateFirst());
     * }</pre>
     *
     * @return the fault
     */
    public static Fault reactivateFirst() {
        return new Fault(Kind.REACTIVATE_FIRST, 0, null, null, null, null);
    }

    /**
     * Holds the request on the server thread, before handling it, until the latch opens (30 seconds at most), then
     * handles it normally: keeps a worker "in flight" at a known point while a test acts.
     *
     * <pre>{@code
     * CountDownLatch go = new CountDownLatch(1);
     * org.failForUser("b@corp.example", Route.GET_USER, Fault.holdUntil(go));
     * }</pre>
     *
     * @param latch what to wait for
     * @return the fault
     * @throws NullPointerException if {@code latch} is {@code null}
     */
    public static Fault holdUntil(java.util.concurrent.CountDownLatch latch) {
        Fault fault = new Fault(Kind.HOLD, 0, null, null, null, null);
        fault.latch = Objects.requireNonNull(latch, "latch");
        return fault;
    }

    /**
     * Makes the change (a deactivate or a DELETE is done in the org), counts down {@code changed}, then holds the
     * answer until {@code release} is counted down (at most 30 s): a process killed meanwhile never learns that its
     * change was made.
     *
     * <pre>{@code
     * CountDownLatch deleted = new CountDownLatch(1);
     * org.failNext(Route.DELETE_USER, 1, Fault.holdAnswerUntil(deleted, new CountDownLatch(1)));
     * deleted.await(); // the user is gone; its DELETE has no answer yet
     * }</pre>
     *
     * @param changed counted down once the change is made
     * @param release what to wait for before answering
     * @return the fault
     * @throws NullPointerException if a latch is {@code null}
     */
    public static Fault holdAnswerUntil(java.util.concurrent.CountDownLatch changed,
            java.util.concurrent.CountDownLatch release) {
        Fault fault = new Fault(Kind.HOLD_AFTER_CHANGE, 0, null, null, null, null);
        fault.changed = Objects.requireNonNull(changed, "changed");
        fault.latch = Objects.requireNonNull(release, "release");
        return fault;
    }

    java.util.concurrent.CountDownLatch changed() {
        return changed;
    }

    java.util.concurrent.CountDownLatch latch() {
        return latch;
    }

    Kind kind() {
        return kind;
    }

    int httpStatus() {
        return httpStatus;
    }

    String errorCode() {
        return errorCode;
    }

    String errorSummary() {
        return errorSummary;
    }

    Duration duration() {
        return duration;
    }

    Map<String, List<String>> headers() {
        return headers;
    }

    /**
     * Describes the fault.
     *
     * @return for example {@code Fault.status(503, E0000009)}
     */
    @Override
    public String toString() {
        switch (kind) {
            case STATUS: return "Fault.status(" + httpStatus + ", " + errorCode + ")";
            case DROP_CONNECTION: return "Fault.dropConnection()";
            case AFTER_CHANGE: return "Fault.afterChange(" + httpStatus + ")";
            case RATE_LIMITED: return "Fault.rateLimited(" + duration + ")";
            case CONCURRENCY_LIMITED: return "Fault.concurrencyLimited()";
            case DELAY: return "Fault.delay(" + duration + ")";
            case HEADERS: return "Fault.headers(" + new ArrayList<>(headers.keySet()) + ")";
            case NOT_OKTA: return "Fault.notOkta404()";
            case REACTIVATE_FIRST: return "Fault.reactivateFirst()";
            case HOLD: return "Fault.holdUntil(latch)";
            case HOLD_AFTER_CHANGE: return "Fault.holdAnswerUntil(changed, release)";
            default: throw new AssertionError(kind);
        }
    }

    private static void checkErrorStatus(int httpStatus) {
        if (httpStatus < 400 || httpStatus > 599) {
            throw new IllegalArgumentException("httpStatus must be an error status (400 to 599): " + httpStatus);
        }
    }
}

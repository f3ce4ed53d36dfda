package io.github.oktabulkdelete.cli;

import io.github.oktabulkdelete.BulkUserDeleter;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The pace options: how fast and how many at once, and {@code --no-verify}; they configure the deleter of each pass
 * and the size of the client's connection pool.
 *
 * <p>By default the pace is adaptive: the library's own default on the CLI's tuned client, which reads the org's
 * limits from the {@code X-Rate-Limit-*} headers of every answer and keeps the requests in flight at what rate and
 * latency call for, up to the library's default of 50. {@code --requests-per-minute N} alone is a hard cap on top
 * of it; {@code --max-share} leaves part of each bucket to other clients; {@code --fixed-rate} returns to a fixed,
 * evenly spaced pace of {@code --requests-per-minute} (default 240). {@code --adaptive} is accepted and changes
 * nothing (it was needed before adaptive pacing became the default).
 *
 * <p>Filled by picocli, then read by one thread; not thread-safe.
 *
 * <pre>{@code
 * pace.validate();
 * connection.connect(options, OktaConnection.scopesFor(execute, false), pace.poolSize());
 * pace.applyTo(BulkUserDeleter.builder(client));
 * }</pre>
 */
final class PaceOptions {

    /** The fixed pace of {@code --fixed-rate}: 240 requests a minute, under a Workforce token's 300 DELETE. */
    static final int DEFAULT_FIXED_REQUESTS_PER_MINUTE = 240;
    /**
     * The library's default most requests in flight, and the connection pool of its tuned client: the CLI passes
     * no {@code maxConcurrency} unless {@code --concurrency} is given, so this is what applies, and the pool is never
     * smaller.
     */
    static final int LIBRARY_DEFAULT_CONCURRENCY = 50;
    /** Okta's concurrent-request limit per org. */
    static final int MAX_CONCURRENCY = 75;

    @Option(names = "--requests-per-minute", paramLabel = "N",
            description = "At most N requests a minute, all kinds together, evenly spaced: a hard cap on top of"
                    + " the adaptive pace (no cap by default: the org's own limits, read from its answers, are"
                    + " the pace). With --fixed-rate it is the pace itself (default: 240, under the 300 DELETE"
                    + " a minute a token may use of a Workforce org's 600 by default).")
    Integer requestsPerMinute;

    @Option(names = "--concurrency", paramLabel = "N",
            description = "At most N requests in flight, 1 to 75 (default: the library's 50; the requests in"
                    + " flight follow the org's rate x latency up to it, about 40 on a large org). Okta allows"
                    + " 75 at once per org, shared with every other client of the org.")
    Integer concurrency;

    @Option(names = "--no-verify",
            description = "Do not check with a GET by id that each deleted user is gone. Okta's DELETE answers"
                    + " 204 also when it only deactivated a user (reactivated by someone else during the run);"
                    + " without the check such a user is reported deleted although it still exists. Saves one"
                    + " request per user.")
    boolean noVerify;

    @Option(names = "--fixed-rate",
            description = "Pace at a fixed rate, --requests-per-minute (default: 240), instead of by the org's"
                    + " rate limits. Predictable, and slower than the org allows on most orgs.")
    boolean fixedRate;

    @Option(names = "--adaptive",
            description = "The default: pace by the org's own rate limits, read from the X-Rate-Limit headers of"
                    + " every answer; each bucket's budget is spread over its window, without 429s. Accepted"
                    + " for older scripts; it changes nothing.")
    boolean adaptive;

    @Option(names = "--max-share", paramLabel = "SHARE",
            description = "The share of each rate-limit bucket this run may use, more than 0 and at most 1"
                    + " (default: 1, all that Okta lets the token use; 0.8 leaves 20%% of it to other clients of"
                    + " the same token). Not with --fixed-rate.")
    Double maxShare;

    /**
     * Checks the ranges and combinations.
     *
     * @throws ExitException (usage) naming the option and the allowed values
     */
    void validate() {
        if (requestsPerMinute != null && (requestsPerMinute < 1 || requestsPerMinute > 1_000_000)) {
            throw ExitException.usage("--requests-per-minute must be from 1 to 1000000, was " + requestsPerMinute);
        }
        if (concurrency != null && (concurrency < 1 || concurrency > MAX_CONCURRENCY)) {
            throw ExitException.usage("--concurrency must be from 1 to 75 (Okta's limit per org), was "
                    + concurrency);
        }
        if (fixedRate && adaptive) {
            throw ExitException.usage("--fixed-rate and --adaptive contradict each other; adaptive pacing is the"
                    + " default: drop --adaptive for a fixed rate, or --fixed-rate for the adaptive pace");
        }
        if (fixedRate && maxShare != null) {
            throw ExitException.usage("--max-share applies to the adaptive pace only (the default); with"
                    + " --fixed-rate, set the rate with --requests-per-minute instead");
        }
        if (maxShare != null && !(maxShare > 0 && maxShare <= 1)) {
            throw ExitException.usage("--max-share must be more than 0 and at most 1 (0.8 = 80% of each bucket),"
                    + " was " + maxShare);
        }
    }

    /** @return the fixed rate of {@code --fixed-rate}: {@code --requests-per-minute} or 240 */
    private int fixedRequestsPerMinute() {
        return requestsPerMinute == null ? DEFAULT_FIXED_REQUESTS_PER_MINUTE : requestsPerMinute;
    }

    /** @return the most requests in flight: {@code --concurrency}, or the library's default */
    int concurrency() {
        return concurrency == null ? LIBRARY_DEFAULT_CONCURRENCY : concurrency;
    }

    /**
     * @return the client's connection pool: never smaller than the concurrency (a pool caps it), nor than the
     *     library's default
     */
    int poolSize() {
        return Math.max(LIBRARY_DEFAULT_CONCURRENCY, concurrency());
    }

    /** Sets the deleter's pace, concurrency and verification. */
    BulkUserDeleter.Builder applyTo(BulkUserDeleter.Builder builder) {
        builder.verifyDeletions(!noVerify);
        if (concurrency != null) {
            builder.maxConcurrency(concurrency);
        }
        if (fixedRate) {
            builder.adaptivePacing(false).requestsPerMinute(fixedRequestsPerMinute());
            return builder;
        }
        builder.adaptivePacing(true); // the library's default on the CLI's tuned client; said here for the reader
        if (maxShare != null) {
            builder.maxShareOfLimit(maxShare);
        }
        if (requestsPerMinute != null) {
            builder.requestsPerMinute(requestsPerMinute); // a hard cap on top of the learned limits
        }
        return builder;
    }

    /** @return the pace, for the line printed before a run */
    String describe() {
        String inFlight = "at most " + concurrency() + " at a time" + (concurrency == null ? " (the default)" : "");
        if (fixedRate) {
            return "fixed, " + fixedRequestsPerMinute() + " requests a minute evenly spaced, " + inFlight;
        }
        return "adaptive, by the rate limits in the org's X-Rate-Limit headers"
                + (maxShare == null ? "" : String.format(Locale.ROOT, ", up to %.0f%% of each bucket",
                maxShare * 100))
                + (requestsPerMinute == null ? "" : ", at most " + requestsPerMinute + " requests a minute")
                + ", " + inFlight;
    }

    /** Adds the pace to the journal's run record. */
    void describeIn(Map<String, String> options) {
        options.put("pace", fixedRate ? "fixed" : "adaptive");
        if (fixedRate || requestsPerMinute != null) {
            options.put("requestsPerMinute", Integer.toString(fixedRate ? fixedRequestsPerMinute()
                    : requestsPerMinute));
        }
        if (maxShare != null) {
            options.put("maxShare", Double.toString(maxShare));
        }
        options.put("concurrency", Integer.toString(concurrency()));
    }
}

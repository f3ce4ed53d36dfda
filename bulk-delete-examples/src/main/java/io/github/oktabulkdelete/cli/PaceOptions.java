package io.github.oktabulkdelete.cli;

import io.github.oktabulkdelete.BulkUserDeleter;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The pace options: how fast and how many at once ({@code --requests-per-minute}, {@code --concurrency},
 * {@code --adaptive}, {@code --max-share}), and {@code --no-verify}; they configure the deleter of each pass.
 *
 * <p>Filled by picocli, then read by one thread; not thread-safe.
 *
 * <pre>{@code
 * pace.validate();
 * pace.applyTo(BulkUserDeleter.builder(client));
 * }</pre>
 */
final class PaceOptions {

    /** Default pace: 240 requests a minute, under the default 50% token share of a 600/min Workforce bucket. */
    static final int DEFAULT_REQUESTS_PER_MINUTE = 240;
    /** Default concurrency: 4 requests in flight, far under Okta's 75 per org. */
    static final int DEFAULT_CONCURRENCY = 4;

    @Option(names = "--requests-per-minute", paramLabel = "N",
            description = "At most N requests a minute, all kinds together, evenly spaced (default: 240). A"
                    + " token may use 50%% of each rate-limit bucket by default, 300 of the 600 DELETE a minute"
                    + " of a Workforce org; 240 stays under it with room for other clients. Each user takes 2 to"
                    + " 3 requests. Raise it only if your token's share is higher; 429 answers are waited out and"
                    + " retried anyway. With --adaptive: no limit unless given, and then a hard cap.")
    Integer requestsPerMinute;

    @Option(names = "--concurrency", paramLabel = "N",
            description = "At most N requests in flight (default: ${DEFAULT-VALUE}; 1 to 75). Okta allows 75 at"
                    + " once per org, shared with every other client of the org.")
    int concurrency = DEFAULT_CONCURRENCY;

    @Option(names = "--no-verify",
            description = "Do not check with a GET by id that each deleted user is gone. Okta's DELETE answers"
                    + " 204 also when it only deactivated a user (reactivated by someone else during the run);"
                    + " without the check such a user is reported deleted although it still exists. Saves one"
                    + " request per user.")
    boolean noVerify;

    @Option(names = "--adaptive",
            description = "Pace by the org's own rate limits, read from the X-Rate-Limit headers of every"
                    + " answer, instead of a fixed rate: each bucket's budget is spread over its window, and"
                    + " requests in flight follow rate x latency (never above --concurrency). Faster on large"
                    + " orgs, without 429s; the fixed rate stays the default because it is predictable.")
    boolean adaptive;

    @Option(names = "--max-share", paramLabel = "SHARE",
            description = "With --adaptive: the share of each rate-limit bucket this run may use, more than 0"
                    + " and at most 1 (default: 1, all that Okta lets the token use; 0.8 leaves 20%% of it to"
                    + " other clients of the same token).")
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
        if (concurrency < 1 || concurrency > 75) {
            throw ExitException.usage("--concurrency must be from 1 to 75 (Okta's limit per org), was "
                    + concurrency);
        }
        if (maxShare != null && !adaptive) {
            throw ExitException.usage("--max-share applies to --adaptive pacing only; add --adaptive, or use"
                    + " --requests-per-minute for a fixed rate");
        }
        if (maxShare != null && !(maxShare > 0 && maxShare <= 1)) {
            throw ExitException.usage("--max-share must be more than 0 and at most 1 (0.8 = 80% of each bucket),"
                    + " was " + maxShare);
        }
    }

    /** @return the fixed rate: {@code --requests-per-minute} or the default */
    int requestsPerMinute() {
        return requestsPerMinute == null ? DEFAULT_REQUESTS_PER_MINUTE : requestsPerMinute;
    }

    /** Sets the deleter's pace, concurrency and verification. */
    BulkUserDeleter.Builder applyTo(BulkUserDeleter.Builder builder) {
        builder.maxConcurrency(concurrency).verifyDeletions(!noVerify);
        if (adaptive) {
            builder.adaptivePacing(true);
            if (maxShare != null) {
                builder.maxShareOfLimit(maxShare);
            }
            if (requestsPerMinute != null) {
                builder.requestsPerMinute(requestsPerMinute); // a hard cap on top of the learned limits
            }
        } else {
            builder.adaptivePacing(false);
            builder.requestsPerMinute(requestsPerMinute());
        }
        return builder;
    }

    /** @return the pace, for the line printed before a run */
    String describe() {
        if (adaptive) {
            return "adaptive, by the rate limits in the org's X-Rate-Limit headers"
                    + (maxShare == null ? "" : String.format(Locale.ROOT, ", up to %.0f%% of each bucket",
                    maxShare * 100))
                    + (requestsPerMinute == null ? "" : ", at most " + requestsPerMinute
                    + " requests a minute") + ", at most " + concurrency + " at a time";
        }
        return "at most " + requestsPerMinute() + " requests a minute, " + concurrency + " at a time";
    }

    /** Adds the pace to the journal's run record. */
    void describeIn(Map<String, String> options) {
        options.put("pace", adaptive ? "adaptive" : "fixed");
        if (!adaptive || requestsPerMinute != null) {
            options.put("requestsPerMinute", Integer.toString(requestsPerMinute()));
        }
        if (maxShare != null) {
            options.put("maxShare", Double.toString(maxShare));
        }
        options.put("concurrency", Integer.toString(concurrency));
    }
}

package io.github.oktabulkdelete.internal;

import io.github.oktabulkdelete.RateLimitStatus;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads Okta's {@code X-Rate-Limit-*} and {@code Date} headers, whatever their case, tolerating duplicates and
 * garbage: an unreadable value is treated as absent.
 */
public final class RateLimitHeaders {

    static final String LIMIT = "X-Rate-Limit-Limit";
    static final String REMAINING = "X-Rate-Limit-Remaining";
    static final String RESET = "X-Rate-Limit-Reset";
    static final String DATE = "Date";

    /** Resets further away than this are garbage (Okta's windows are about a minute; estimates reach minutes). */
    private static final long MAX_RESET_AHEAD_SECONDS = 24 * 3600;
    /** Resets after the year 9999 are garbage (and some do not fit an {@link Instant}). */
    private static final long MAX_EPOCH_SECOND = 253_402_300_799L;

    private RateLimitHeaders() {
    }

    /**
     * Parses the headers, or returns {@code null} when none of the rate-limit headers is present.
     *
     * @param values the values of a header, by name, looked up case-insensitively; empty list when absent
     */
    public static RateLimitStatus parse(String bucket, int httpStatus, Function<String, List<String>> values) {
        List<String> limit = values.apply(LIMIT);
        List<String> remaining = values.apply(REMAINING);
        List<String> reset = values.apply(RESET);
        if (limit.isEmpty() && remaining.isEmpty() && reset.isEmpty()) {
            return null;
        }
        Instant date = parseDate(values.apply(DATE));
        return new RateLimitStatus(bucket, httpStatus, firstNumber(limit), firstNumber(remaining),
                parseReset(reset, date), date);
    }

    /** Parses a header map keyed as the server spelled the names (the SDK's {@code ApiException} headers). */
    public static RateLimitStatus parse(String bucket, int httpStatus, Map<String, List<String>> headers) {
        if (headers == null || headers.isEmpty()) {
            return null;
        }
        return parse(bucket, httpStatus, name -> valuesIgnoringCase(headers, name));
    }

    static List<String> valuesIgnoringCase(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && e.getValue() != null) {
                return e.getValue();
            }
        }
        return List.of();
    }

    private static long firstNumber(List<String> values) {
        for (String v : values) {
            long n = parseNonNegative(v);
            if (n >= 0) {
                return n;
            }
        }
        return -1;
    }

    /** The latest readable reset, ignoring values before the response's date or absurdly far after it. */
    private static Instant parseReset(List<String> values, Instant date) {
        Instant best = null;
        for (String raw : values) {
            for (String v : raw.split(",")) {
                long seconds = parseNonNegative(v);
                if (seconds <= 0 || seconds > MAX_EPOCH_SECOND) {
                    continue; // garbage, or beyond what an Instant holds
                }
                Instant reset = Instant.ofEpochSecond(seconds);
                if (date != null && (reset.isBefore(date.minusSeconds(1))
                        || reset.isAfter(date.plusSeconds(MAX_RESET_AHEAD_SECONDS)))) {
                    continue;
                }
                if (best == null || reset.isAfter(best)) {
                    best = reset;
                }
            }
        }
        return best;
    }

    private static Instant parseDate(List<String> values) {
        for (String v : values) {
            try {
                return ZonedDateTime.parse(v.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeException e) {
                // try the next one
            }
        }
        return null;
    }

    private static long parseNonNegative(String value) {
        if (value == null) {
            return -1;
        }
        String v = value.trim();
        if (v.isEmpty() || v.length() > 18) {
            return -1;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
        }
        return Long.parseLong(v);
    }

    /** The bucket name of a request: its method and path template, such as {@code DELETE /api/v1/users/{id}}. */
    public static String bucketOf(String method, String path) {
        String p = path == null ? "" : path;
        int query = p.indexOf('?');
        if (query >= 0) {
            p = p.substring(0, query);
        }
        String m = method == null ? "?" : method.toUpperCase(Locale.ROOT);
        String prefix = "/api/v1/users";
        if (p.equals(prefix) || p.equals(prefix + "/")) {
            return m + " /api/v1/users";
        }
        if (p.startsWith(prefix + "/")) {
            String rest = p.substring(prefix.length() + 1);
            int slash = rest.indexOf('/');
            if (slash < 0) {
                return m + " /api/v1/users/{id}";
            }
            return m + " /api/v1/users/{id}" + rest.substring(slash);
        }
        return m + " " + p;
    }
}

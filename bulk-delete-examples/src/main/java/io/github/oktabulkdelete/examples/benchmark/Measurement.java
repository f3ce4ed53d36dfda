package io.github.oktabulkdelete.examples.benchmark;

import java.util.Locale;

/**
 * The figures of one variant in one scenario, with rates in users per Okta minute (real minutes times the time
 * scale).
 *
 * @param scenario the scenario's name
 * @param variant the variant's name
 * @param users users the variant was asked to delete
 * @param deleted users actually gone from the fake org afterwards
 * @param failed users left behind in the org (what the variant reported is in the note)
 * @param seconds real seconds of the measured part
 * @param checkSeconds real seconds of the CLI's check pass (see {@link Variant.Run#checkSeconds()}), or NaN
 * @param usersPerOktaMinute deleted users per Okta minute
 * @param ceiling the scenario's ceiling, users per Okta minute
 * @param requests HTTP requests the fake org received in the measured part
 * @param getUserRequests of which {@code GET /api/v1/users/{idOrLogin}} (lookups, verifications, {@code me})
 * @param tooManyRequests of which answered 429
 * @param maxInFlight the most requests the fake org had in flight at once
 * @param peakHeapMb the peak heap used during the variant, in MiB
 * @param note what the variant said, such as a non-zero exit status; empty for nothing
 */
public record Measurement(String scenario, String variant, int users, int deleted, int failed, double seconds,
        double checkSeconds, double usersPerOktaMinute, double ceiling, int requests, int getUserRequests,
        int tooManyRequests, int maxInFlight, double peakHeapMb, String note) {

    static final String CSV_HEADER = "scenario,variant,users,deleted,failed,seconds,check_seconds,"
            + "users_per_okta_minute,ceiling_users_per_okta_minute,percent_of_ceiling,requests,requests_per_user,"
            + "get_user_requests,http_429,percent_429,max_in_flight,peak_heap_mb,note";

    /** @return the rate over the ceiling, in percent */
    double percentOfCeiling() {
        return 100.0 * usersPerOktaMinute / ceiling;
    }

    /** @return the share of requests answered 429, in percent */
    double percent429() {
        return requests == 0 ? 0 : 100.0 * tooManyRequests / requests;
    }

    String toCsv() {
        return String.format(Locale.ROOT, "%s,%s,%d,%d,%d,%.1f,%s,%.1f,%.1f,%.1f,%d,%.2f,%d,%d,%.2f,%d,%.1f,%s",
                quoted(scenario), quoted(variant), users, deleted, failed, seconds,
                Double.isNaN(checkSeconds) ? "" : String.format(Locale.ROOT, "%.1f", checkSeconds),
                usersPerOktaMinute, ceiling, percentOfCeiling(), requests, users == 0 ? 0.0 : (double) requests / users,
                getUserRequests, tooManyRequests, percent429(), maxInFlight, peakHeapMb, quoted(note));
    }

    /** A CSV field: quoted when it holds a comma, a quote or a line break. */
    private static String quoted(String field) {
        return field.matches("(?s).*[,\"\r\n].*") ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
    }

    String toLine() {
        return String.format(Locale.ROOT, "  %-34s %5d/%-5d deleted %4d failed %7.1f s%s %8.1f users/min %6.1f%% of"
                        + " ceiling %6d requests (%.2f/user) %5d x 429 (%.2f%%) max %d in flight%s",
                variant, deleted, users, failed, seconds,
                Double.isNaN(checkSeconds) ? "" : String.format(Locale.ROOT, " (check %.1f s)", checkSeconds),
                usersPerOktaMinute, percentOfCeiling(), requests, users == 0 ? 0.0 : (double) requests / users,
                tooManyRequests, percent429(), maxInFlight, note.isEmpty() ? "" : "  [" + note + "]");
    }
}

package io.github.oktabulkdelete.examples.benchmark;

/**
 * The figures of one variant in one scenario, with rates in users per Okta minute (real minutes times the time
 * scale).
 *
 * @param scenario the scenario's name
 * @param variant the variant's name
 * @param users users the variant was asked to delete
 * @param deleted users actually gone from the fake org afterwards
 * @param failed users left behind or reported failed
 * @param seconds real seconds the variant took
 * @param usersPerOktaMinute deleted users per Okta minute
 * @param percentOfCeiling that rate over the scenario's ceiling, in percent
 * @param requests HTTP requests the fake org received
 * @param tooManyRequests of which answered 429
 * @param peakHeapMb the peak heap used during the variant, in MiB
 */
public record Measurement(String scenario, String variant, int users, int deleted, int failed, double seconds,
        double usersPerOktaMinute, double percentOfCeiling, int requests, int tooManyRequests, double peakHeapMb) {

    static final String CSV_HEADER = "scenario,variant,users,deleted,failed,seconds,users_per_okta_minute,"
            + "percent_of_ceiling,requests,http_429,percent_429,peak_heap_mb";

    /** @return the share of requests answered 429, in percent */
    double percent429() {
        return requests == 0 ? 0 : 100.0 * tooManyRequests / requests;
    }

    String toCsv() {
        return String.format(java.util.Locale.ROOT, "%s,%s,%d,%d,%d,%.1f,%.1f,%.1f,%d,%d,%.2f,%.1f", scenario,
                variant, users, deleted, failed, seconds, usersPerOktaMinute, percentOfCeiling, requests,
                tooManyRequests, percent429(), peakHeapMb);
    }
}

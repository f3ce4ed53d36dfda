package io.github.oktabulkdelete.examples.benchmark;

import java.time.Duration;

/**
 * An org to benchmark against, in Okta's own terms: per-minute limits of the lookup bucket
 * ({@code GET /api/v1/users/{id}}) and of the bucket deactivate and delete share
 * ({@code POST|PUT|DELETE /api/v1/users/{id}}), and the latency of one request.
 *
 * @param name a short name
 * @param description what it stands for
 * @param lookupsPerMinute the lookup bucket's limit
 * @param changesPerMinute the deactivate-and-delete bucket's limit
 * @param latency the server-side time of one request
 * @param users how many users the BulkUserDeleter variants delete: three windows' worth at the ceiling
 * @param loopUsers how many users the plain SDK loop and BulkUserDeleter at its default rate delete
 * @param postmanUsers how many users the Postman recipe deletes (it is slow: fewer keep the run short)
 */
public record Scenario(String name, String description, int lookupsPerMinute, int changesPerMinute,
        Duration latency, int users, int loopUsers, int postmanUsers) {

    /** Integrator Free: 100 per minute everywhere, 100 ms. */
    static final Scenario INTEGRATOR_FREE = new Scenario("integrator-free",
            "Integrator Free org: 100/min buckets, 100 ms latency", 100, 100, Duration.ofMillis(100), 150, 150, 60);
    /** Workforce, default token share: 300 changes and 1000 lookups per minute, 150 ms. */
    static final Scenario WORKFORCE = new Scenario("workforce-token-share",
            "Workforce org, default 50% token share: 300 DELETE/min, 1000 lookups/min, 150 ms latency",
            1000, 300, Duration.ofMillis(150), 450, 450, 60);
    /** A large org: 1200 changes per minute, 2000 lookups, 400 ms. */
    static final Scenario LARGE = new Scenario("large-org",
            "Large org: 1200 DELETE/min, 2000 lookups/min, 400 ms latency", 2000, 1200, Duration.ofMillis(400),
            1800, 150, 50);

    /**
     * The most users per minute any client can delete: every user needs one lookup and, being active, one
     * deactivate and one delete in the shared bucket.
     *
     * @return the ceiling in users per (Okta) minute
     */
    double ceilingUsersPerMinute() {
        return Math.min(lookupsPerMinute, changesPerMinute / 2.0);
    }
}

package io.github.oktabulkdelete.examples.benchmark;

import io.github.oktabulkdelete.testing.RateLimits;
import io.github.oktabulkdelete.testing.Route;
import java.util.Map;

/**
 * An org to benchmark against (issue 10, item 6): one of {@link RateLimits}' presets, in Okta's own time, with 20%
 * of the users already {@code DEPROVISIONED}.
 *
 * @param name a short name, for {@code --scenario}
 * @param description what it stands for
 * @param limits the org's buckets, limits, concurrency and latency, in Okta's time (scaled when run)
 * @param loopUsers how many users the plain SDK loop deletes (it is sequential: fewer keep the run short)
 * @param postmanUsers how many users the Postman recipe deletes (slower still)
 */
public record Scenario(String name, String description, RateLimits limits, int loopUsers, int postmanUsers) {

    /** The share of the users already deactivated: they need no deactivate. */
    static final double DEPROVISIONED_SHARE = 0.2;

    /**
     * The calls one user needs at most (issue 10, item 5), by route: a lookup at apply and a verifying GET by id
     * (2 in the GET bucket), a deactivate unless already {@code DEPROVISIONED} (0.8), one DELETE, and the listing of
     * the user's groups for the restorable record (1, in "the rest of /api/v1"; the CLI's {@code --execute} does it by
     * default). The token owner's {@code /users/me}, once per run, is negligible.
     */
    static final Map<Route, Double> CALLS_PER_USER = Map.of(Route.GET_USER, 2.0,
            Route.DEACTIVATE_USER, 1 - DEPROVISIONED_SHARE, Route.DELETE_USER, 1.0,
            Route.LIST_USER_GROUPS, 1.0);

    /** Integrator Free: three buckets of 100 a minute, 35 in flight, 100 ms. */
    static final Scenario INTEGRATOR_FREE = new Scenario("integrator-free",
            "Integrator Free: buckets of 100/min (lookups+list; DELETE+deactivate; rest), 35 in flight, 100 ms",
            RateLimits.integratorFree(), 100, 50);
    /** Workforce, default token share: GET user 1000, DELETE 300, deactivate 600, rest 600; 150 ms. */
    static final Scenario WORKFORCE = new Scenario("workforce-token-share",
            "Workforce token share: GET user 1000, DELETE 300, deactivate 600, rest 600 /min, 150 ms",
            RateLimits.workforceTokenShare(), 200, 50);
    /** A large org: GET user 4000, DELETE 1200, deactivate 1200, rest 1200; 400 ms. */
    static final Scenario LARGE = new Scenario("large-org",
            "Large org: GET user 4000, DELETE 1200, deactivate 1200, rest 1200 /min, 400 ms",
            RateLimits.largeOrg(), 150, 40);

    /**
     * The most users per minute any client can delete: over the buckets, the smallest of (limit / calls per user
     * in that bucket), from the preset's own buckets and {@link #CALLS_PER_USER}.
     *
     * @return the ceiling in users per (Okta) minute
     */
    double ceilingUsersPerMinute() {
        return limits.ceilingUsersPerWindow(CALLS_PER_USER) * 60_000.0 / limits.window().toMillis();
    }

    /**
     * @param windows how many windows' worth
     * @return how many users the library and the CLI delete: that many windows at the ceiling
     */
    int users(int windows) {
        return (int) Math.round(ceilingUsersPerMinute() * windows * limits.window().toMillis() / 60_000.0);
    }
}

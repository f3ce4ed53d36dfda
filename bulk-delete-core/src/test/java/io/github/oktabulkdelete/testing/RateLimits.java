package io.github.oktabulkdelete.testing;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link FakeOktaOrg} limits its clients, as Okta does: rate-limit buckets by endpoint family and method, each
 * with a limit per window of 60 s that starts at its first request (not at the clock minute), a limit of requests in
 * flight, a latency per request, and optionally a per-token share of each bucket that the headers do not show and
 * other clients of the org that spend some of each bucket.
 *
 * <p>The presets are the scenarios of the benchmark (issue 10): {@link #integratorFree()},
 * {@link #workforceTokenShare()} and {@link #largeOrg()}; {@link #scaled(int)} makes any of them run faster with
 * the same rates and concurrency. Immutable and thread-safe; {@link #toBuilder()} derives another.
 *
 * <pre>{@code
 * RateLimits limits = RateLimits.largeOrg().scaled(4);          // 15 s windows, 100 ms latency
 * try (FakeOktaOrg org = FakeOktaOrg.builder().rateLimits(limits).start()) {
 *     List<String> logins = org.addUsers("user", 1000, 0.2);     // every fifth one already DEPROVISIONED
 *     double ceiling = limits.ceilingUsersPerWindow(Map.of(Route.GET_USER, 2.0, Route.DEACTIVATE_USER, 0.8,
 *             Route.DELETE_USER, 1.0));
 * }
 * }</pre>
 */
public final class RateLimits {

    private final Map<Route, String> bucketOf;
    private final Map<String, Integer> limits;
    private final Map<String, Integer> otherClients;
    private final Duration window;
    private final Duration latency;
    private final int concurrencyLimit;
    private final double hiddenTokenShare;

    private RateLimits(Builder b) {
        this.bucketOf = Collections.unmodifiableMap(new EnumMap<>(b.bucketOf));
        this.limits = Collections.unmodifiableMap(new LinkedHashMap<>(b.limits));
        this.otherClients = Collections.unmodifiableMap(new LinkedHashMap<>(b.otherClients));
        this.window = b.window;
        this.latency = b.latency;
        this.concurrencyLimit = b.concurrencyLimit;
        this.hiddenTokenShare = b.hiddenTokenShare;
    }

    /**
     * Okta's published Workforce limits per 60 s ({@link Route#defaultBucket()}, {@link Route#defaultLimit()}), 75
     * requests in flight, no latency: a {@link FakeOktaOrg}'s defaults.
     *
     * @return a builder holding them
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Integrator Free: three buckets of 100 a minute (lookups, list and create share one; deactivate and DELETE
     * another; the rest of {@code /api/v1} the third), 35 requests in flight, 100 ms a request.
     *
     * @return the preset
     */
    public static RateLimits integratorFree() {
        return builder()
                .bucket("GET|POST /api/v1/users*", 100, Route.GET_USER, Route.LIST_USERS, Route.CREATE_USER)
                .bucket("POST|PUT|DELETE /api/v1/users/{id}", 100, Route.DEACTIVATE_USER, Route.DELETE_USER)
                .bucket("/api/v1", 100, Route.OTHER)
                .concurrencyLimit(35).latency(Duration.ofMillis(100)).build();
    }

    /**
     * A Workforce org's default token share (50% of each bucket, shown in the headers): {@code GET} user 1000,
     * {@code DELETE} 300, deactivate 600, list and create 300, the rest of {@code /api/v1} 600 a minute, 75
     * requests in flight, 150 ms a request.
     *
     * @return the preset
     */
    public static RateLimits workforceTokenShare() {
        return separateWriteBuckets(1000, 300, 600, 300, 600).concurrencyLimit(75)
                .latency(Duration.ofMillis(150)).build();
    }

    /**
     * A large org: {@code GET} user 4000, {@code DELETE} 1200, deactivate 1200, list and create 1200, the rest of
     * {@code /api/v1} 1200 a minute, 75 requests in flight, 400 ms a request.
     *
     * @return the preset
     */
    public static RateLimits largeOrg() {
        return separateWriteBuckets(4000, 1200, 1200, 1200, 1200).concurrencyLimit(75)
                .latency(Duration.ofMillis(400)).build();
    }

    private static Builder separateWriteBuckets(int getUser, int delete, int deactivate, int list, int rest) {
        return builder()
                .bucket("GET /api/v1/users/{idOrLogin}", getUser, Route.GET_USER)
                .bucket("DELETE /api/v1/users/{id}", delete, Route.DELETE_USER)
                .bucket("POST /api/v1/users/{id}/lifecycle/deactivate", deactivate, Route.DEACTIVATE_USER)
                .bucket("GET|POST /api/v1/users", list, Route.LIST_USERS, Route.CREATE_USER)
                .bucket("/api/v1", rest, Route.OTHER);
    }

    /**
     * The same limits in time scaled down: windows and latency divided by {@code factor}, so every rate per window
     * and every concurrency (rate &times; latency) stays the same, {@code factor} times faster.
     *
     * @param factor at least 1
     * @return the scaled limits
     * @throws IllegalArgumentException if {@code factor} is less than 1
     */
    public RateLimits scaled(int factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("factor must be at least 1: " + factor);
        }
        return toBuilder().window(window.dividedBy(factor)).latency(latency.dividedBy(factor)).build();
    }

    /** @return a builder holding these limits */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.bucketOf.putAll(bucketOf);
        b.limits.clear();
        b.limits.putAll(limits);
        b.otherClients.putAll(otherClients);
        b.window = window;
        b.latency = latency;
        b.concurrencyLimit = concurrencyLimit;
        b.hiddenTokenShare = hiddenTokenShare;
        return b;
    }

    /**
     * @param route a route
     * @return the name of the bucket it counts against
     */
    public String bucketOf(Route route) {
        return bucketOf.get(Objects.requireNonNull(route, "route"));
    }

    /**
     * @param route a route
     * @return the limit per window of its bucket
     */
    public int limit(Route route) {
        return limits.get(bucketOf(route));
    }

    /**
     * @param route a route
     * @return how many requests per window other clients of the org spend on its bucket
     */
    public int otherClients(Route route) {
        return otherClients.getOrDefault(bucketOf(route), 0);
    }

    /** @return how long a window lasts */
    public Duration window() {
        return window;
    }

    /** @return the time each answer takes */
    public Duration latency() {
        return latency;
    }

    /** @return the most requests in flight at once */
    public int concurrencyLimit() {
        return concurrencyLimit;
    }

    /** @return the share of each bucket the token may use, beyond which it gets 429s the headers did not foretell */
    public double hiddenTokenShare() {
        return hiddenTokenShare;
    }

    /**
     * The most users a client can handle per window: over the buckets, the smallest of (limit / calls per user that
     * count against it), with what the hidden token share and other clients leave.
     *
     * <pre>{@code
     * RateLimits.integratorFree().ceilingUsersPerWindow(Map.of(Route.GET_USER, 2.0, Route.DELETE_USER, 1.0,
     *         Route.DEACTIVATE_USER, 0.8)); // 100 / 2 = 50 users a minute
     * }</pre>
     *
     * @param callsPerUser the calls one user needs, by route (a share for calls only some users need)
     * @return users per window
     */
    public double ceilingUsersPerWindow(Map<Route, Double> callsPerUser) {
        Map<String, Double> callsPerBucket = new LinkedHashMap<>();
        callsPerUser.forEach((route, calls) -> callsPerBucket.merge(bucketOf(route), calls, Double::sum));
        double ceiling = Double.POSITIVE_INFINITY;
        for (Map.Entry<String, Double> bucket : callsPerBucket.entrySet()) {
            if (bucket.getValue() > 0) {
                int limit = limits.get(bucket.getKey());
                double usable = Math.min(Math.floor(limit * hiddenTokenShare),
                        limit - otherClients.getOrDefault(bucket.getKey(), 0));
                ceiling = Math.min(ceiling, usable / bucket.getValue());
            }
        }
        return ceiling;
    }

    @Override
    public String toString() {
        return "RateLimits" + limits + " per " + window + ", " + concurrencyLimit + " in flight, latency " + latency
                + (hiddenTokenShare < 1 ? ", token share " + hiddenTokenShare + " not shown" : "")
                + (otherClients.isEmpty() ? "" : ", other clients " + otherClients);
    }

    /**
     * Builds {@link RateLimits}; starts from Okta's published Workforce limits. Not thread-safe.
     *
     * <pre>{@code
     * RateLimits limits = RateLimits.builder().bucket("DELETE /api/v1/users/{id}", 20, Route.DELETE_USER)
     *         .hiddenTokenShare(0.5).build();
     * }</pre>
     */
    public static final class Builder {

        private final Map<Route, String> bucketOf = new EnumMap<>(Route.class);
        private final Map<String, Integer> limits = new LinkedHashMap<>();
        private final Map<String, Integer> otherClients = new LinkedHashMap<>();
        private Duration window = Duration.ofSeconds(60);
        private Duration latency = Duration.ZERO;
        private int concurrencyLimit = 75;
        private double hiddenTokenShare = 1.0;

        private Builder() {
            for (Route route : Route.values()) {
                bucketOf.put(route, route.defaultBucket());
                limits.put(route.defaultBucket(), route.defaultLimit());
            }
        }

        /**
         * A bucket with a limit per window, that these routes count against (they leave their former bucket).
         *
         * @param name the bucket's name
         * @param limit requests per window, at least 1
         * @param routes the routes
         * @return this builder
         */
        public Builder bucket(String name, int limit, Route... routes) {
            Objects.requireNonNull(name, "name");
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be at least 1: " + limit);
            }
            for (Route route : routes) {
                bucketOf.put(Objects.requireNonNull(route, "route"), name);
            }
            limits.put(name, limit);
            limits.keySet().retainAll(bucketOf.values());
            otherClients.keySet().retainAll(bucketOf.values());
            return this;
        }

        /**
         * @param window how long a window lasts, positive; default 60 s
         * @return this builder
         */
        public Builder window(Duration window) {
            if (window.isZero() || window.isNegative()) {
                throw new IllegalArgumentException("window must be positive: " + window);
            }
            this.window = window;
            return this;
        }

        /**
         * @param latency the time each answer takes, zero or positive; default zero. With a {@link MutableClock}
         *     it moves that clock, otherwise it is a real wait
         * @return this builder
         */
        public Builder latency(Duration latency) {
            if (latency.isNegative()) {
                throw new IllegalArgumentException("latency must not be negative: " + latency);
            }
            this.latency = latency;
            return this;
        }

        /**
         * @param concurrencyLimit the most requests in flight, at least 1; default 75
         * @return this builder
         */
        public Builder concurrencyLimit(int concurrencyLimit) {
            if (concurrencyLimit < 1) {
                throw new IllegalArgumentException("concurrencyLimit must be at least 1: " + concurrencyLimit);
            }
            this.concurrencyLimit = concurrencyLimit;
            return this;
        }

        /**
         * The share of each bucket this token may use, while the headers show the whole bucket (its limit, and
         * what remains of it): beyond it, 429s whose headers still show budget. Default 1.0 (none hidden).
         *
         * @param share in (0, 1]
         * @return this builder
         */
        public Builder hiddenTokenShare(double share) {
            if (!(share > 0 && share <= 1)) {
                throw new IllegalArgumentException("share must be in (0, 1]: " + share);
            }
            this.hiddenTokenShare = share;
            return this;
        }

        /**
         * Other clients of the org spend this many requests of the route's bucket in each window, evenly over it;
         * the headers show what remains after them.
         *
         * @param route a route of the bucket
         * @param perWindow requests per window, from 0 to the bucket's limit - 1
         * @return this builder
         */
        public Builder otherClients(Route route, int perWindow) {
            String bucket = bucketOf.get(Objects.requireNonNull(route, "route"));
            if (perWindow < 0 || perWindow >= limits.get(bucket)) {
                throw new IllegalArgumentException("perWindow must be from 0 to the limit - 1: " + perWindow);
            }
            otherClients.put(bucket, perWindow);
            return this;
        }

        /** @return the limits */
        public RateLimits build() {
            return new RateLimits(this);
        }
    }
}

package io.github.oktabulkdelete.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.okta.sdk.resource.model.UserStatus;
import io.github.oktabulkdelete.OktaClients;
import io.github.oktabulkdelete.TunedOktaClient;
import io.github.oktabulkdelete.testing.LoopbackHttpServer.Request;
import io.github.oktabulkdelete.testing.LoopbackHttpServer.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A stateful fake Okta org on {@code 127.0.0.1} and an ephemeral port, for tests: the users API the bulk deleter
 * uses, with Okta's rate-limit buckets and headers, its concurrency limit, its error bodies, and faults on demand.
 *
 * <p>It serves {@code GET /api/v1/users/{idOrLogin}}, {@code GET /api/v1/users} ({@code filter}, {@code search},
 * {@code q}, {@code limit}, {@code after} with {@code Link} headers), {@code POST /api/v1/users},
 * {@code POST /api/v1/users/{id}/lifecycle/deactivate} and {@code DELETE /api/v1/users/{id}} as Okta documents them
 * (with the groups endpoints of {@link #groups()}, served by {@link GroupEndpoints}; a {@code search} is parsed by
 * {@link UserSearch}):
 * a DELETE on a user that is not {@code DEPROVISIONED} deactivates it, a second one deletes it; {@code {id}} is an id,
 * a login (case-insensitive), an unambiguous login shortname, or {@code me}. Every request needs
 * {@code Authorization: SSWS <token>}. Every response carries {@code Date} (from the injected {@link Clock}) and
 * {@code X-Rate-Limit-Limit}, {@code -Remaining} and {@code -Reset} (epoch seconds). See the {@link Builder} for the
 * defaults, {@link Fault} for the faults.
 *
 * <p>Thread-safe: many SDK workers may call it at once, and tests may add users, plan faults and read counts while
 * it serves. Never prints its token. {@link #close()} stops the server.
 *
 * <pre>{@code
 * MutableClock clock = MutableClock.at(Instant.parse("2025-01-01T00:00:00Z"));
 * try (FakeOktaOrg org = FakeOktaOrg.builder().clock(clock).rateLimit(Route.DELETE_USER, 10).start()) {
 *     org.addUser("jsmith@corp.com", UserStatus.ACTIVE);
 *     org.failNext(Route.DELETE_USER, 1, Fault.status(503));
 *     // ... run the code under test against org.orgUrl() with org.apiToken() ...
 *     assertThat(org.deletedLogins()).containsExactly("jsmith@corp.com");
 * }
 * }</pre>
 */
public final class FakeOktaOrg implements AutoCloseable {

    /** The token of an org built without {@link Builder#apiToken(String)}. */
    public static final String DEFAULT_API_TOKEN = "fake-okta-test-token";

    /** The id ({@code type.id}) of the default user type: users created without a type have it. */
    static final String DEFAULT_USER_TYPE_ID = "oty" + OktaErrors.alphanumeric(new Random(0x7E57L), 17);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final String APPLICATION_JSON = "application/json";
    private static final int DEFAULT_PAGE = 200;
    private static final int DEFAULT_Q_PAGE = 10;
    private static final Duration CONCURRENCY_RESET = Duration.ofSeconds(60);

    private final String apiToken;
    private final byte[] expectedAuthorization;
    private final Clock clock;
    private final Duration latency;
    private final int concurrencyLimit;
    private final boolean deactivateOfDeprovisionedAnswers404;
    private final Map<Route, RateLimitBucket> buckets;
    private final OrgState state;
    private final FakeGroups groups;
    private final GroupEndpoints groupEndpoints;
    private final FaultPlan faults = new FaultPlan();
    /** Faults that every request on a route for one user gets, by user id, until {@link #clearFaults()}. */
    private final Map<String, Map<Route, Fault>> userFaults = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final List<RecordedRequest> recorded = new ArrayList<>();
    private final String userTypeId;
    private final LoopbackHttpServer server;
    private final String orgUrl;

    private FakeOktaOrg(Builder builder, Map<Route, RateLimitBucket> buckets) {
        this.apiToken = builder.apiToken;
        this.expectedAuthorization = ("SSWS " + builder.apiToken).getBytes(StandardCharsets.UTF_8);
        this.clock = builder.clock;
        this.latency = builder.latency;
        this.concurrencyLimit = builder.concurrencyLimit;
        this.deactivateOfDeprovisionedAnswers404 = builder.deactivateOfDeprovisionedAnswers404;
        this.buckets = buckets;
        this.state = new OrgState(builder.clock, builder.tokenOwnerDeactivationRevokesToken);
        this.userTypeId = DEFAULT_USER_TYPE_ID;
        try {
            this.server = LoopbackHttpServer.start(this::handle, builder.maxConnections);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the fake Okta org", e);
        }
        InetAddress loopback = InetAddress.getLoopbackAddress();
        String host = loopback instanceof Inet6Address ? "[" + loopback.getHostAddress() + "]"
                : loopback.getHostAddress();
        this.orgUrl = "http://" + host + ":" + server.port();
        this.groups = new FakeGroups(state, clock);
        this.groupEndpoints = new GroupEndpoints(state, groups, orgUrl, userTypeId);
    }

    /**
     * A builder with every default: see {@link Builder}.
     *
     * <pre>{@code
     * FakeOktaOrg org = FakeOktaOrg.builder().clock(clock).concurrencyLimit(5).start();
     * }</pre>
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts an org with every default: token {@value #DEFAULT_API_TOKEN}, the system UTC clock, Okta's Workforce
     * rate limits, 75 concurrent requests.
     *
     * <pre>{@code
     * try (FakeOktaOrg org = FakeOktaOrg.start()) { ... }
     * }</pre>
     *
     * @return a started org
     * @throws UncheckedIOException if no loopback port can be bound
     */
    public static FakeOktaOrg start() {
        return builder().start();
    }

    /**
     * The base URL clients use, with no trailing slash.
     *
     * <pre>{@code
     * apiClient.setBasePath(org.orgUrl());
     * }</pre>
     *
     * @return for example {@code http://127.0.0.1:49152}
     */
    public String orgUrl() {
        return orgUrl;
    }

    /**
     * The token clients must send, as {@code Authorization: SSWS <token>}.
     *
     * <pre>{@code
     * apiClient.setApiKeyPrefix("SSWS");
     * apiClient.setApiKey(org.apiToken());
     * }</pre>
     *
     * @return the token
     */
    public String apiToken() {
        return apiToken;
    }

    /**
     * A tuned client for this org, with the defaults of {@link OktaClients#tuned()}: its URL, its token, and plain
     * HTTP allowed (the org listens on loopback {@code http}). The caller closes it.
     *
     * <pre>{@code
     * try (FakeOktaOrg org = FakeOktaOrg.start(); TunedOktaClient client = org.tunedClient()) {
     *     BulkUserDeleter.builder(client).build().deleteAll(List.of("jsmith@corp.com"));
     * }
     * }</pre>
     *
     * @return a new client of this org
     */
    public TunedOktaClient tunedClient() {
        return tunedClientBuilder().build();
    }

    /**
     * A tuned-client builder already holding this org's URL and token, and allowing plain HTTP, for a client with
     * other settings.
     *
     * <pre>{@code
     * TunedOktaClient client = org.tunedClientBuilder().connectionPoolSize(16).build();
     * }</pre>
     *
     * @return a new builder
     */
    public OktaClients.Builder tunedClientBuilder() {
        return OktaClients.tuned().orgUrl(orgUrl).apiToken(apiToken).allowInsecureHttp(true);
    }

    /**
     * The clock the org reads for its rate-limit windows, {@code Date} headers and timestamps.
     *
     * @return the injected clock, or the system UTC clock
     */
    public Clock clock() {
        return clock;
    }

    /**
     * Adds a user with the first name taken from the login's shortname, the last name {@code Test}, and the login as
     * e-mail (or {@code <login>@example.com} if the login holds no {@code @}).
     *
     * <pre>{@code
     * FakeUser jsmith = org.addUser("jsmith@corp.com", UserStatus.ACTIVE);
     * }</pre>
     *
     * @param login the login, unique case-insensitively
     * @param status the status
     * @return a snapshot of the new user, with an Okta-looking id ({@code 00u} and 17 letters and digits)
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if the login is blank or taken, or the status is not a real Okta status
     */
    public FakeUser addUser(String login, UserStatus status) {
        Objects.requireNonNull(login, "login");
        int at = login.indexOf('@');
        return addUser(login, status, at > 0 ? login.substring(0, at) : login, "Test");
    }

    /**
     * Adds a user with the given names and the login as e-mail (or {@code <login>@example.com} if the login holds no
     * {@code @}).
     *
     * <pre>{@code
     * org.addUser("jsmith@corp.com", UserStatus.SUSPENDED, "John", "Smith");
     * }</pre>
     *
     * @param login the login, unique case-insensitively
     * @param status the status
     * @param firstName the first name
     * @param lastName the last name
     * @return a snapshot of the new user
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if the login is blank or taken, or the status is not a real Okta status
     */
    public FakeUser addUser(String login, UserStatus status, String firstName, String lastName) {
        Objects.requireNonNull(login, "login");
        return state.add(login, status, firstName, lastName, emailFor(login));
    }

    /**
     * Adds {@code count} users {@code <prefix><i>@corp.example} ({@code i} from 0), {@code ACTIVE} but for a share
     * already {@code DEPROVISIONED}, spread evenly (with 0.2, every fifth user, starting with the fifth).
     *
     * <pre>{@code
     * List<String> logins = org.addUsers("user", 1000, 0.2); // 200 of them DEPROVISIONED
     * }</pre>
     *
     * @param prefix the start of each login
     * @param count how many, at least 0
     * @param deprovisionedShare the share already {@code DEPROVISIONED}, from 0 to 1
     * @return the logins, in order
     * @throws IllegalArgumentException if a count or share is out of range, or a login is taken
     */
    public List<String> addUsers(String prefix, int count, double deprovisionedShare) {
        Objects.requireNonNull(prefix, "prefix");
        if (count < 0 || !(deprovisionedShare >= 0 && deprovisionedShare <= 1)) {
            throw new IllegalArgumentException("count must be at least 0 and deprovisionedShare from 0 to 1, were "
                    + count + " and " + deprovisionedShare);
        }
        List<String> logins = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String login = prefix + i + "@corp.example";
            boolean deprovisioned = Math.floor((i + 1) * deprovisionedShare) > Math.floor(i * deprovisionedShare);
            addUser(login, deprovisioned ? UserStatus.DEPROVISIONED : UserStatus.ACTIVE);
            logins.add(login);
        }
        return List.copyOf(logins);
    }

    /**
     * Sets the user the token belongs to: {@code GET /api/v1/users/me} resolves to it. Without an owner, {@code me}
     * answers 404 {@code E0000007}. Unless the builder turned it off, deactivating or deleting the owner (through the
     * API or {@link #setStatus}/{@link #remove}) revokes the token, as in Okta.
     *
     * <pre>{@code
     * org.addUser("admin@corp.com", UserStatus.ACTIVE);
     * org.setTokenOwner("admin@corp.com");
     * }</pre>
     *
     * @param login the owner's login; the user may be added before or after this call
     * @throws NullPointerException if {@code login} is {@code null}
     */
    public void setTokenOwner(String login) {
        Objects.requireNonNull(login, "login");
        state.setTokenOwner(login);
    }

    /**
     * Adds a user with more profile attributes (custom ones such as {@code department}, or standard ones such as
     * {@code mobilePhone}), which Okta's search finds and every user JSON carries.
     *
     * <pre>{@code
     * org.addUser("jsmith@corp.com", UserStatus.ACTIVE, Map.of("department", "Sales", "costCenter", 42));
     * }</pre>
     *
     * @param login the login, unique case-insensitively
     * @param status the status
     * @param customProfile the other profile attributes, by name
     * @return a snapshot of the new user
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if the login is blank or taken, or the status is not a real Okta status
     */
    public FakeUser addUser(String login, UserStatus status, Map<String, ?> customProfile) {
        Objects.requireNonNull(login, "login");
        int at = login.indexOf('@');
        return state.add(login, status, at > 0 ? login.substring(0, at) : login, "Test", emailFor(login), null,
                new LinkedHashMap<>(Objects.requireNonNull(customProfile, "customProfile")));
    }

    /**
     * The org's groups and memberships: {@code Everyone}, {@code OKTA_GROUP}s and {@code APP_GROUP}s, served by
     * {@code GET /api/v1/groups}, {@code /api/v1/groups/{groupId}}, {@code /api/v1/groups/{groupId}/users} and
     * {@code /api/v1/users/{id}/groups}, and joined by {@code POST /api/v1/users} with {@code groupIds}.
     *
     * <pre>{@code
     * FakeGroup group = org.groups().add("Contractors", GroupType.OKTA_GROUP);
     * org.groups().addMember(group.id(), "jsmith@corp.com");
     * }</pre>
     *
     * @return the groups of this org
     */
    public FakeGroups groups() {
        return groups;
    }

    /**
     * A user by id or by login (case-insensitive); empty once deleted.
     *
     * <pre>{@code
     * assertThat(org.user("JSmith@corp.com")).map(FakeUser::status).contains(UserStatus.DEPROVISIONED);
     * }</pre>
     *
     * @param loginOrId an id or a login
     * @return a snapshot of the user, or empty
     * @throws NullPointerException if {@code loginOrId} is {@code null}
     */
    public Optional<FakeUser> user(String loginOrId) {
        return state.find(loginOrId);
    }

    /**
     * A user's status by id or by login (case-insensitive); empty once deleted.
     *
     * <pre>{@code
     * assertThat(org.status("jsmith@corp.com")).contains(UserStatus.DEPROVISIONED);
     * }</pre>
     *
     * @param loginOrId an id or a login
     * @return the status, or empty
     * @throws NullPointerException if {@code loginOrId} is {@code null}
     */
    public Optional<UserStatus> status(String loginOrId) {
        return state.find(loginOrId).map(FakeUser::status);
    }

    /**
     * The logins deleted for good through {@code DELETE /api/v1/users/{id}}, in deletion order, as they were spelled
     * when created. Users removed with {@link #remove(String)} are not in it.
     *
     * <pre>{@code
     * assertThat(org.deletedLogins()).containsExactly("a@corp.com", "b@corp.com");
     * }</pre>
     *
     * @return an unmodifiable copy
     */
    public Set<String> deletedLogins() {
        return state.deletedLogins();
    }

    /**
     * The users that remain, deactivated ones included, in creation order.
     *
     * <pre>{@code
     * assertThat(org.users()).extracting(FakeUser::login).containsExactly("admin@corp.com");
     * }</pre>
     *
     * @return an unmodifiable list of snapshots
     */
    public List<FakeUser> users() {
        return state.users();
    }

    /**
     * Changes a user's status, as someone else would between two calls of the code under test.
     *
     * <pre>{@code
     * org.setStatus("jsmith@corp.com", UserStatus.DEPROVISIONED);
     * }</pre>
     *
     * @param loginOrId an id or a login (case-insensitive)
     * @param status the new status
     * @return a snapshot of the changed user
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if no such user exists, or the status is not a real Okta status
     */
    public FakeUser setStatus(String loginOrId, UserStatus status) {
        return state.setStatus(loginOrId, status);
    }

    /**
     * Renames a user, as an admin would: the same id, another login.
     *
     * <pre>{@code
     * org.rename("jsmith@corp.com", "john.smith@corp.com");
     * }</pre>
     *
     * @param loginOrId an id or a login (case-insensitive)
     * @param newLogin the new login
     * @return a snapshot of the renamed user
     * @throws IllegalArgumentException if no such user exists, or the new login is taken
     */
    public FakeUser rename(String loginOrId, String newLogin) {
        return state.rename(loginOrId, newLogin);
    }

    /**
     * Deletes a user, as someone else would: it is gone, but not in {@link #deletedLogins()}.
     *
     * <pre>{@code
     * org.remove("jsmith@corp.com"); // the code under test will now get a 404
     * }</pre>
     *
     * @param loginOrId an id or a login (case-insensitive)
     * @return {@code true} if the user existed
     * @throws NullPointerException if {@code loginOrId} is {@code null}
     */
    public boolean remove(String loginOrId) {
        return state.remove(loginOrId);
    }

    /**
     * Revokes the token: from now on every request answers 401 {@code E0000011}.
     *
     * <pre>{@code
     * org.revokeToken();
     * }</pre>
     */
    public void revokeToken() {
        state.revokeToken();
    }

    /**
     * Accepts the token again after {@link #revokeToken()}, as if an admin had issued it anew: a test "crashes" a
     * run by revoking the token at an instant (no change is made after it), then resumes against the same org.
     *
     * <pre>{@code
     * org.restoreToken();
     * }</pre>
     */
    public void restoreToken() {
        state.restoreToken();
    }

    /**
     * Whether the token was revoked, by {@link #revokeToken()} or by deactivating its owner.
     *
     * @return {@code true} once revoked
     */
    public boolean isTokenRevoked() {
        return state.tokenRevoked();
    }

    /**
     * Gives the next {@code times} requests on a route a fault. Plans add up: they are used in the order they were
     * made, before any {@link #failRandomly} plan.
     *
     * <pre>{@code
     * org.failNext(Route.DELETE_USER, 2, Fault.status(503));
     * }</pre>
     *
     * @param route the route, or {@code null} for any route
     * @param times how many requests, at least 1
     * @param fault the fault
     * @throws NullPointerException if {@code fault} is {@code null}
     * @throws IllegalArgumentException if {@code times} is less than 1
     */
    public void failNext(Route route, int times, Fault fault) {
        Objects.requireNonNull(fault, "fault");
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1: " + times);
        }
        faults.failNext(route, times, fault);
    }

    /**
     * Gives each request on a route a fault with a probability, drawn from a {@link java.util.Random} seeded with
     * {@code seed} (reproducible when the requests arrive in a reproducible order). Lasts until
     * {@link #clearFaults()}.
     *
     * <pre>{@code
     * org.failRandomly(null, 0.1, 42L, Fault.status(503)); // about one request in ten, any route
     * }</pre>
     *
     * @param route the route, or {@code null} for any route
     * @param probability between 0 and 1
     * @param seed the seed of the random draws
     * @param fault the fault
     * @throws NullPointerException if {@code fault} is {@code null}
     * @throws IllegalArgumentException if {@code probability} is not between 0 and 1
     */
    public void failRandomly(Route route, double probability, long seed, Fault fault) {
        Objects.requireNonNull(fault, "fault");
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be between 0 and 1: " + probability);
        }
        faults.failRandomly(route, probability, seed, fault);
    }

    /**
     * Gives every request on {@code route} for one user (named by id or login in the path) a fault, until
     * {@link #clearFaults()}: a super admin or a billing contact that answers 403 {@code E0000006} to each
     * deactivate, as Okta does, while other users are deleted.
     *
     * <pre>{@code
     * org.failForUser("boss@corp.example", Route.DEACTIVATE_USER,
     *         Fault.status(403, "E0000006", "You do not have permission to perform the requested action"));
     * }</pre>
     *
     * @param loginOrId the user, an id or a login (case-insensitive); it must exist
     * @param route the route
     * @param fault the fault
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if there is no such user
     */
    public void failForUser(String loginOrId, Route route, Fault fault) {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(fault, "fault");
        String id = state.find(loginOrId).map(FakeUser::id)
                .orElseThrow(() -> new IllegalArgumentException("no such user: " + loginOrId));
        userFaults.computeIfAbsent(id, k -> new java.util.concurrent.ConcurrentHashMap<>()).put(route, fault);
    }

    private Fault userFault(Request request, Route route) {
        if (userFaults.isEmpty() || route == Route.LIST_USERS || route == Route.LIST_GROUPS
                || route == Route.GET_GROUP || route == Route.LIST_GROUP_MEMBERS) {
            return null;
        }
        try {
            String rawId = Route.rawIdSegment(request.rawPath());
            if (rawId == null) {
                return null;
            }
            return state.find(decodePathSegment(rawId)).map(u -> userFaults.get(u.id()))
                    .map(byRoute -> byRoute.get(route)).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Forgets every planned fault.
     *
     * <pre>{@code
     * org.clearFaults();
     * }</pre>
     */
    public void clearFaults() {
        faults.clear();
        userFaults.clear();
    }

    /**
     * How many requests the org received since it started or since {@link #resetCounts()}.
     *
     * <pre>{@code
     * assertThat(org.requestCount()).isEqualTo(3);
     * }</pre>
     *
     * @return the count
     */
    public int requestCount() {
        synchronized (recorded) {
            return recorded.size();
        }
    }

    /**
     * How many requests on a route the org received.
     *
     * <pre>{@code
     * assertThat(org.requestCount(Route.DELETE_USER)).isEqualTo(2);
     * }</pre>
     *
     * @param route the route
     * @return the count
     * @throws NullPointerException if {@code route} is {@code null}
     */
    public int requestCount(Route route) {
        Objects.requireNonNull(route, "route");
        return count(r -> r.route() == route);
    }

    /**
     * How many requests on a route the org answered with a status (0: dropped connections).
     *
     * <pre>{@code
     * assertThat(org.requestCount(Route.DELETE_USER, 429)).isZero();
     * }</pre>
     *
     * @param route the route
     * @param status the HTTP status, or 0 for dropped connections
     * @return the count
     * @throws NullPointerException if {@code route} is {@code null}
     */
    public int requestCount(Route route, int status) {
        Objects.requireNonNull(route, "route");
        return count(r -> r.route() == route && r.status() == status);
    }

    /**
     * Every request received since the start or {@link #resetCounts()}, in the order they were answered.
     *
     * <pre>{@code
     * assertThat(org.requests()).allMatch(RecordedRequest::authorized);
     * }</pre>
     *
     * @return an unmodifiable copy
     */
    public List<RecordedRequest> requests() {
        synchronized (recorded) {
            return List.copyOf(recorded);
        }
    }

    /**
     * The most requests that were in flight at once since the start or {@link #resetCounts()}.
     *
     * <pre>{@code
     * assertThat(org.maxConcurrentRequests()).isGreaterThan(5); // the SDK's pool of 5 was raised
     * }</pre>
     *
     * @return the peak
     */
    public int maxConcurrentRequests() {
        return maxInFlight.get();
    }

    /**
     * Forgets the recorded requests and the concurrency peak; users, faults and rate-limit windows stay.
     *
     * <pre>{@code
     * org.resetCounts();
     * }</pre>
     */
    public void resetCounts() {
        synchronized (recorded) {
            recorded.clear();
        }
        maxInFlight.set(inFlight.get());
    }

    /**
     * Ends every rate-limit window: the next request on each bucket starts a fresh one.
     *
     * <pre>{@code
     * org.resetRateLimits();
     * }</pre>
     */
    public void resetRateLimits() {
        for (RateLimitBucket bucket : Set.copyOf(buckets.values())) {
            bucket.reset();
        }
    }

    /**
     * The name of the rate-limit bucket a route counts against.
     *
     * <pre>{@code
     * assertThat(org.bucketName(Route.DEACTIVATE_USER)).isEqualTo("POST|PUT|DELETE /api/v1/users/{id}");
     * }</pre>
     *
     * @param route the route
     * @return the bucket's name
     * @throws NullPointerException if {@code route} is {@code null}
     */
    public String bucketName(Route route) {
        return buckets.get(Objects.requireNonNull(route, "route")).name();
    }

    /**
     * The per-window limit of the bucket a route counts against.
     *
     * <pre>{@code
     * assertThat(org.rateLimit(Route.GET_USER)).isEqualTo(2000);
     * }</pre>
     *
     * @param route the route
     * @return requests per window
     * @throws NullPointerException if {@code route} is {@code null}
     */
    public int rateLimit(Route route) {
        return buckets.get(Objects.requireNonNull(route, "route")).limit();
    }

    /**
     * Stops the server at once: the listening socket and every open connection are closed. Idempotent.
     */
    @Override
    public void close() {
        server.close();
    }

    /**
     * Describes the org, never its token.
     *
     * @return for example {@code FakeOktaOrg[http://127.0.0.1:49152, 3 users]}
     */
    @Override
    public String toString() {
        return "FakeOktaOrg[" + orgUrl + ", " + state.users().size() + " users]";
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Request pipeline: concurrency limit, latency, faults, authentication, rate limit, route.

    /** An answer before it gets its headers: {@code body == null} means no body and no Content-Type. */
    private record Answer(int status, byte[] body, RateLimitBucket.Snapshot rate, List<Map.Entry<String, String>> extra) {
        Answer(int status, byte[] body, RateLimitBucket.Snapshot rate) {
            this(status, body, rate, List.of());
        }
    }

    private Response handle(Request request) {
        Instant receivedAt = clock.instant();
        Route route = Route.of(request.method(), request.rawPath());
        boolean authorized = carriesToken(request) && !state.tokenRevoked();
        int inFlightNow = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(inFlightNow, Math::max);
        Response response;
        try {
            elapse(latency, receivedAt);
            try {
                response = answer(request, route, authorized, inFlightNow > concurrencyLimit);
            } catch (RuntimeException e) {
                response = respond(new Answer(500, errorBody(OktaErrors.INTERNAL_ERROR, "Internal Server Error"),
                        buckets.get(route).peek(clock.instant())));
            }
            // recorded before the first byte goes out, so a client that got its answer sees it counted
            synchronized (recorded) {
                recorded.add(new RecordedRequest(request.method(), request.rawPath(), request.rawQuery(), route,
                        response.status(), authorized, receivedAt));
            }
        } finally {
            inFlight.decrementAndGet();
        }
        return response;
    }

    private Response answer(Request request, Route route, boolean authorized, boolean overConcurrencyLimit) {
        if (overConcurrencyLimit) {
            return respond(concurrencyLimited());
        }
        Fault fault = userFault(request, route);
        if (fault == null) {
            fault = faults.next(route);
        }
        if (fault == null) {
            return respond(handleNormally(request, route, authorized));
        }
        RateLimitBucket bucket = buckets.get(route);
        switch (fault.kind()) {
            case STATUS:
                return respond(new Answer(fault.httpStatus(), errorBody(fault.errorCode(), fault.errorSummary()),
                        bucket.peek(clock.instant())));
            case DROP_CONNECTION:
                return Response.DROP;
            case RATE_LIMITED:
                return respond(new Answer(429, errorBody(OktaErrors.RATE_LIMITED, OktaErrors.RATE_LIMITED_SUMMARY),
                        new RateLimitBucket.Snapshot(bucket.name(), bucket.limit(), 0,
                                RateLimitBucket.ceilEpochSecond(clock.instant().plus(fault.duration())), false)));
            case CONCURRENCY_LIMITED:
                return respond(concurrencyLimited());
            case DELAY:
                sleep(fault.duration());
                return respond(handleNormally(request, route, authorized));
            case HOLD:
                try {
                    fault.latch().await(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return respond(handleNormally(request, route, authorized));
            case HOLD_AFTER_CHANGE:
                Answer made = handleNormally(request, route, authorized);
                fault.changed().countDown();
                try {
                    fault.latch().await(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return respond(made);
            case HEADERS:
                return withHeaders(respond(handleNormally(request, route, authorized)), fault.headers());
            case NOT_OKTA:
                return respond(new Answer(404, NOT_OKTA_PAGE, bucket.peek(clock.instant())));
            case REACTIVATE_FIRST:
                String target = decodePathSegment(Route.rawIdSegment(request.rawPath()));
                if (state.find(target).isPresent()) {
                    state.setStatus(target, UserStatus.ACTIVE);
                }
                return respond(handleNormally(request, route, authorized));
            case AFTER_CHANGE:
                Answer normal = handleNormally(request, route, authorized);
                return respond(new Answer(fault.httpStatus(), errorBody(fault.errorCode(), fault.errorSummary()),
                        normal.rate()));
            default:
                throw new AssertionError(fault.kind());
        }
    }

    private Answer concurrencyLimited() {
        return new Answer(429, errorBody(OktaErrors.RATE_LIMITED, OktaErrors.RATE_LIMITED_SUMMARY),
                new RateLimitBucket.Snapshot("concurrency", 0, 0,
                        RateLimitBucket.ceilEpochSecond(clock.instant().plus(CONCURRENCY_RESET)), false));
    }

    private Answer handleNormally(Request request, Route route, boolean authorized) {
        RateLimitBucket bucket = buckets.get(route);
        if (!authorized) {
            return new Answer(401, errorBody(OktaErrors.INVALID_TOKEN, OktaErrors.INVALID_TOKEN_SUMMARY),
                    bucket.peek(clock.instant()));
        }
        RateLimitBucket.Snapshot rate = bucket.tryAcquire(clock.instant());
        if (!rate.granted()) {
            return new Answer(429, errorBody(OktaErrors.RATE_LIMITED, OktaErrors.RATE_LIMITED_SUMMARY), rate);
        }
        switch (route) {
            case GET_USER: return getUser(request, rate);
            case LIST_USERS: return listUsers(request, rate);
            case CREATE_USER: case LIST_GROUPS: case GET_GROUP: case LIST_GROUP_MEMBERS: case LIST_USER_GROUPS:
                return reply(groupEndpoints.answer(route, request), rate);
            case DEACTIVATE_USER: return deactivateUser(request, rate);
            case DELETE_USER: return deleteUser(request, rate);
            case OTHER: return other(request, rate);
            default: throw new AssertionError(route);
        }
    }

    private Answer getUser(Request request, RateLimitBucket.Snapshot rate) {
        String rawId = Route.rawIdSegment(request.rawPath());
        if (holdsEncodedSlash(rawId)) {
            return methodNotSupported(rate);
        }
        String id = decodePathSegment(rawId);
        return state.resolve(id)
                .map(user -> new Answer(200, json(UserJson.render(user, orgUrl, userTypeId)), rate))
                .orElseGet(() -> userNotFound(id, rate));
    }

    private Answer listUsers(Request request, RateLimitBucket.Snapshot rate) {
        Map<String, String> query = parseQuery(request.rawQuery());
        Predicate<FakeUser> predicate;
        int defaultLimit = DEFAULT_PAGE;
        try {
            if (query.containsKey("filter")) {
                predicate = UserFilter.parse(query.get("filter"), false);
                if (query.containsKey("search")) {
                    predicate = predicate.and(UserFilter.parse(query.get("search"), true));
                }
            } else if (query.containsKey("search")) {
                predicate = UserFilter.parse(query.get("search"), true);
            } else if (query.containsKey("q")) {
                String prefix = query.get("q").toLowerCase(Locale.ROOT);
                predicate = user -> user.status() != UserStatus.DEPROVISIONED
                        && (user.firstName().toLowerCase(Locale.ROOT).startsWith(prefix)
                                || user.lastName().toLowerCase(Locale.ROOT).startsWith(prefix)
                                || user.email().toLowerCase(Locale.ROOT).startsWith(prefix));
                defaultLimit = DEFAULT_Q_PAGE;
            } else {
                predicate = user -> user.status() != UserStatus.DEPROVISIONED;
            }
        } catch (IllegalArgumentException e) {
            return new Answer(400, errorBody(OktaErrors.INVALID_SEARCH, OktaErrors.INVALID_SEARCH_SUMMARY), rate);
        }
        int limit = defaultLimit;
        if (query.containsKey("limit")) {
            try {
                limit = Math.min(Integer.parseInt(query.get("limit").trim()), DEFAULT_PAGE);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1) {
                return validationFailed("limit", rate);
            }
        }
        List<FakeUser> matches;
        try {
            matches = state.select(predicate, query.get("after"));
        } catch (IllegalArgumentException e) {
            return validationFailed("after", rate);
        }
        List<FakeUser> page = matches.subList(0, Math.min(limit, matches.size()));
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (FakeUser user : page) {
            array.add(UserJson.render(user, orgUrl, userTypeId));
        }
        List<Map.Entry<String, String>> links = new ArrayList<>();
        String base = orgUrl + "/api/v1/users";
        links.add(Map.entry("Link", "<" + base + (request.rawQuery() == null ? "" : "?" + request.rawQuery())
                + ">; rel=\"self\""));
        if (matches.size() > page.size()) {
            StringBuilder next = new StringBuilder(base).append("?after=").append(page.get(page.size() - 1).id())
                    .append("&limit=").append(limit);
            for (String name : List.of("filter", "search", "q")) {
                if (query.containsKey(name)) {
                    next.append('&').append(name).append('=').append(encodeQueryValue(query.get(name)));
                }
            }
            links.add(Map.entry("Link", "<" + next + ">; rel=\"next\""));
        }
        return new Answer(200, json(array), rate, links);
    }

    private Answer reply(FakeReply reply, RateLimitBucket.Snapshot rate) {
        return new Answer(reply.status(), reply.body() == null ? null : json(reply.body()), rate, reply.headers());
    }

    private Answer deactivateUser(Request request, RateLimitBucket.Snapshot rate) {
        String rawId = Route.rawIdSegment(request.rawPath());
        if (holdsEncodedSlash(rawId)) {
            return methodNotSupported(rate);
        }
        String id = decodePathSegment(rawId);
        switch (state.deactivate(id)) {
            case NOT_FOUND:
                return userNotFound(id, rate);
            case ALREADY_DEPROVISIONED:
                return deactivateOfDeprovisionedAnswers404 ? userNotFound(id, rate) : new Answer(200, null, rate);
            default:
                return new Answer(200, null, rate); // Okta answers 200 with an empty body
        }
    }

    private Answer deleteUser(Request request, RateLimitBucket.Snapshot rate) {
        String rawId = Route.rawIdSegment(request.rawPath());
        if (holdsEncodedSlash(rawId)) {
            return methodNotSupported(rate);
        }
        String id = decodePathSegment(rawId);
        return state.delete(id) == OrgState.Change.NOT_FOUND ? userNotFound(id, rate) : new Answer(204, null, rate);
    }

    private Answer other(Request request, RateLimitBucket.Snapshot rate) {
        if (Route.isKnownPath(request.rawPath())) {
            return methodNotSupported(rate);
        }
        return new Answer(404, errorBody(OktaErrors.NOT_FOUND,
                "Not found: Resource not found: " + request.rawPath() + " (Resource)"), rate);
    }

    private Answer userNotFound(String id, RateLimitBucket.Snapshot rate) {
        return new Answer(404, errorBody(OktaErrors.NOT_FOUND, "Not found: Resource not found: " + id + " (User)"),
                rate);
    }

    private Answer methodNotSupported(RateLimitBucket.Snapshot rate) {
        return new Answer(405, errorBody(OktaErrors.METHOD_NOT_SUPPORTED, OktaErrors.METHOD_NOT_SUPPORTED_SUMMARY),
                rate);
    }

    private Answer validationFailed(String field, RateLimitBucket.Snapshot rate) {
        return validationFailed(field, field + ": The value is not valid", rate);
    }

    private Answer validationFailed(String field, String cause, RateLimitBucket.Snapshot rate) {
        ObjectNode body = OktaErrors.body(OktaErrors.API_VALIDATION_FAILED, "Api validation failed: " + field);
        ((ArrayNode) body.get("errorCauses")).addObject().put("errorSummary", cause);
        return new Answer(400, json(body), rate);
    }

    private Response respond(Answer answer) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(Map.entry("Date", HTTP_DATE.format(clock.instant())));
        if (answer.body() != null) {
            headers.add(Map.entry("Content-Type", APPLICATION_JSON));
        }
        headers.add(Map.entry("X-Rate-Limit-Limit", Long.toString(answer.rate().limit())));
        headers.add(Map.entry("X-Rate-Limit-Remaining", Long.toString(answer.rate().remaining())));
        headers.add(Map.entry("X-Rate-Limit-Reset", Long.toString(answer.rate().resetEpochSecond())));
        headers.add(Map.entry("X-Okta-Request-Id", OktaErrors.randomAlphanumeric(27)));
        headers.addAll(answer.extra());
        return new Response(answer.status(), List.copyOf(headers), answer.body() == null ? new byte[0] : answer.body());
    }

    private static Response withHeaders(Response response, Map<String, List<String>> replacements) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (Map.Entry<String, String> header : response.headers()) {
            String name = header.getKey();
            boolean replaced = name.regionMatches(true, 0, "X-Rate-Limit-", 0, "X-Rate-Limit-".length())
                    || replacements.keySet().stream().anyMatch(name::equalsIgnoreCase);
            if (!replaced) {
                headers.add(header);
            }
        }
        replacements.forEach((name, values) -> values.forEach(value -> headers.add(Map.entry(name, value))));
        return new Response(response.status(), List.copyOf(headers), response.body());
    }

    private boolean carriesToken(Request request) {
        List<String> values = request.headerValues("Authorization");
        return values.size() == 1
                && MessageDigest.isEqual(values.get(0).getBytes(StandardCharsets.UTF_8), expectedAuthorization);
    }

    private int count(Predicate<RecordedRequest> predicate) {
        synchronized (recorded) {
            return (int) recorded.stream().filter(predicate).count();
        }
    }

    private static final byte[] NOT_OKTA_PAGE = "<html><body><h1>404 Not Found</h1></body></html>"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private static byte[] errorBody(String errorCode, String errorSummary) {
        return json(OktaErrors.body(errorCode, errorSummary));
    }

    private static byte[] json(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String emailFor(String login) {
        return login.indexOf('@') > 0 ? login : login + "@example.com";
    }

    private static boolean holdsEncodedSlash(String rawSegment) {
        return rawSegment.toUpperCase(Locale.ROOT).contains("%2F");
    }

    /** Percent-decodes a path segment as UTF-8; {@code +} stays a plus, a malformed escape stays as it is. */
    static String decodePathSegment(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        int i = 0;
        while (i < raw.length()) {
            int c = raw.codePointAt(i);
            if (c == '%' && i + 2 < raw.length() && hex(raw.charAt(i + 1)) >= 0 && hex(raw.charAt(i + 2)) >= 0) {
                bytes.write(hex(raw.charAt(i + 1)) * 16 + hex(raw.charAt(i + 2)));
                i += 3;
            } else {
                byte[] encoded = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
                i += Character.charCount(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    /** The query's parameters, form-decoded as UTF-8; the first of repeated names wins. */
    static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decodeQueryPart(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decodeQueryPart(pair.substring(equals + 1));
            parameters.putIfAbsent(name, value);
        }
        return parameters;
    }

    private static String decodeQueryPart(String part) {
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return part;
        }
    }

    static String encodeQueryValue(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * The latency of one answer: with a {@link MutableClock}, the answer comes {@code latency} after the request on
     * that clock (moved forward if no one else did; requests in flight together end together); with any other
     * clock, a real wait.
     */
    private void elapse(Duration duration, Instant receivedAt) {
        if (clock instanceof MutableClock mutable) {
            if (!duration.isZero()) {
                mutable.advanceTo(receivedAt.plus(duration));
            }
        } else {
            sleep(duration);
        }
    }

    private static void sleep(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(duration.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the server is closing
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Configures and starts a {@link FakeOktaOrg}.
     *
     * <p>Defaults: token {@value FakeOktaOrg#DEFAULT_API_TOKEN}; {@link Clock#systemUTC()}; Okta's Workforce buckets
     * ({@link Route#defaultBucket()}: {@code GET /api/v1/users/{idOrLogin}} 2000, {@code GET|POST /api/v1/users} 600
     * for listing and creating, {@code POST|PUT|DELETE /api/v1/users/{id}} 600 shared by deactivate and delete,
     * {@code /api/v1} 1200 for the rest) per 60-second window; 75 requests in flight; no latency; a deactivate of a
     * {@code DEPROVISIONED} user answers 404; deactivating or deleting the token's owner revokes the token; at most
     * 256 open connections.
     *
     * <p>Not thread-safe: configure it on one thread. {@link #start()} copies what it holds, so one builder can start
     * several independent orgs.
     *
     * <pre>{@code
     * FakeOktaOrg org = FakeOktaOrg.builder()
     *         .apiToken("test-token")
     *         .clock(clock)
     *         .rateLimit(Route.DELETE_USER, 10)
     *         .bucketOf(Route.DEACTIVATE_USER, Route.GET_USER)
     *         .concurrencyLimit(5)
     *         .start();
     * }</pre>
     */
    public static final class Builder {

        private String apiToken = DEFAULT_API_TOKEN;
        private Clock clock = Clock.systemUTC();
        private Duration rateLimitWindow = Duration.ofSeconds(60);
        private final Map<Route, String> bucketNames = new EnumMap<>(Route.class);
        private final Map<String, Integer> defaultLimits = new HashMap<>();
        private final List<Map.Entry<Route, Integer>> limits = new ArrayList<>();
        private int concurrencyLimit = 75;
        private Duration latency = Duration.ZERO;
        private boolean deactivateOfDeprovisionedAnswers404 = true;
        private boolean tokenOwnerDeactivationRevokesToken = true;
        private int maxConnections = 256;
        private double hiddenTokenShare = 1.0;
        private final Map<String, Integer> otherClients = new HashMap<>();

        private Builder() {
            for (Route route : Route.values()) {
                bucketNames.put(route, route.defaultBucket());
                defaultLimits.put(route.defaultBucket(), route.defaultLimit());
            }
        }

        /**
         * The token clients must send as {@code Authorization: SSWS <token>}; default
         * {@value FakeOktaOrg#DEFAULT_API_TOKEN}.
         *
         * @param apiToken the token, non-blank, without white space or control characters
         * @return this builder
         * @throws NullPointerException if {@code apiToken} is {@code null}
         * @throws IllegalArgumentException if {@code apiToken} is blank or holds white space or control characters
         */
        public Builder apiToken(String apiToken) {
            Objects.requireNonNull(apiToken, "apiToken");
            if (apiToken.isEmpty() || apiToken.chars().anyMatch(c -> c <= ' ' || c == 127)) {
                // never echo the token itself
                throw new IllegalArgumentException("apiToken must be non-empty, without white space or control "
                        + "characters");
            }
            this.apiToken = apiToken;
            return this;
        }

        /**
         * The clock for rate-limit windows, the {@code Date} and {@code X-Rate-Limit-Reset} headers and user
         * timestamps; default {@link Clock#systemUTC()}. Tests pass a {@link MutableClock}.
         *
         * @param clock the clock
         * @return this builder
         * @throws NullPointerException if {@code clock} is {@code null}
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Limits the org as these {@link RateLimits} say: buckets and their limits, window, concurrency limit,
         * latency, hidden token share and other clients, replacing what was set before; later calls (for example
         * {@link #rateLimit}) change them further.
         *
         * <pre>{@code
         * FakeOktaOrg org = FakeOktaOrg.builder().rateLimits(RateLimits.integratorFree().scaled(4)).start();
         * }</pre>
         *
         * @param rateLimits the limits
         * @return this builder
         * @throws NullPointerException if {@code rateLimits} is {@code null}
         */
        public Builder rateLimits(RateLimits rateLimits) {
            Objects.requireNonNull(rateLimits, "rateLimits");
            limits.clear();
            defaultLimits.clear();
            otherClients.clear();
            for (Route route : Route.values()) {
                String bucket = rateLimits.bucketOf(route);
                bucketNames.put(route, bucket);
                defaultLimits.put(bucket, rateLimits.limit(route));
                if (rateLimits.otherClients(route) > 0) {
                    otherClients.put(bucket, rateLimits.otherClients(route));
                }
            }
            rateLimitWindow = rateLimits.window();
            concurrencyLimit = rateLimits.concurrencyLimit();
            latency = rateLimits.latency();
            hiddenTokenShare = rateLimits.hiddenTokenShare();
            return this;
        }

        /**
         * The per-window limit of the bucket a route counts against. Applied at {@link #start()} to the bucket the
         * route then belongs to, so it may come before or after {@link #bucketOf}; when several routes share a
         * bucket, the last call wins.
         *
         * @param route the route
         * @param limit requests per window, at least 1
         * @return this builder
         * @throws NullPointerException if {@code route} is {@code null}
         * @throws IllegalArgumentException if {@code limit} is less than 1
         */
        public Builder rateLimit(Route route, int limit) {
            Objects.requireNonNull(route, "route");
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be at least 1: " + limit);
            }
            limits.add(Map.entry(route, limit));
            return this;
        }

        /**
         * How long a rate-limit window lasts; default 60 s. A window starts at the first request counted after the
         * previous one ended.
         *
         * @param window the window, positive
         * @return this builder
         * @throws NullPointerException if {@code window} is {@code null}
         * @throws IllegalArgumentException if {@code window} is zero or negative
         */
        public Builder rateLimitWindow(Duration window) {
            Objects.requireNonNull(window, "window");
            if (window.isZero() || window.isNegative()) {
                throw new IllegalArgumentException("window must be positive: " + window);
            }
            this.rateLimitWindow = window;
            return this;
        }

        /**
         * Makes {@code route} count against the bucket {@code sameAs} counts against at the time of this call. By
         * default deactivate and delete share {@code POST|PUT|DELETE /api/v1/users/{id}}; Okta does not document
         * which bucket deactivate counts against, so tests can try others, e.g.
         * {@code bucketOf(Route.DEACTIVATE_USER, Route.OTHER)}.
         *
         * @param route the route to move
         * @param sameAs the route whose bucket it joins
         * @return this builder
         * @throws NullPointerException if an argument is {@code null}
         */
        public Builder bucketOf(Route route, Route sameAs) {
            Objects.requireNonNull(route, "route");
            Objects.requireNonNull(sameAs, "sameAs");
            bucketNames.put(route, bucketNames.get(sameAs));
            return this;
        }

        /**
         * Gives {@code route} a bucket of its own, named after its method and path (for example
         * {@code POST /api/v1/users/{id}/lifecycle/deactivate}), with the route's default limit unless
         * {@link #rateLimit} says otherwise.
         *
         * @param route the route
         * @return this builder
         * @throws NullPointerException if {@code route} is {@code null}
         */
        public Builder separateBucket(Route route) {
            Objects.requireNonNull(route, "route");
            String name = route == Route.OTHER ? route.defaultBucket() : route.method() + " " + route.pathTemplate();
            bucketNames.put(route, name);
            defaultLimits.putIfAbsent(name, route.defaultLimit());
            return this;
        }

        /**
         * The most requests in flight at once; a request beyond it gets a concurrency 429 (Limit 0, Remaining 0,
         * Reset now + 60 s). Default 75, Okta's limit per org.
         *
         * @param concurrencyLimit at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code concurrencyLimit} is less than 1
         */
        public Builder concurrencyLimit(int concurrencyLimit) {
            if (concurrencyLimit < 1) {
                throw new IllegalArgumentException("concurrencyLimit must be at least 1: " + concurrencyLimit);
            }
            this.concurrencyLimit = concurrencyLimit;
            return this;
        }

        /**
         * The time each answer takes; default zero. With a {@link MutableClock} as {@link #clock}, the answer is
         * stamped {@code latency} after the request on that clock, which it moves forward (no real wait: rate and
         * concurrency tests stay deterministic); with any other clock, a real delay on the server thread, for
         * benchmarks.
         *
         * @param latency zero or positive
         * @return this builder
         * @throws NullPointerException if {@code latency} is {@code null}
         * @throws IllegalArgumentException if {@code latency} is negative
         */
        public Builder latency(Duration latency) {
            Objects.requireNonNull(latency, "latency");
            if (latency.isNegative()) {
                throw new IllegalArgumentException("latency must not be negative: " + latency);
            }
            this.latency = latency;
            return this;
        }

        /**
         * Whether a deactivate of a user that is already {@code DEPROVISIONED} answers 404 {@code E0000007} (as
         * reported in okta/okta-sdk-java#721), rather than 200; default {@code true}.
         *
         * @param answers404 {@code true} for 404
         * @return this builder
         */
        public Builder deactivateOfDeprovisionedAnswers404(boolean answers404) {
            this.deactivateOfDeprovisionedAnswers404 = answers404;
            return this;
        }

        /**
         * Whether deactivating or deleting the user set with {@link FakeOktaOrg#setTokenOwner(String)} revokes the
         * token, as in Okta; default {@code true}.
         *
         * @param revokes {@code true} to revoke
         * @return this builder
         */
        public Builder tokenOwnerDeactivationRevokesToken(boolean revokes) {
            this.tokenOwnerDeactivationRevokesToken = revokes;
            return this;
        }

        /**
         * The most open connections (each holds one server thread); a connection beyond it is closed at once.
         * Default 256.
         *
         * @param maxConnections at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code maxConnections} is less than 1
         */
        public Builder maxConnections(int maxConnections) {
            if (maxConnections < 1) {
                throw new IllegalArgumentException("maxConnections must be at least 1: " + maxConnections);
            }
            this.maxConnections = maxConnections;
            return this;
        }

        /**
         * Starts the org on {@code 127.0.0.1} and an ephemeral port.
         *
         * <pre>{@code
         * try (FakeOktaOrg org = FakeOktaOrg.builder().clock(clock).start()) { ... }
         * }</pre>
         *
         * @return a started org, to be closed
         * @throws UncheckedIOException if no loopback port can be bound
         */
        public FakeOktaOrg start() {
            Map<String, Integer> limitByBucket = new HashMap<>(defaultLimits);
            for (Map.Entry<Route, Integer> limit : limits) {
                limitByBucket.put(bucketNames.get(limit.getKey()), limit.getValue());
            }
            Map<String, RateLimitBucket> byName = new HashMap<>();
            Map<Route, RateLimitBucket> buckets = new EnumMap<>(Route.class);
            for (Route route : Route.values()) {
                String name = bucketNames.get(route);
                buckets.put(route, byName.computeIfAbsent(name, n -> new RateLimitBucket(n, limitByBucket.get(n),
                        rateLimitWindow, hiddenTokenShare, Math.min(otherClients.getOrDefault(n, 0),
                                limitByBucket.get(n) - 1))));
            }
            return new FakeOktaOrg(this, buckets);
        }
    }
}

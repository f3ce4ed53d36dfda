package io.github.oktabulkdelete.testing;

import java.util.List;

/**
 * The endpoints a {@link FakeOktaOrg} tells apart: for faults, rate-limit buckets and request counts.
 *
 * <p>Each route counts by default against the rate-limit bucket Okta publishes for it ({@link #defaultBucket()},
 * {@link #defaultLimit()} per minute, the Workforce numbers); {@link FakeOktaOrg.Builder#bucketOf(Route, Route)}
 * regroups them. Immutable and thread-safe, as every enum.
 *
 * <pre>{@code
 * org.failNext(Route.DELETE_USER, 2, Fault.status(503));
 * assertThat(org.requestCount(Route.DELETE_USER, 204)).isEqualTo(1);
 * }</pre>
 */
public enum Route {

    /** {@code GET /api/v1/users/{idOrLogin}}: one user by id, login, login shortname or {@code me}. */
    GET_USER("GET", "/api/v1/users/{idOrLogin}", "GET /api/v1/users/{idOrLogin}", 2000),

    /** {@code GET /api/v1/users}: list, filter or search users. */
    LIST_USERS("GET", "/api/v1/users", "GET|POST /api/v1/users", 600),

    /** {@code POST /api/v1/users}: create a user. */
    CREATE_USER("POST", "/api/v1/users", "GET|POST /api/v1/users", 600),

    /** {@code POST /api/v1/users/{id}/lifecycle/deactivate}: deactivate a user. */
    DEACTIVATE_USER("POST", "/api/v1/users/{id}/lifecycle/deactivate", "POST|PUT|DELETE /api/v1/users/{id}", 600),

    /** {@code DELETE /api/v1/users/{id}}: deactivate, or delete a deactivated user. */
    DELETE_USER("DELETE", "/api/v1/users/{id}", "POST|PUT|DELETE /api/v1/users/{id}", 600),

    /** {@code GET /api/v1/groups}: list groups, {@code q} or {@code search} by name. */
    LIST_GROUPS("GET", "/api/v1/groups", "/api/v1", 1200),

    /** {@code GET /api/v1/groups/{groupId}}: one group. */
    GET_GROUP("GET", "/api/v1/groups/{groupId}", "/api/v1", 1200),

    /** {@code GET /api/v1/groups/{groupId}/users}: a group's members. */
    LIST_GROUP_MEMBERS("GET", "/api/v1/groups/{groupId}/users", "/api/v1", 1200),

    /** {@code GET /api/v1/users/{id}/groups}: a user's groups ("the rest of /api/v1", as FACTS.md models it). */
    LIST_USER_GROUPS("GET", "/api/v1/users/{id}/groups", "/api/v1", 1200),

    /** Any other method or path; the fake answers it with an error (404, or 405 for a known path). */
    OTHER("*", "/api/v1/**", "/api/v1", 1200);

    private final String method;
    private final String pathTemplate;
    private final String defaultBucket;
    private final int defaultLimit;

    Route(String method, String pathTemplate, String defaultBucket, int defaultLimit) {
        this.method = method;
        this.pathTemplate = pathTemplate;
        this.defaultBucket = defaultBucket;
        this.defaultLimit = defaultLimit;
    }

    /**
     * The HTTP method of this route.
     *
     * @return for example {@code DELETE}; {@code *} for {@link #OTHER}
     */
    public String method() {
        return method;
    }

    /**
     * The path template of this route.
     *
     * @return for example {@code /api/v1/users/{id}}
     */
    public String pathTemplate() {
        return pathTemplate;
    }

    /**
     * The name of the rate-limit bucket this route counts against unless the builder says otherwise.
     *
     * @return for example {@code POST|PUT|DELETE /api/v1/users/{id}}
     */
    public String defaultBucket() {
        return defaultBucket;
    }

    /**
     * The per-window limit of {@link #defaultBucket()} unless the builder says otherwise.
     *
     * @return requests per window, for example 600
     */
    public int defaultLimit() {
        return defaultLimit;
    }

    /**
     * The route of a request, from its method and its raw (still percent-encoded) path.
     *
     * @param method the request method
     * @param rawPath the raw path, starting with {@code /}
     * @return the route, {@link #OTHER} when none fits
     */
    static Route of(String method, String rawPath) {
        List<String> segments = segments(rawPath);
        if (isGroupPath(segments)) {
            return !"GET".equals(method) ? OTHER
                    : segments.size() == 3 ? LIST_GROUPS : segments.size() == 4 ? GET_GROUP : LIST_GROUP_MEMBERS;
        }
        if (segments.size() < 3 || !segments.get(0).equals("api") || !segments.get(1).equals("v1")
                || !segments.get(2).equals("users") || segments.stream().anyMatch(String::isEmpty)) {
            return OTHER;
        }
        switch (segments.size()) {
            case 3:
                return "GET".equals(method) ? LIST_USERS : "POST".equals(method) ? CREATE_USER : OTHER;
            case 4:
                return "GET".equals(method) ? GET_USER : "DELETE".equals(method) ? DELETE_USER : OTHER;
            case 5:
                return "GET".equals(method) && segments.get(4).equals("groups") ? LIST_USER_GROUPS : OTHER;
            case 6:
                return "POST".equals(method) && segments.get(4).equals("lifecycle")
                        && segments.get(5).equals("deactivate") ? DEACTIVATE_USER : OTHER;
            default:
                return OTHER;
        }
    }

    /**
     * Whether a raw path names one of the users endpoints, whatever the method: a request on it with another
     * method is a 405, not a 404.
     */
    static boolean isKnownPath(String rawPath) {
        List<String> segments = segments(rawPath);
        if (isGroupPath(segments)) {
            return true;
        }
        if (segments.size() < 3 || !segments.get(0).equals("api") || !segments.get(1).equals("v1")
                || !segments.get(2).equals("users") || segments.stream().anyMatch(String::isEmpty)) {
            return false;
        }
        return segments.size() == 3 || segments.size() == 4 || segments.size() == 5 && segments.get(4).equals("groups")
                || segments.size() == 6
                && segments.get(4).equals("lifecycle") && segments.get(5).equals("deactivate");
    }

    /** The raw id segment ({@code {id}}) of a request on this route, or {@code null} if the route has none. */
    static String rawIdSegment(String rawPath) {
        List<String> segments = segments(rawPath);
        return segments.size() >= 4 ? segments.get(3) : null;
    }

    /** {@code /api/v1/groups}, {@code /api/v1/groups/{groupId}} or {@code /api/v1/groups/{groupId}/users}. */
    private static boolean isGroupPath(List<String> segments) {
        return segments.size() >= 3 && segments.size() <= 5 && segments.get(0).equals("api")
                && segments.get(1).equals("v1") && segments.get(2).equals("groups")
                && segments.stream().noneMatch(String::isEmpty) && (segments.size() < 5 || segments.get(4).equals("users"));
    }

    private static List<String> segments(String rawPath) {
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        return List.of(path.split("/", -1));
    }
}

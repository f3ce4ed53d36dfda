package io.github.oktabulkdelete.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.okta.sdk.resource.model.GroupType;
import com.okta.sdk.resource.model.UserStatus;
import io.github.oktabulkdelete.testing.LoopbackHttpServer.Request;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The group endpoints of a {@link FakeOktaOrg}, and user creation with {@code groupIds}, as the spec describes them:
 * <ul>
 *   <li>{@code GET /api/v1/groups}: every group, paged by {@code after}/{@code limit} (at most 10000, the spec's
 *       maximum, and the default); {@code q} finds groups whose name starts with it, case-insensitively, without
 *       paging (default limit 300); {@code search} accepts {@code profile.name}, {@code type} and {@code id} with
 *       {@code eq} or {@code sw} (case-insensitive), 400 {@code E0000031} for anything else.
 *   <li>{@code GET /api/v1/groups/{groupId}}: one group, or 404 {@code E0000007}.
 *   <li>{@code GET /api/v1/groups/{groupId}/users}: the members, paged (default and maximum 1000).
 *   <li>{@code GET /api/v1/users/{id}/groups}: a user's groups, {@code Everyone} included; 404 for no such user.
 *   <li>{@code POST /api/v1/users}: {@code profile} (custom attributes kept), {@code type.id}, {@code groupIds}
 *       (OKTA_GROUPs only, at most 20), {@code activate=false} for a {@code STAGED} user; a login already taken is
 *       400 {@code E0000001} with the cause {@code login: An object with this field already exists in the current
 *       organization}.
 * </ul>
 * Pages carry {@code Link: <...>; rel="self"} and, when more follow, {@code rel="next"} with the cursor
 * {@code after}. Okta does not document its answer to an unknown or app group in {@code groupIds}: the fake answers
 * 400 {@code E0000001} naming the group.
 *
 * <p>Thread-safe: it holds no state of its own.
 *
 * <pre>{@code
 * FakeReply reply = endpoints.answer(Route.LIST_GROUP_MEMBERS, request);
 * }</pre>
 */
final class GroupEndpoints {

    static final int GROUPS_PAGE = 10_000;
    static final int GROUPS_QUERY_PAGE = 300;
    static final int MEMBERS_PAGE = 1000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OrgState state;
    private final FakeGroups groups;
    private final String orgUrl;
    private final String defaultTypeId;

    GroupEndpoints(OrgState state, FakeGroups groups, String orgUrl, String defaultTypeId) {
        this.state = state;
        this.groups = groups;
        this.orgUrl = orgUrl;
        this.defaultTypeId = defaultTypeId;
    }

    FakeReply answer(Route route, Request request) {
        switch (route) {
            case LIST_GROUPS: return listGroups(request);
            case GET_GROUP: return getGroup(request);
            case LIST_GROUP_MEMBERS: return listMembers(request);
            case LIST_USER_GROUPS: return userGroups(request);
            case CREATE_USER: return createUser(request);
            default: throw new IllegalArgumentException("not a group route: " + route);
        }
    }

    private FakeReply listGroups(Request request) {
        Map<String, String> query = FakeOktaOrg.parseQuery(request.rawQuery());
        List<FakeGroup> all = groups.all();
        if (query.containsKey("q")) {
            Integer limit = limit(query, GROUPS_QUERY_PAGE, GROUPS_PAGE);
            if (limit == null) {
                return FakeReply.validationFailed("limit", "limit: The value is not valid");
            }
            String prefix = query.get("q").toLowerCase(Locale.ROOT);
            List<FakeGroup> found = all.stream()
                    .filter(g -> g.name().toLowerCase(Locale.ROOT).startsWith(prefix)).limit(limit).toList();
            return new FakeReply(200, render(found, this::renderGroup), List.of(self(request)));
        }
        List<FakeGroup> matches = all;
        if (query.containsKey("search")) {
            try {
                matches = all.stream().filter(groupSearch(query.get("search"))).toList();
            } catch (IllegalArgumentException e) {
                return FakeReply.error(400, OktaErrors.INVALID_SEARCH, OktaErrors.INVALID_SEARCH_SUMMARY);
            }
        }
        String after = query.get("after");
        if (after != null) {
            int at = indexOf(matches, after, FakeGroup::id);
            if (at < 0) {
                return FakeReply.validationFailed("after", "after: The value is not valid");
            }
            matches = matches.subList(at + 1, matches.size());
        }
        return page(request, query, matches, GROUPS_PAGE, GROUPS_PAGE, FakeGroup::id, this::renderGroup,
                "/api/v1/groups", List.of("search"));
    }

    private FakeReply getGroup(Request request) {
        String groupId = FakeOktaOrg.decodePathSegment(segment(request, 3));
        return groups.group(groupId).map(g -> FakeReply.ok(renderGroup(g)))
                .orElseGet(() -> FakeReply.notFound(groupId, "UserGroup"));
    }

    private FakeReply listMembers(Request request) {
        String groupId = FakeOktaOrg.decodePathSegment(segment(request, 3));
        if (groups.group(groupId).isEmpty()) {
            return FakeReply.notFound(groupId, "UserGroup");
        }
        Map<String, String> query = FakeOktaOrg.parseQuery(request.rawQuery());
        List<FakeUser> members;
        try {
            members = groups.membersAfter(groupId, query.get("after"));
        } catch (IllegalArgumentException e) {
            return FakeReply.validationFailed("after", "after: The value is not valid");
        }
        return page(request, query, members, MEMBERS_PAGE, MEMBERS_PAGE, FakeUser::id,
                user -> UserJson.render(user, orgUrl, defaultTypeId), "/api/v1/groups/" + segment(request, 3)
                        + "/users", List.of());
    }

    private FakeReply userGroups(Request request) {
        String id = FakeOktaOrg.decodePathSegment(segment(request, 3));
        return state.resolve(id).map(user -> new FakeReply(200, render(groups.groupsOfId(user.id()),
                this::renderGroup), List.of()))
                .orElseGet(() -> FakeReply.notFound(id, "User"));
    }

    private FakeReply createUser(Request request) {
        JsonNode body;
        try {
            body = JSON.readTree(request.body());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject() || !body.path("profile").isObject()) {
            return FakeReply.error(400, OktaErrors.MALFORMED_BODY, "The request body was not well-formed.");
        }
        JsonNode profile = body.path("profile");
        String login = profile.path("login").asText("");
        if (login.isBlank()) {
            return FakeReply.validationFailed("login", "login: The field cannot be left blank");
        }
        int at = login.indexOf('@');
        String email = profile.path("email").asText(at > 0 ? login : login + "@example.com");
        String firstName = profile.path("firstName").asText(at > 0 ? login.substring(0, at) : login);
        String lastName = profile.path("lastName").asText("Test");
        Map<String, Object> custom = new LinkedHashMap<>();
        profile.fields().forEachRemaining(field -> {
            if (!List.of("login", "email", "firstName", "lastName").contains(field.getKey())) {
                custom.put(field.getKey(), JSON.convertValue(field.getValue(), Object.class));
            }
        });
        String typeId = body.path("type").path("id").isTextual() ? body.path("type").path("id").asText() : null;
        List<String> groupIds = new ArrayList<>();
        body.path("groupIds").forEach(id -> groupIds.add(id.asText()));
        String activate = FakeOktaOrg.parseQuery(request.rawQuery()).getOrDefault("activate", "true");
        UserStatus status = "false".equalsIgnoreCase(activate) ? UserStatus.STAGED : UserStatus.ACTIVE;
        FakeUser[] created = new FakeUser[1];
        FakeReply refused;
        try {
            refused = groups.createUser(groupIds, () -> created[0] = state.add(login, status, firstName, lastName,
                    email, typeId, custom));
        } catch (IllegalArgumentException taken) {
            return FakeReply.validationFailed("login",
                    "login: An object with this field already exists in the current organization");
        }
        return refused != null ? refused : FakeReply.ok(UserJson.render(created[0], orgUrl, defaultTypeId));
    }

    // ---------------------------------------------------------------------------------------------------------------

    private <T> FakeReply page(Request request, Map<String, String> query, List<T> matches, int defaultLimit,
            int maxLimit, Function<T, String> id, Function<T, JsonNode> render, String path, List<String> carried) {
        Integer limit = limit(query, defaultLimit, maxLimit);
        if (limit == null) {
            return FakeReply.validationFailed("limit", "limit: The value is not valid");
        }
        List<T> page = matches.subList(0, Math.min(limit, matches.size()));
        List<Map.Entry<String, String>> links = new ArrayList<>();
        links.add(self(request));
        if (matches.size() > page.size()) {
            StringBuilder next = new StringBuilder(orgUrl).append(path).append("?after=")
                    .append(FakeOktaOrg.encodeQueryValue(id.apply(page.get(page.size() - 1))))
                    .append("&limit=").append(limit);
            for (String name : carried) {
                if (query.containsKey(name)) {
                    next.append('&').append(name).append('=').append(FakeOktaOrg.encodeQueryValue(query.get(name)));
                }
            }
            links.add(Map.entry("Link", "<" + next + ">; rel=\"next\""));
        }
        return new FakeReply(200, render(page, render), links);
    }

    /** The limit asked for, capped at the maximum; {@code null} if it is not a positive number. */
    private static Integer limit(Map<String, String> query, int defaultLimit, int maxLimit) {
        if (!query.containsKey("limit")) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(query.get("limit").trim());
            return limit < 1 ? null : Math.min(limit, maxLimit);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Map.Entry<String, String> self(Request request) {
        return Map.entry("Link", "<" + orgUrl + request.rawPath()
                + (request.rawQuery() == null ? "" : "?" + request.rawQuery()) + ">; rel=\"self\"");
    }

    private static <T> ArrayNode render(List<T> items, Function<T, JsonNode> render) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        items.forEach(item -> array.add(render.apply(item)));
        return array;
    }

    private static <T> int indexOf(List<T> items, String id, Function<T, String> idOf) {
        for (int i = 0; i < items.size(); i++) {
            if (idOf.apply(items.get(i)).equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private static String segment(Request request, int index) {
        String path = request.rawPath().startsWith("/") ? request.rawPath().substring(1) : request.rawPath();
        return path.split("/", -1)[index];
    }

    /** {@code profile.name}, {@code type} or {@code id} with {@code eq} or {@code sw}, joined by {@code and}/{@code or}. */
    private static java.util.function.Predicate<FakeGroup> groupSearch(String expression) {
        java.util.function.Predicate<FakeGroup> any = null;
        for (String alternative : expression.split("(?i)\\s+or\\s+")) {
            java.util.function.Predicate<FakeGroup> all = g -> true;
            for (String clause : alternative.split("(?i)\\s+and\\s+")) {
                java.util.regex.Matcher m = java.util.regex.Pattern
                        .compile("\\s*(profile\\.name|type|id)\\s+(?i)(eq|sw)\\s+\"((?:[^\"\\\\]|\\\\.)*)\"\\s*")
                        .matcher(clause);
                if (!m.matches()) {
                    throw new IllegalArgumentException(clause);
                }
                String value = m.group(3).replace("\\\"", "\"").replace("\\\\", "\\").toLowerCase(Locale.ROOT);
                boolean startsWith = m.group(2).equalsIgnoreCase("sw");
                Function<FakeGroup, String> field = switch (m.group(1)) {
                    case "profile.name" -> FakeGroup::name;
                    case "type" -> g -> g.type().getValue();
                    default -> FakeGroup::id;
                };
                all = all.and(g -> {
                    String actual = field.apply(g).toLowerCase(Locale.ROOT);
                    return startsWith ? actual.startsWith(value) : actual.equals(value);
                });
            }
            any = any == null ? all : any.or(all);
        }
        return any;
    }

    private ObjectNode renderGroup(FakeGroup group) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("id", group.id());
        json.put("created", UserJson.timestamp(group.created()));
        json.put("lastUpdated", UserJson.timestamp(group.lastUpdated()));
        json.put("lastMembershipUpdated", UserJson.timestamp(group.lastUpdated()));
        json.putArray("objectClass").add(group.type() == GroupType.APP_GROUP ? "okta:windows_security_principal"
                : "okta:user_group");
        json.put("type", group.type().getValue());
        ObjectNode profile = json.putObject("profile");
        profile.put("name", group.name());
        profile.put("description", group.description());
        ObjectNode links = json.putObject("_links");
        links.putObject("users").put("href", orgUrl + "/api/v1/groups/" + group.id() + "/users");
        links.putObject("apps").put("href", orgUrl + "/api/v1/groups/" + group.id() + "/apps");
        return json;
    }
}

package io.github.oktabulkdelete.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Renders a {@link FakeUser} as Okta's user JSON, which the SDK parses into {@code User} and
 * {@code UserGetSingleton}.
 *
 * <p>Timestamps are ISO-8601 in UTC with milliseconds and {@code Z}, as Okta sends them; {@code lastLogin} and
 * {@code passwordChanged} are {@code null} (the fake's users never sign in and have no password); the user's custom
 * profile attributes follow the standard ones, and its {@code type.id} is its own or the org's default. Stateless and
 * thread-safe.
 *
 * <pre>{@code
 * ObjectNode json = UserJson.render(user, "http://127.0.0.1:8080", "oty00000000000000000");
 * }</pre>
 */
final class UserJson {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final ObjectMapper JSON = new ObjectMapper();

    private UserJson() {
    }

    static ObjectNode render(FakeUser user, String orgUrl, String userTypeId) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("id", user.id());
        json.put("status", user.status().getValue());
        json.put("created", timestamp(user.created()));
        json.put("activated", timestamp(user.activated()));
        json.put("statusChanged", timestamp(user.statusChanged()));
        json.putNull("lastLogin");
        json.put("lastUpdated", timestamp(user.lastUpdated()));
        json.putNull("passwordChanged");
        json.putObject("type").put("id", user.typeId() != null ? user.typeId() : userTypeId);
        ObjectNode profile = json.putObject("profile");
        profile.put("firstName", user.firstName());
        profile.put("lastName", user.lastName());
        profile.putNull("mobilePhone");
        profile.putNull("secondEmail");
        profile.put("login", user.login());
        profile.put("email", user.email());
        user.customProfile().forEach((name, value) -> profile.set(name, JSON.valueToTree(value)));
        ObjectNode provider = json.putObject("credentials").putObject("provider");
        provider.put("type", "OKTA");
        provider.put("name", "OKTA");
        json.putObject("_links").putObject("self").put("href", orgUrl + "/api/v1/users/" + user.id());
        return json;
    }

    static String timestamp(Instant instant) {
        return instant == null ? null : TIMESTAMP.format(instant);
    }
}

package io.github.oktabulkdelete.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.okta.sdk.resource.model.AuthenticationProvider;
import com.okta.sdk.resource.model.CreateUserRequest;
import com.okta.sdk.resource.model.CreateUserRequestType;
import com.okta.sdk.resource.model.Group;
import com.okta.sdk.resource.model.UserCredentials;
import com.okta.sdk.resource.model.UserProfile;
import com.okta.sdk.resource.model.UserStatus;
import com.okta.sdk.resource.model.UserType;
import io.github.oktabulkdelete.GroupRecord;
import io.github.oktabulkdelete.UserRecord;
import io.github.oktabulkdelete.UserState;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Between the SDK's user model and a {@link UserRecord}: what a lookup returned, kept as plain JSON values, and the
 * create request a restore sends from it. Stateless and thread-safe.
 */
final class UserRecords {

    private final ObjectMapper json;
    /** The profile attributes the SDK's model has fields for; the others go to its additional properties. */
    private final java.util.Set<String> standard;

    /** @param json the SDK client's mapper, which knows its model's types */
    UserRecords(ObjectMapper json) {
        this.json = json;
        this.standard = json.getSerializationConfig().introspect(json.constructType(UserProfile.class))
                .findProperties().stream().map(p -> p.getName()).filter(n -> !n.equals("additionalProperties"))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** The record of a user the SDK parsed ({@code User} or {@code UserGetSingleton} share these fields). */
    UserRecord of(UserProfile profile, UserType type, UserStatus status, OffsetDateTime created,
            UserCredentials credentials) {
        AuthenticationProvider provider = credentials == null ? null : credentials.getProvider();
        return new UserRecord(profile(profile), type == null ? null : type.getId(),
                status == null ? UserState.UNKNOWN : UserState.parse(status.getValue()),
                created == null ? null : created.toInstant(),
                provider == null || provider.getType() == null ? null : provider.getType().getValue(),
                provider == null ? null : provider.getName(), null);
    }

    /**
     * Every attribute of the profile, standard and custom, as JSON values; attributes without a value are left out
     * (the SDK's model holds every standard attribute, sent or not).
     */
    @SuppressWarnings("unchecked")
    Map<String, Object> profile(UserProfile profile) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (profile == null) {
            return map;
        }
        Map<String, Object> standard = json.convertValue(profile, LinkedHashMap.class);
        standard.remove("additionalProperties");
        standard.forEach((name, value) -> {
            if (value != null) {
                map.put(name, value);
            }
        });
        Map<String, Object> custom = profile.getAdditionalProperties();
        if (custom != null) {
            custom.forEach((name, value) -> {
                if (value != null) {
                    map.put(name, json.convertValue(value, Object.class));
                }
            });
        }
        return map;
    }

    static GroupRecord group(Group group) {
        return new GroupRecord(group.getId(), group.getProfile() == null ? null : group.getProfile().getName(),
                group.getType() == null ? null : group.getType().getValue());
    }

    /** The request that creates the user again: its profile and type, in the groups given. */
    CreateUserRequest createRequest(UserRecord record, List<String> groupIds) {
        UserProfile profile = new UserProfile();
        Map<String, Object> custom = new LinkedHashMap<>();
        Map<String, Object> standard = new LinkedHashMap<>();
        record.profile().forEach((name, value) -> (this.standard.contains(name) ? standard : custom).put(name, value));
        if (!standard.isEmpty()) {
            profile = json.convertValue(standard, UserProfile.class);
        }
        Map<String, Object> additional = profile.getAdditionalProperties();
        if (additional == null) {
            profile.setAdditionalProperties(custom);
        } else {
            additional.putAll(custom);
        }
        CreateUserRequest request = new CreateUserRequest().profile(profile);
        if (record.typeId() != null) {
            request.type(new CreateUserRequestType().id(record.typeId()));
        }
        if (!groupIds.isEmpty()) {
            request.groupIds(List.copyOf(groupIds));
        }
        return request;
    }
}

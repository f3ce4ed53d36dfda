package io.github.oktabulkdelete;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A user as Okta returned it just before a run changed it: what a {@link ChangeIntent} carries so that a deleted
 * user can be created again ({@link UserRestorer}). It holds the whole profile (every attribute Okta sent, custom
 * ones too), the user type, status, creation time, the credentials' provider (never a secret: Okta does not return
 * passwords, and nothing else of the credentials is kept), and, unless the deleter was told not to list them
 * ({@link BulkUserDeleter.Builder#backupGroups(boolean)}), the groups the user belonged to.
 *
 * <p>Immutable and thread-safe; the profile is an unmodifiable, ordered map of JSON values: {@code String},
 * {@code Boolean}, a {@code Number}, a {@code List} of those, a nested {@code Map}; attributes whose value is
 * {@code null} are left out (creating a user without an attribute and with a {@code null} one is the same).
 *
 * <pre>{@code
 * DeletionJournal.readIntents(journalFile, intent -> {
 *     UserRecord user = intent.record();
 *     if (user != null) System.out.println(intent.login() + " " + user.profile().get("department"));
 * });
 * }</pre>
 *
 * @param profile every profile attribute Okta returned, in its order
 * @param typeId the user type's id ({@code type.id}), or {@code null} if Okta gave none
 * @param status the status the user was in
 * @param created when the user was created, or {@code null} if Okta gave no time
 * @param credentialsProviderType {@code credentials.provider.type} ({@code OKTA}, {@code ACTIVE_DIRECTORY},
 *     {@code FEDERATION}, ...), or {@code null}
 * @param credentialsProviderName {@code credentials.provider.name}, or {@code null}
 * @param groups the user's groups, or {@code null} when they were not listed (not the same as none: an empty list)
 */
public record UserRecord(Map<String, Object> profile, String typeId, UserState status, Instant created,
        String credentialsProviderType, String credentialsProviderName, List<GroupRecord> groups) {

    /**
     * Checks and copies the components.
     *
     * @param profile as {@link #profile()}
     * @param typeId as {@link #typeId()}
     * @param status as {@link #status()}
     * @param created as {@link #created()}
     * @param credentialsProviderType as {@link #credentialsProviderType()}
     * @param credentialsProviderName as {@link #credentialsProviderName()}
     * @param groups as {@link #groups()}
     * @throws NullPointerException if {@code profile} or {@code status} is {@code null}, or {@code groups} holds a
     *     {@code null}
     */
    public UserRecord {
        profile = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(profile, "profile")));
        Objects.requireNonNull(status, "status");
        groups = groups == null ? null : List.copyOf(groups);
    }

    /**
     * The login in the profile.
     *
     * @return {@code profile.login}, or {@code null} if the profile has none
     */
    public String login() {
        Object login = profile.get("login");
        return login instanceof String s ? s : null;
    }

    /**
     * This record with the user's groups.
     *
     * @param groups the groups listed, {@code null} for not listed
     * @return a copy with those groups
     */
    public UserRecord withGroups(List<GroupRecord> groups) {
        return new UserRecord(profile, typeId, status, created, credentialsProviderType, credentialsProviderName,
                groups);
    }
}

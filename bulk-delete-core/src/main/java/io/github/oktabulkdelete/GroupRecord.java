package io.github.oktabulkdelete;

import java.util.Objects;

/**
 * One group a user belonged to when it was recorded ({@code GET /api/v1/users/{id}/groups}): what a restore needs to
 * put the user back in it, and what a person needs to recognise it.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * record.groups().stream().filter(GroupRecord::isOktaGroup).map(GroupRecord::id).toList(); // what a restore sends
 * }</pre>
 *
 * @param id the group's id ({@code 00g...})
 * @param name its {@code profile.name}, or {@code null} if Okta gave none
 * @param type its type as Okta spells it: {@code OKTA_GROUP}, {@code APP_GROUP}, or {@code BUILT_IN} (Everyone);
 *     {@code null} if Okta gave none
 */
public record GroupRecord(String id, String name, String type) {

    /** The type of the groups an administrator manages in Okta, the only ones a user can be created into. */
    public static final String OKTA_GROUP = "OKTA_GROUP";

    /**
     * Checks the components.
     *
     * @param id as {@link #id()}
     * @param name as {@link #name()}
     * @param type as {@link #type()}
     * @throws NullPointerException if {@code id} is {@code null}
     */
    public GroupRecord {
        Objects.requireNonNull(id, "id");
    }

    /**
     * Whether this is an {@code OKTA_GROUP}: a restore puts the user back in it; app groups (imported from a
     * directory or an app) and the built-in Everyone group are not assignable that way.
     *
     * @return {@code true} for an {@code OKTA_GROUP}
     */
    public boolean isOktaGroup() {
        return OKTA_GROUP.equals(type);
    }
}

package io.github.oktabulkdelete.testing;

import com.okta.sdk.resource.model.GroupType;
import java.time.Instant;
import java.util.Objects;

/**
 * A snapshot of one group of a {@link FakeOktaOrg}: what the org held when the snapshot was taken.
 *
 * <p>Immutable and thread-safe; ask {@link FakeGroups} again to see later changes.
 *
 * <pre>{@code
 * FakeGroup contractors = org.groups().add("Contractors", GroupType.OKTA_GROUP);
 * org.groups().addMember(contractors.id(), "jsmith@corp.com");
 * }</pre>
 *
 * @param id the Okta id, {@code 00g} and 17 letters and digits
 * @param name {@code profile.name}
 * @param description {@code profile.description}, may be empty
 * @param type {@code OKTA_GROUP}, {@code APP_GROUP}, or {@code BUILT_IN} for the Everyone group
 * @param created when the group was created, by the org's clock
 * @param lastUpdated when its profile last changed
 */
public record FakeGroup(String id, String name, String description, GroupType type, Instant created,
        Instant lastUpdated) {

    /**
     * Checks the components.
     *
     * @param id as {@link #id()}
     * @param name as {@link #name()}
     * @param description as {@link #description()}
     * @param type as {@link #type()}
     * @param created as {@link #created()}
     * @param lastUpdated as {@link #lastUpdated()}
     * @throws NullPointerException if a component is {@code null}
     */
    public FakeGroup {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(lastUpdated, "lastUpdated");
    }
}

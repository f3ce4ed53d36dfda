package io.github.oktabulkdelete.testing;

import com.okta.sdk.resource.model.UserStatus;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of one user of a {@link FakeOktaOrg}: what the org held when the snapshot was taken.
 *
 * <p>Immutable and thread-safe; ask the org again ({@link FakeOktaOrg#user(String)}) to see later changes.
 *
 * <pre>{@code
 * FakeUser jsmith = org.addUser("jsmith@corp.com", UserStatus.ACTIVE);
 * String path = "/api/v1/users/" + jsmith.id();
 * }</pre>
 *
 * @param id the Okta id, {@code 00u} and 17 letters and digits
 * @param login the login, as created
 * @param email the primary e-mail
 * @param firstName the first name
 * @param lastName the last name
 * @param status the status
 * @param created when the user was created, by the org's clock
 * @param activated when the user was activated, {@code null} if never (a {@code STAGED} user)
 * @param statusChanged when the status last changed, {@code null} if never
 * @param lastUpdated when the user last changed
 * @param typeId the user type's id ({@code type.id}), or {@code null} for the org's default type
 * @param customProfile the profile attributes other than {@code login}, {@code email}, {@code firstName} and
 *        {@code lastName} (custom ones such as {@code department}, and standard ones such as {@code mobilePhone}),
 *        in the order given; values are strings, numbers, booleans, lists of those, or {@code null}
 */
public record FakeUser(String id, String login, String email, String firstName, String lastName, UserStatus status,
        Instant created, Instant activated, Instant statusChanged, Instant lastUpdated, String typeId,
        Map<String, Object> customProfile) {

    /**
     * A user of the default type without other profile attributes.
     *
     * @param id as {@link #id()}
     * @param login as {@link #login()}
     * @param email as {@link #email()}
     * @param firstName as {@link #firstName()}
     * @param lastName as {@link #lastName()}
     * @param status as {@link #status()}
     * @param created as {@link #created()}
     * @param activated as {@link #activated()}
     * @param statusChanged as {@link #statusChanged()}
     * @param lastUpdated as {@link #lastUpdated()}
     */
    public FakeUser(String id, String login, String email, String firstName, String lastName, UserStatus status,
            Instant created, Instant activated, Instant statusChanged, Instant lastUpdated) {
        this(id, login, email, firstName, lastName, status, created, activated, statusChanged, lastUpdated, null,
                Map.of());
    }

    /**
     * Checks the components.
     *
     * @param id as {@link #id()}
     * @param login as {@link #login()}
     * @param email as {@link #email()}
     * @param firstName as {@link #firstName()}
     * @param lastName as {@link #lastName()}
     * @param status as {@link #status()}
     * @param created as {@link #created()}
     * @param activated as {@link #activated()}
     * @param statusChanged as {@link #statusChanged()}
     * @param lastUpdated as {@link #lastUpdated()}
     * @param typeId as {@link #typeId()}
     * @param customProfile as {@link #customProfile()}, copied
     * @throws NullPointerException if a component other than {@code activated}, {@code statusChanged} or
     *         {@code typeId} is {@code null}
     */
    public FakeUser {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(firstName, "firstName");
        Objects.requireNonNull(lastName, "lastName");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(lastUpdated, "lastUpdated");
        customProfile = Collections.unmodifiableMap(new LinkedHashMap<>(
                Objects.requireNonNull(customProfile, "customProfile")));
    }
}

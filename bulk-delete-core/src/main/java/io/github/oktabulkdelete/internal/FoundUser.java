package io.github.oktabulkdelete.internal;

import io.github.oktabulkdelete.UserRecord;
import io.github.oktabulkdelete.UserState;
import java.util.Objects;

/**
 * A user as a lookup found it: the three fields a deletion decides on, and what the lookup returned of the user
 * besides (profile, type, credentials' provider), kept for the journal's record, without a second request.
 *
 * @param record the user as Okta returned it, without its groups; {@code null} when the gateway keeps none
 */
public record FoundUser(String id, String login, UserState status, UserRecord record) {
    public FoundUser {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
    }

    public FoundUser(String id, String login, UserState status) {
        this(id, login, status, null);
    }
}

package io.github.oktabulkdelete.internal;

import io.github.oktabulkdelete.UserState;
import java.util.Objects;

/** A user as a lookup found it: the three fields a deletion decides on. */
public record FoundUser(String id, String login, UserState status) {
    public FoundUser {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
    }
}

package io.github.oktabulkdelete.internal;

import io.github.oktabulkdelete.UserState;
import java.util.Objects;

/**
 * What a resumed run knows of a login an interrupted run may have changed: the id to look it up by, instead of the
 * login, and the status that run found ({@link UserState#UNKNOWN} when only a failure recorded the id).
 */
public record ResumeHint(String userId, UserState status) {

    public ResumeHint {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(status, "status");
    }
}

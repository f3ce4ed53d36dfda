package io.github.oktabulkdelete.internal;

import io.github.oktabulkdelete.UserState;
import java.util.Objects;

/**
 * How a login is looked up by id instead of by login: what a resumed run knows of a login an interrupted run may
 * have changed (the id, and the status that run found, {@link UserState#UNKNOWN} when only a failure recorded the
 * id), or what a plan found for it ({@code fromPlan}).
 *
 * @param fromPlan {@code true} for a planned user: Okta's 404 then means it is gone since the plan (not found, not
 *     deleted by this tool), and a changed login or a reactivated {@code DEPROVISIONED} user is skipped
 */
public record ResumeHint(String userId, UserState status, boolean fromPlan) {

    public ResumeHint {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(status, "status");
    }

    /** A resumed run's hint, from a journal. */
    public ResumeHint(String userId, UserState status) {
        this(userId, status, false);
    }
}

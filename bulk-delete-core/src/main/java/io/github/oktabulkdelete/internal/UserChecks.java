package io.github.oktabulkdelete.internal;

import io.github.oktabulkdelete.DeletionOutcome;
import io.github.oktabulkdelete.SkipReason;
import io.github.oktabulkdelete.UserState;

/**
 * The checks on a user found, before any change: it must be exactly the user the input (or the plan) named, not the
 * token's owner, not protected; a dry run stops here. Stateless.
 */
final class UserChecks {

    private UserChecks() {
    }

    /** The skip for this user, or {@code null} when it may be changed. */
    static DeletionOutcome skipFor(RunState run, String login, ResumeHint hint, FoundUser user) {
        if (hint != null && hint.fromPlan()) {
            DeletionOutcome changed = changedSincePlan(login, hint, user);
            if (changed != null) {
                return changed;
            }
        }
        if (hint != null && !hint.fromPlan() && hint.status() == UserState.DEPROVISIONED
                && user.status() != UserState.DEPROVISIONED) {
            // the interrupted run's only change was the DELETE, which would have left no user: someone reactivated it
            return new DeletionOutcome.Skipped(login, SkipReason.STATUS_CHANGED, user.id(), user.status(),
                    "the interrupted run found it DEPROVISIONED, but it is " + user.status() + " again: someone "
                            + "reactivated it since; nothing was changed (run it again if it is still to go)");
        }
        if (!LoginScreen.sameLogin(login, user.login())) {
            return new DeletionOutcome.Skipped(login, SkipReason.LOGIN_MISMATCH, user.id(), user.status(),
                    "Okta resolved this input to the user with login '" + user.login()
                            + "' (a shortname or id match); only a user named exactly is deleted");
        }
        if (user.id().equals(run.tokenOwnerId())) {
            return new DeletionOutcome.Skipped(login, SkipReason.TOKEN_OWNER, user.id(), user.status(),
                    "this user owns the API token of this run; deleting it would revoke the token");
        }
        if (run.settings().protectedLogins().contains(LoginScreen.key(user.id()))
                || run.settings().protectedLogins().contains(LoginScreen.key(user.login()))) {
            return new DeletionOutcome.Skipped(login, SkipReason.PROTECTED, user.id(), user.status(),
                    "the user is on the protected list");
        }
        if (run.settings().dryRun()) {
            return new DeletionOutcome.Skipped(login, SkipReason.DRY_RUN, user.id(), user.status(),
                    user.status() == UserState.DEPROVISIONED
                            ? "dry run: would delete this deactivated user"
                            : "dry run: would deactivate, then delete this " + user.status() + " user");
        }
        return null;
    }

    /**
     * A planned user fetched by id must still be the one planned: the same login, and, if planned as
     * {@code DEPROVISIONED} (to be deleted at once), still deactivated.
     */
    private static DeletionOutcome changedSincePlan(String login, ResumeHint hint, FoundUser user) {
        if (!LoginScreen.sameLogin(login, user.login())) {
            return new DeletionOutcome.Skipped(login, SkipReason.LOGIN_CHANGED, user.id(), user.status(),
                    "the planned user " + user.id() + " now has the login '" + user.login() + "': it was renamed "
                            + "since the plan was made; nothing was changed");
        }
        if (hint.status() == UserState.DEPROVISIONED && user.status() != UserState.DEPROVISIONED) {
            return new DeletionOutcome.Skipped(login, SkipReason.STATUS_CHANGED, user.id(), user.status(),
                    "planned as DEPROVISIONED, but it is " + user.status() + " again: someone reactivated it since "
                            + "the plan was made; nothing was changed (make a new plan if it is still to go)");
        }
        return null;
    }
}

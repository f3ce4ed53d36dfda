package io.github.oktabulkdelete;

/**
 * Why a login was skipped: nothing was changed in Okta for it.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * long protectedCount = result.counts().skipped(SkipReason.PROTECTED);
 * }</pre>
 */
public enum SkipReason {
    /** A dry run: the user was found and would have been deleted; its status is reported. */
    DRY_RUN,
    /** The login is on the protected list; no call was made for it. */
    PROTECTED,
    /** The login repeats an earlier input (case-insensitively); no call was made for it. */
    DUPLICATE,
    /** The input is not a login that can be looked up safely (blank, {@code me}, {@code .}, too long...). */
    INVALID_LOGIN,
    /**
     * The user Okta resolved has another login than the input, as happens with login shortnames:
     * only a user the input names exactly is ever deleted.
     */
    LOGIN_MISMATCH,
    /** The user owns the API token this run uses: deleting it would revoke the token. */
    TOKEN_OWNER,
    /**
     * Applying a {@link DeletionPlan}: the user fetched by the planned id no longer has the planned login (it was
     * renamed since the plan was made); nothing was changed.
     */
    LOGIN_CHANGED,
    /**
     * Applying a {@link DeletionPlan}, or resuming a run that was about to delete the user: the user was planned,
     * or found by the interrupted run, as {@link UserState#DEPROVISIONED} (to be deleted without a deactivate) and
     * is active again, so someone reactivated it; nothing was changed. Make a new plan, or run it again, if it is
     * still to go.
     */
    STATUS_CHANGED
}

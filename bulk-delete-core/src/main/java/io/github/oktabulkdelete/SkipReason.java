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
    TOKEN_OWNER
}

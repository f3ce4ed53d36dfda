package io.github.oktabulkdelete;

import io.github.oktabulkdelete.internal.DeleterSettings;

/**
 * The selecting part of {@link BulkUserDeleter}: the users to delete, listed from Okta by a search or a group
 * through the deleter's own pace and retry (Javadoc shows these methods as the deleter's own). The listing itself
 * is {@link OktaUserSelection}.
 */
abstract class UserSelections {

    UserSelections() {
    }

    /** @return the settings of the deleter */
    abstract DeleterSettings settings();

    /**
     * The users an Okta search expression finds ({@code GET /api/v1/users?search=...}, deactivated users
     * included), read through this deleter's rate limiter and retry. Nothing is read yet:
     * {@link OktaUserSelection#freeze()} it before deleting.
     *
     * <pre>{@code
     * List<String> logins = deleter.selectBySearch("profile.department eq "Contractors"").freeze();
     * }</pre>
     *
     * @param expression an Okta search expression, such as {@code status eq "DEPROVISIONED"}
     * @return the selection
     * @throws NullPointerException if {@code expression} is {@code null}
     * @throws IllegalArgumentException if {@code expression} is blank
     */
    public OktaUserSelection selectBySearch(String expression) {
        return OktaUserSelection.search(settings(), expression);
    }

    /**
     * The users deactivated before an instant: the search
     * {@code status eq "DEPROVISIONED" and statusChanged lt "<cutoff>"} ({@link OktaUserSelection#deactivatedBefore}).
     *
     * @param cutoff the instant; users deactivated at or after it are not selected
     * @return the selection
     */
    public OktaUserSelection selectDeactivatedBefore(java.time.Instant cutoff) {
        return OktaUserSelection.search(settings(), OktaUserSelection.deactivatedBefore(cutoff));
    }

    /**
     * The members of a group, named by its id ({@code 00g...}) or its exact name, read through this deleter's rate
     * limiter and retry. Nothing is read yet: {@link OktaUserSelection#freeze()} it before deleting.
     *
     * <pre>{@code
     * List<String> logins = deleter.selectGroupMembers("Contractors-Offboarded").freeze();
     * }</pre>
     *
     * @param groupNameOrId a group id, or a group name (matched exactly, case-sensitively)
     * @return the selection
     * @throws NullPointerException if {@code groupNameOrId} is {@code null}
     * @throws IllegalArgumentException if {@code groupNameOrId} is blank
     */
    public OktaUserSelection selectGroupMembers(String groupNameOrId) {
        return OktaUserSelection.group(settings(), groupNameOrId);
    }
}

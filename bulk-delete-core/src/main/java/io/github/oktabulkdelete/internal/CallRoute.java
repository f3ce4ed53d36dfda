package io.github.oktabulkdelete.internal;

/**
 * The kinds of request a deletion makes. Each may count against its own Okta rate-limit bucket or share one with
 * another; the adaptive pacer learns which from the responses' headers.
 */
public enum CallRoute {
    /** {@code GET /api/v1/users/{idOrLogin}}, {@code me} included. */
    LOOKUP,
    /** {@code GET /api/v1/users?filter=...} or {@code ?search=...}: a login lookup, or a page of a selection. */
    SEARCH,
    /** {@code POST /api/v1/users/{id}/lifecycle/deactivate}. */
    DEACTIVATE,
    /** {@code DELETE /api/v1/users/{id}}. */
    DELETE,
    /**
     * {@code GET /api/v1/groups}, {@code /api/v1/groups/{groupId}} and {@code /api/v1/groups/{groupId}/users}: "the
     * rest of {@code /api/v1}".
     */
    GROUPS,
    /** {@code GET /api/v1/users/{id}/groups}: a user's groups, for the journal's record. */
    USER_GROUPS,
    /** {@code POST /api/v1/users}: a restore creates a deleted user again. */
    CREATE
}

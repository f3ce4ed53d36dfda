package io.github.oktabulkdelete.internal;

import io.github.oktabulkdelete.OktaRequestException;
import io.github.oktabulkdelete.RateLimitStatus;
import java.util.List;

/**
 * The Okta calls a deletion makes, one HTTP request per method call and no retry: the seam between the deletion
 * logic and the SDK. Every failure, HTTP or transport, is an {@link OktaRequestException}.
 */
public interface OktaGateway {

    /** {@code GET /api/v1/users/{idOrLogin}}. */
    FoundUser getUser(String idOrLogin);

    /** {@code GET /api/v1/users?filter=profile.login eq "login"}: every user the filter returns. */
    List<FoundUser> findByLogin(String login);

    /** {@code POST /api/v1/users/{id}/lifecycle/deactivate}. */
    void deactivate(String userId);

    /** {@code DELETE /api/v1/users/{id}}. */
    void delete(String userId);

    /**
     * {@code GET /api/v1/users?search=...&limit=...&after=...}: one page of a search.
     *
     * @param after the cursor of the page, {@code null} for the first
     */
    default UserPage searchUsers(String search, String after, int limit) {
        throw new UnsupportedOperationException("this gateway cannot search users");
    }

    /** {@code GET /api/v1/groups/{groupId}/users?limit=...&after=...}: one page of a group's members. */
    default UserPage groupMembers(String groupId, String after, int limit) {
        throw new UnsupportedOperationException("this gateway cannot list group members");
    }

    /** {@code GET /api/v1/groups/{groupId}}. */
    default FoundGroup getGroup(String groupId) {
        throw new UnsupportedOperationException("this gateway cannot read groups");
    }

    /** {@code GET /api/v1/groups?q=...&limit=...}: the groups whose name starts with {@code query} (no paging). */
    default List<FoundGroup> findGroups(String query, int limit) {
        throw new UnsupportedOperationException("this gateway cannot find groups");
    }

    /** {@code GET /api/v1/users/{id}/groups}: every group the user is in (Okta does not page this list). */
    default List<io.github.oktabulkdelete.GroupRecord> userGroups(String userId) {
        throw new UnsupportedOperationException("this gateway cannot list a user's groups");
    }

    /**
     * {@code POST /api/v1/users?activate=false}: the user of the record again, {@code STAGED}, in the groups given.
     *
     * @return the new user's id, or {@code null} when Okta refused because a user has that login (400
     *     {@code E0000001}, "login: An object with this field already exists")
     */
    default String createUser(io.github.oktabulkdelete.UserRecord record, List<String> groupIds) {
        throw new UnsupportedOperationException("this gateway cannot create users");
    }

    /**
     * The rate-limit headers of the last successful response on this thread, once, or {@code null} when the client
     * does not capture them.
     */
    default RateLimitStatus takeRateLimitStatus() {
        return null;
    }

    /** @return the org URL requests go to, to name it in messages; never holds a credential */
    default String orgUrl() {
        return "the org URL";
    }
}

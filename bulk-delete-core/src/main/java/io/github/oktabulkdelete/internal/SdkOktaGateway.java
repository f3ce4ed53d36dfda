package io.github.oktabulkdelete.internal;

import com.okta.sdk.resource.api.GroupApi;
import com.okta.sdk.resource.api.UserApi;
import com.okta.sdk.resource.api.UserLifecycleApi;
import com.okta.sdk.resource.client.ApiClient;
import com.okta.sdk.resource.client.ApiException;
import com.okta.sdk.resource.client.auth.ApiKeyAuth;
import com.okta.sdk.resource.client.auth.Authentication;
import com.okta.sdk.resource.client.auth.OAuth;
import com.okta.sdk.resource.common.PagedList;
import com.okta.sdk.resource.model.Group;
import com.okta.sdk.resource.model.User;
import com.okta.sdk.resource.model.UserGetSingleton;
import com.okta.sdk.resource.model.UserProfile;
import com.okta.sdk.resource.model.UserStatus;
import io.github.oktabulkdelete.GroupRecord;
import io.github.oktabulkdelete.RateLimitStatus;
import io.github.oktabulkdelete.UserRecord;
import io.github.oktabulkdelete.Step;
import io.github.oktabulkdelete.UserState;
import java.util.ArrayList;
import java.util.List;

/** {@link OktaGateway} over the Okta SDK's {@link UserApi} and {@link UserLifecycleApi}. */
public final class SdkOktaGateway implements OktaGateway {

    static final String GET_USER = "GET /api/v1/users/{id}";
    static final String LIST_USERS = "GET /api/v1/users";
    static final String DEACTIVATE = "POST /api/v1/users/{id}/lifecycle/deactivate";
    static final String DELETE = "DELETE /api/v1/users/{id}";
    static final String LIST_GROUPS = "GET /api/v1/groups";
    static final String GET_GROUP = "GET /api/v1/groups/{groupId}";
    static final String LIST_GROUP_MEMBERS = "GET /api/v1/groups/{groupId}/users";
    static final String LIST_USER_GROUPS = "GET /api/v1/users/{id}/groups";
    static final String CREATE_USER = "POST /api/v1/users";

    private final ApiClient client;
    private final UserApi users;
    private final UserLifecycleApi lifecycle;
    private final GroupApi groups;
    private final RateLimitCapture capture;
    private final com.okta.sdk.resource.api.UserResourcesApi userResources;
    private final UserRecords records;

    /** @param capture the tuned client's header capture, or {@code null} for a plain client */
    public SdkOktaGateway(ApiClient client, RateLimitCapture capture) {
        this.client = client;
        this.users = new UserApi(client);
        this.lifecycle = new UserLifecycleApi(client);
        this.groups = new GroupApi(client);
        this.capture = capture;
        this.userResources = new com.okta.sdk.resource.api.UserResourcesApi(client);
        this.records = new UserRecords(client.getObjectMapper());
    }

    @Override
    public FoundUser getUser(String idOrLogin) {
        try {
            UserGetSingleton user = users.getUser(idOrLogin, null, null);
            return found(user.getId(), user.getProfile(), user.getStatus(), records.of(user.getProfile(),
                    user.getType(), user.getStatus(), user.getCreated(), user.getCredentials()));
        } catch (ApiException e) {
            throw OktaErrors.translate(Step.LOOKUP, GET_USER, e, secrets());
        }
    }

    @Override
    public List<FoundUser> findByLogin(String login) {
        // search, not filter: Okta's filter compares case-sensitively, search case-insensitively (as logins do)
        String search = "profile.login eq \"" + login.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        try {
            List<User> list = users.listUsers(null, null, null, null, null, search, null, null);
            List<FoundUser> result = new ArrayList<>(list.size());
            for (User user : list) {
                result.add(found(user));
            }
            return result;
        } catch (ApiException e) {
            throw OktaErrors.translate(Step.LOOKUP, LIST_USERS, e, secrets());
        }
    }

    @Override
    public void deactivate(String userId) {
        try {
            lifecycle.deactivateUser(userId, false, null);
        } catch (ApiException e) {
            throw OktaErrors.translate(Step.DEACTIVATE, DEACTIVATE, e, secrets());
        }
    }

    @Override
    public void delete(String userId) {
        try {
            users.deleteUser(userId, false, null);
        } catch (ApiException e) {
            throw OktaErrors.translate(Step.DELETE, DELETE, e, secrets());
        }
    }

    @Override
    public UserPage searchUsers(String search, String after, int limit) {
        try {
            return page(users.listUsers(null, null, after, limit, null, search, null, null));
        } catch (ApiException e) {
            throw OktaErrors.translate(Step.LOOKUP, LIST_USERS, e, secrets());
        }
    }

    @Override
    public UserPage groupMembers(String groupId, String after, int limit) {
        try {
            return page(groups.listGroupUsers(groupId, after, limit));
        } catch (ApiException e) {
            throw OktaErrors.translate(Step.LOOKUP, LIST_GROUP_MEMBERS, e, secrets());
        }
    }

    @Override
    public FoundGroup getGroup(String groupId) {
        try {
            return found(groups.getGroup(groupId));
        } catch (ApiException e) {
            throw OktaErrors.translate(Step.LOOKUP, GET_GROUP, e, secrets());
        }
    }

    @Override
    public List<FoundGroup> findGroups(String query, int limit) {
        try {
            List<Group> list = groups.listGroups(query, null, null, limit, null, null, null, null);
            List<FoundGroup> result = new ArrayList<>(list.size());
            for (Group group : list) {
                result.add(found(group));
            }
            return result;
        } catch (ApiException e) {
            throw OktaErrors.translate(Step.LOOKUP, LIST_GROUPS, e, secrets());
        }
    }

    /**
     * A page and the cursor of the next one, from the SDK's {@link PagedList} (which keeps the {@code Link}
     * headers).
     *
     * @throws IllegalStateException if a next page is announced without an {@code after} cursor to reach it
     */
    private static UserPage page(List<User> list) {
        List<FoundUser> users = new ArrayList<>(list.size());
        for (User user : list) {
            users.add(found(user.getId(), user.getProfile(), user.getStatus(), null)); // a listing keeps no record
        }
        String next = null;
        if (list instanceof PagedList<?> paged && paged.getNextPage() != null) {
            next = paged.getAfter();
            if (next == null || next.isEmpty()) {
                throw new IllegalStateException("Okta announced a next page without an 'after' cursor in its "
                        + "Link header, so the rest of the list cannot be read");
            }
        }
        return new UserPage(users, next);
    }

    private static FoundGroup found(Group group) {
        return new FoundGroup(group.getId(), group.getProfile() == null ? null : group.getProfile().getName(),
                group.getType() == null ? null : group.getType().getValue());
    }

    @Override
    public List<GroupRecord> userGroups(String userId) {
        try {
            List<Group> list = userResources.listUserGroups(userId);
            List<GroupRecord> result = new ArrayList<>(list.size());
            for (Group group : list) {
                result.add(UserRecords.group(group));
            }
            return result;
        } catch (ApiException e) {
            throw OktaErrors.translate(Step.LOOKUP, LIST_USER_GROUPS, e, secrets());
        }
    }

    @Override
    public String createUser(UserRecord record, List<String> groupIds) {
        try {
            return users.createUser(records.createRequest(record, groupIds), false, null, null).getId();
        } catch (ApiException e) {
            if (e.getCode() == 400 && OktaErrors.isLoginTaken(e.getResponseBody())) {
                return null;
            }
            throw OktaErrors.translate(Step.LOOKUP, CREATE_USER, e, secrets());
        }
    }

    @Override
    public String orgUrl() {
        String base = client.getBasePath();
        return base == null ? "the org URL" : Urls.withoutCredentials(base);
    }

    @Override
    public RateLimitStatus takeRateLimitStatus() {
        return capture == null ? null : capture.take();
    }

    /** The client's credentials as they are now (an OAuth access token changes), to keep them out of messages. */
    private List<String> secrets() {
        List<String> secrets = new ArrayList<>(2);
        try {
            for (Authentication auth : client.getAuthentications().values()) {
                if (auth instanceof ApiKeyAuth key && key.getApiKey() != null) {
                    secrets.add(key.getApiKey());
                } else if (auth instanceof OAuth oauth && oauth.getAccessToken() != null) {
                    secrets.add(oauth.getAccessToken());
                }
            }
        } catch (RuntimeException ignored) {
            // a client without the usual authentications: the SSWS/Bearer pattern still applies
        }
        return secrets;
    }

    private FoundUser found(User user) {
        return found(user.getId(), user.getProfile(), user.getStatus(), records.of(user.getProfile(), user.getType(),
                user.getStatus(), user.getCreated(), user.getCredentials()));
    }

    private static FoundUser found(String id, UserProfile profile, UserStatus status, UserRecord record) {
        String login = profile == null ? null : profile.getLogin();
        return new FoundUser(id, login, status == null ? UserState.UNKNOWN : UserState.parse(status.getValue()),
                record);
    }
}

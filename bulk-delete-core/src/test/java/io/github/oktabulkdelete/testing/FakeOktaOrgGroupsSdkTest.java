package io.github.oktabulkdelete.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.okta.sdk.cache.Caches;
import com.okta.sdk.resource.api.GroupApi;
import com.okta.sdk.resource.api.UserApi;
import com.okta.sdk.resource.api.UserResourcesApi;
import com.okta.sdk.resource.client.ApiClient;
import com.okta.sdk.resource.client.ApiException;
import com.okta.sdk.resource.common.PagedList;
import com.okta.sdk.resource.model.CreateUserRequest;
import com.okta.sdk.resource.model.Group;
import com.okta.sdk.resource.model.GroupType;
import com.okta.sdk.resource.model.User;
import com.okta.sdk.resource.model.UserProfile;
import com.okta.sdk.resource.model.UserStatus;
import com.okta.sdk.resource.model.CreateUserRequestType;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link FakeOktaOrg}'s search, groups, memberships and user creation with {@code groupIds}, through the real SDK. */
class FakeOktaOrgGroupsSdkTest {

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-01-01T00:00:00Z"));
    private FakeOktaOrg org;
    private ApiClient client;

    @BeforeEach
    void start() {
        org = FakeOktaOrg.builder().clock(clock).start();
        client = new ApiClient(HttpClients.custom().disableAutomaticRetries().build(),
                Caches.newDisabledCacheManager());
        client.setBasePath(org.orgUrl());
        client.setApiKeyPrefix("SSWS");
        client.setApiKey(org.apiToken());
    }

    @AfterEach
    void stop() throws IOException {
        client.getHttpClient().close();
        org.close();
    }

    private List<String> search(String expression) {
        return new UserApi(client).listUsers(null, null, null, 200, null, expression, null, null).stream()
                .map(u -> u.getProfile().getLogin()).toList();
    }

    @Test
    void searchCoversTimestampsCustomAttributesAndOperatorsCaseInsensitively() {
        org.addUser("a@corp.com", UserStatus.ACTIVE, Map.of("department", "Engineering", "level", 3,
                "skills", List.of("java", "okta")));
        clock.advance(Duration.ofDays(10));
        org.addUser("b@corp.com", UserStatus.ACTIVE, Map.of("department", "Sales"));
        org.setStatus("a@corp.com", UserStatus.DEPROVISIONED);

        assertThat(search("profile.department eq \"engineering\"")).containsExactly("a@corp.com");
        assertThat(search("profile.department sw \"SAL\"")).containsExactly("b@corp.com");
        assertThat(search("profile.level ge \"3\"")).containsExactly("a@corp.com");
        assertThat(search("profile.skills eq \"OKTA\"")).containsExactly("a@corp.com");
        assertThat(search("profile.department pr")).containsExactly("a@corp.com", "b@corp.com");
        assertThat(search("created lt \"2026-01-05T00:00:00.000Z\"")).containsExactly("a@corp.com");
        assertThat(search("STATUS eq \"x\" or status EQ \"deprovisioned\"".replace("STATUS", "status")))
                .containsExactly("a@corp.com");
        assertThat(search("status eq \"DEPROVISIONED\" and statusChanged lt \"2026-01-11T00:00:00.001Z\""))
                .containsExactly("a@corp.com");
        assertThat(search("status eq \"DEPROVISIONED\" and statusChanged lt \"2026-01-11T00:00:00.000Z\"")).isEmpty();
        assertThat(search("(lastUpdated gt \"2026-01-02T00:00:00.000Z\" and profile.department eq \"Sales\")"
                + " or profile.login co \"A@\"")).containsExactly("a@corp.com", "b@corp.com");
        assertThat(search("type.id eq \"" + FakeOktaOrg.DEFAULT_USER_TYPE_ID + "\"")).hasSize(2);

        for (String invalid : List.of("status ne \"ACTIVE\"", "Status eq \"ACTIVE\"", "profile.department co \"x\"",
                "statusChanged lt \"yesterday\"", "status eq ACTIVE", "not status eq \"ACTIVE\"")) {
            ApiException e = catchThrowableOfType(() -> search(invalid), ApiException.class);
            assertThat(e.getCode()).as(invalid).isEqualTo(400);
            assertThat(e.getResponseBody()).as(invalid).contains("E0000031");
        }
    }

    @Test
    void searchPagesFollowLinkNextWithTheCursorAndAtMost200Users() {
        IntStream.range(0, 250).forEach(i -> org.addUser("u" + i + "@corp.com", UserStatus.DEPROVISIONED));

        List<User> first = new UserApi(client).listUsers(null, null, null, 500, null, "status eq \"DEPROVISIONED\"",
                null, null);

        assertThat(first).hasSize(200);
        String after = ((PagedList<?>) first).getAfter();
        assertThat(after).isEqualTo(first.get(199).getId());
        List<User> second = new UserApi(client).listUsers(null, null, after, 500, null,
                "status eq \"DEPROVISIONED\"", null, null);
        assertThat(second).hasSize(50);
        assertThat(second instanceof PagedList<?> p ? p.getNextPage() : null).isNull();
    }

    @Test
    void groupsMembersAndAUsersGroupsAsTheSpecDescribes() {
        FakeGroup sales = org.groups().add("Sales", GroupType.OKTA_GROUP);
        FakeGroup ad = org.groups().add("Sales AD", GroupType.APP_GROUP);
        IntStream.range(0, 1001).forEach(i -> org.groups().addMember(sales.id(),
                org.addUser("s" + i + "@corp.com", UserStatus.ACTIVE).id()));
        org.groups().addMember(ad.id(), "s0@corp.com");
        GroupApi groups = new GroupApi(client);

        assertThat(groups.listGroups("sal", null, null, null, null, null, null, null)).extracting(Group::getId)
                .containsExactly(sales.id(), ad.id());
        assertThat(groups.listGroups(null, null, null, null, null, "profile.name eq \"sales\"", null, null))
                .extracting(Group::getId).containsExactly(sales.id());
        assertThat(groups.getGroup(sales.id()).getType()).isEqualTo(GroupType.OKTA_GROUP);
        assertThat(catchThrowableOfType(() -> groups.getGroup("00gNOPE"), ApiException.class).getCode())
                .isEqualTo(404);

        List<User> page = groups.listGroupUsers(sales.id(), null, 5000);
        assertThat(page).hasSize(1000);
        assertThat(groups.listGroupUsers(sales.id(), ((PagedList<?>) page).getAfter(), 5000))
                .extracting(u -> u.getProfile().getLogin()).containsExactly("s1000@corp.com");

        assertThat(new UserResourcesApi(client).listUserGroups("s0@corp.com")).extracting(Group::getType)
                .containsExactly(GroupType.BUILT_IN, GroupType.OKTA_GROUP, GroupType.APP_GROUP);
        org.setStatus("s0@corp.com", UserStatus.DEPROVISIONED);
        assertThat(org.groups().groupsOf("s0@corp.com")).hasSize(3); // deactivating keeps memberships
        org.remove("s0@corp.com");
        assertThat(org.groups().members(sales.id())).hasSize(1000); // deleting removes them
        assertThat(org.groups().members(ad.id())).isEmpty();
        assertThat(org.requestCount(Route.LIST_GROUP_MEMBERS)).isEqualTo(2);
        assertThat(org.bucketName(Route.LIST_GROUP_MEMBERS)).isEqualTo(org.bucketName(Route.OTHER))
                .isEqualTo(org.bucketName(Route.LIST_USER_GROUPS)).isEqualTo(org.bucketName(Route.LIST_GROUPS));
        assertThat(org.bucketName(Route.LIST_USERS)).isEqualTo(org.bucketName(Route.CREATE_USER));
    }

    @Test
    void createUserWithGroupIdsTypeAndCustomProfileIsStagedInItsOktaGroups() {
        FakeGroup sales = org.groups().add("Sales", GroupType.OKTA_GROUP);
        FakeGroup ad = org.groups().add("AD", GroupType.APP_GROUP);
        UserProfile profile = new UserProfile().login("new@corp.com").email("new@corp.com").firstName("New")
                .lastName("User");
        profile.getAdditionalProperties().put("department", "Sales");
        CreateUserRequest request = new CreateUserRequest().profile(profile).groupIds(List.of(sales.id()))
                .type(new CreateUserRequestType().id("otyCUSTOM0000000000x"));
        UserApi users = new UserApi(client);

        User created = users.createUser(request, false, null, null);

        assertThat(created.getStatus()).isEqualTo(UserStatus.STAGED);
        assertThat(created.getType().getId()).isEqualTo("otyCUSTOM0000000000x");
        assertThat(created.getProfile().getAdditionalProperties()).containsEntry("department", "Sales");
        assertThat(org.groups().groupsOf("new@corp.com")).extracting(FakeGroup::name)
                .containsExactly("Everyone", "Sales");

        ApiException taken = catchThrowableOfType(() -> users.createUser(request, false, null, null),
                ApiException.class);
        assertThat(taken.getCode()).isEqualTo(400);
        assertThat(taken.getResponseBody()).contains("E0000001", "login: An object with this field already exists");

        profile.setLogin("other@corp.com");
        ApiException appGroup = catchThrowableOfType(() -> users.createUser(request.groupIds(List.of(ad.id())),
                false, null, null), ApiException.class);
        assertThat(appGroup.getCode()).isEqualTo(400);
        assertThat(org.user("other@corp.com")).isEmpty();
    }
}

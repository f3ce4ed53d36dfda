package io.github.oktabulkdelete.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import com.okta.sdk.cache.Caches;
import com.okta.sdk.resource.api.UserApi;
import com.okta.sdk.resource.api.UserLifecycleApi;
import com.okta.sdk.resource.client.ApiClient;
import com.okta.sdk.resource.client.ApiException;
import com.okta.sdk.resource.model.CreateUserRequest;
import com.okta.sdk.resource.model.User;
import com.okta.sdk.resource.model.UserGetSingleton;
import com.okta.sdk.resource.model.UserProfile;
import com.okta.sdk.resource.model.UserStatus;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drives {@link FakeOktaOrg} through the real Okta Java SDK: what it sends, the fake parses; what the fake answers, it parses. */
class FakeOktaOrgSdkTest {

    private static final Instant START = Instant.parse("2025-03-01T10:00:00.250Z");

    private final MutableClock clock = MutableClock.at(START);
    private FakeOktaOrg org;
    private ApiClient client;

    @BeforeEach
    void startOrgAndClient() {
        org = FakeOktaOrg.builder().clock(clock).start();
        client = new ApiClient(HttpClients.createDefault(), Caches.newDisabledCacheManager());
        client.setBasePath(org.orgUrl());
        client.setApiKeyPrefix("SSWS");
        client.setApiKey(org.apiToken());
    }

    @AfterEach
    void closeClientAndOrg() throws IOException {
        client.getHttpClient().close();
        org.close();
    }

    @Test
    void getUserByLoginParsesIntoUserGetSingleton() {
        FakeUser jsmith = org.addUser("jsmith@corp.com", UserStatus.ACTIVE, "John", "Smith");

        UserGetSingleton user = new UserApi(client).getUser("JSmith@corp.com", null, null);

        assertThat(user.getId()).isEqualTo(jsmith.id());
        assertThat(user.getStatus()).isEqualTo(UserStatus.ACTIVE);
        assertThat(user.getProfile().getLogin()).isEqualTo("jsmith@corp.com");
        assertThat(user.getProfile().getEmail()).isEqualTo("jsmith@corp.com");
        assertThat(user.getProfile().getFirstName()).isEqualTo("John");
        assertThat(user.getProfile().getLastName()).isEqualTo("Smith");
        assertThat(user.getCreated().toInstant()).isEqualTo(START);
        assertThat(user.getCreated().getOffset()).isEqualTo(ZoneOffset.UTC);
        assertThat(user.getActivated().toInstant()).isEqualTo(START);
        assertThat(user.getLastLogin()).isNull();
        assertThat(user.getType().getId()).startsWith("oty");
        assertThat(user.getLinks().getSelf().getHref()).isEqualTo(org.orgUrl() + "/api/v1/users/" + jsmith.id());
        assertThat(org.requests()).extracting(RecordedRequest::rawPath)
                .containsExactly("/api/v1/users/JSmith%40corp.com");
    }

    @Test
    void listUsersWithALoginFilterParses() {
        org.addUser("jsmith@corp.com", UserStatus.DEPROVISIONED);
        org.addUser("other@corp.com", UserStatus.ACTIVE);

        List<User> users = new UserApi(client)
                .listUsers(null, null, null, null, "profile.login eq \"jsmith@corp.com\"", null, null, null);

        assertThat(users).extracting(u -> u.getProfile().getLogin()).containsExactly("jsmith@corp.com");
        assertThat(users.get(0).getStatus()).isEqualTo(UserStatus.DEPROVISIONED);
    }

    @Test
    void deactivateThenDeleteThroughTheSdk() {
        FakeUser jsmith = org.addUser("jsmith@corp.com", UserStatus.ACTIVE);

        new UserLifecycleApi(client).deactivateUser(jsmith.id(), false, null);
        assertThat(org.status("jsmith@corp.com")).contains(UserStatus.DEPROVISIONED);
        new UserApi(client).deleteUser(jsmith.id(), false, null);

        assertThat(org.deletedLogins()).containsExactly("jsmith@corp.com");
        assertThat(org.requests()).extracting(RecordedRequest::route, RecordedRequest::status, RecordedRequest::rawQuery)
                .containsExactly(
                        tuple(Route.DEACTIVATE_USER, 200, "sendEmail=false"),
                        tuple(Route.DELETE_USER, 204, "sendEmail=false"));
    }

    @Test
    void createUserThroughTheSdk() {
        CreateUserRequest request = new CreateUserRequest().profile(new UserProfile()
                .login("new@corp.com").email("new@corp.com").firstName("New").lastName("User"));

        User created = new UserApi(client).createUser(request, true, false, null);

        assertThat(created.getStatus()).isEqualTo(UserStatus.ACTIVE);
        assertThat(created.getProfile().getLogin()).isEqualTo("new@corp.com");
        assertThat(org.user("new@corp.com")).map(FakeUser::id).contains(created.getId());
    }

    @Test
    void aNotFoundSurfacesAsApiExceptionWithTheErrorBodyAndHeaders() {
        ApiException e = catchThrowableOfType(ApiException.class,
                () -> new UserApi(client).getUser("ghost@corp.com", null, null));

        assertThat(e.getCode()).isEqualTo(404);
        assertThat(e.getResponseBody()).contains("\"errorCode\":\"E0000007\"")
                .contains("Not found: Resource not found: ghost@corp.com (User)");
        assertThat(header(e.getResponseHeaders(), "X-Rate-Limit-Limit")).containsExactly("2000");
        assertThat(header(e.getResponseHeaders(), "X-Rate-Limit-Reset"))
                .containsExactly(Long.toString(START.plusSeconds(60).getEpochSecond() + 1));
        assertThat(header(e.getResponseHeaders(), "Date")).containsExactly("Sat, 01 Mar 2025 10:00:00 GMT");
    }

    @Test
    void aDeactivateOfADeprovisionedUserSurfacesAs404() {
        FakeUser gone = org.addUser("gone@corp.com", UserStatus.DEPROVISIONED);

        ApiException e = catchThrowableOfType(ApiException.class,
                () -> new UserLifecycleApi(client).deactivateUser(gone.id(), false, null));

        assertThat(e.getCode()).isEqualTo(404);
        assertThat(e.getResponseBody()).contains("E0000007");
    }

    @Test
    void aDroppedConnectionSurfacesAsCode0WithTheIOException() {
        FakeUser jsmith = org.addUser("jsmith@corp.com", UserStatus.ACTIVE);
        org.failNext(Route.DEACTIVATE_USER, 1, Fault.dropConnection());

        ApiException e = catchThrowableOfType(ApiException.class,
                () -> new UserLifecycleApi(client).deactivateUser(jsmith.id(), false, null));

        assertThat(e.getCode()).isZero();
        assertThat(e.getCause()).isInstanceOf(IOException.class);
        assertThat(org.status(jsmith.id())).contains(UserStatus.ACTIVE);
    }

    private static List<String> header(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream()
                .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                .flatMap(entry -> entry.getValue().stream())
                .toList();
    }
}

package io.github.oktabulkdelete.examples.testharness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.okta.sdk.resource.api.UserApi;
import com.okta.sdk.resource.model.CreateUserRequest;
import com.okta.sdk.resource.model.UserProfile;
import com.okta.sdk.resource.model.UserStatus;
import io.github.oktabulkdelete.BulkUserDeleter;
import io.github.oktabulkdelete.TunedOktaClient;
import io.github.oktabulkdelete.testing.FakeOktaOrg;
import io.github.oktabulkdelete.testing.FakeUser;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The test-harness example in use: each test creates users in a {@link FakeOktaOrg} through the Okta SDK, as the code
 * under test would, and {@link OktaTestUsers} deletes them after it; {@link #nothingIsLeftBehind()} checks the org at
 * the end.
 */
class OktaTestUsersTest {

    private static final String DOMAIN = "it.corp.example";
    private static final String TEST_RUNNER = "ci-runner@corp.example";

    private static FakeOktaOrg org;
    private static TunedOktaClient client;
    private static BulkUserDeleter deleter;

    @BeforeAll
    static void startOrg() {
        org = FakeOktaOrg.start();
        org.addUser(TEST_RUNNER, UserStatus.ACTIVE);
        org.setTokenOwner(TEST_RUNNER);
        client = org.tunedClient();
        deleter = BulkUserDeleter.builder(client).requestsPerMinute(60_000).build();
    }

    @AfterAll
    static void nothingIsLeftBehind() {
        try {
            assertThat(org.users()).extracting(FakeUser::login).containsExactly(TEST_RUNNER);
            assertThat(org.deletedLogins()).contains("new.hire@" + DOMAIN, "a@" + DOMAIN, "b@" + DOMAIN);
        } finally {
            client.close();
            org.close();
        }
    }

    @RegisterExtension
    final OktaTestUsers testUsers = OktaTestUsers.inDomain(DOMAIN, deleter);

    /** The code under test: creates an active user. */
    private static String signUp(String login) {
        CreateUserRequest request = new CreateUserRequest().profile(new UserProfile()
                .login(login).email(login).firstName("Test").lastName("User"));
        return new UserApi(client.apiClient()).createUser(request, true, false, null).getProfile().getLogin();
    }

    @Test
    void signUpCreatesAnActiveUser() {
        String login = testUsers.created(signUp("new.hire@" + DOMAIN));

        assertThat(org.status(login)).contains(UserStatus.ACTIVE);
    }

    @Test
    void severalUsersAreDeletedInOneBatch() {
        testUsers.created(signUp("a@" + DOMAIN));
        testUsers.created(signUp("b@" + DOMAIN));

        assertThat(org.users()).hasSize(3);
    }

    @Test
    void aLoginOutsideTheTestDomainIsNeverAccepted() {
        assertThatThrownBy(() -> testUsers.created("ceo@corp.example"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a test user");
    }

    @Test
    void aUserThatCannotBeDeletedFailsTheTestThatCreatedIt() {
        OktaTestUsers other = OktaTestUsers.inDomain(DOMAIN, deleter.newBuilder()
                .protectedLogins(java.util.List.of("stuck@" + DOMAIN)).build());
        String stuck = other.created(signUp("stuck@" + DOMAIN));

        assertThatThrownBy(() -> other.afterEach(context("stuckTest()")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("stuckTest() left test users behind in Okta: stuck@" + DOMAIN + " (skipped:");
        testUsers.created(stuck); // the registered extension cleans it up after this test
    }

    private static ExtensionContext context(String displayName) {
        return (ExtensionContext) Proxy.newProxyInstance(OktaTestUsersTest.class.getClassLoader(),
                new Class<?>[] {ExtensionContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getDisplayName")) {
                        return displayName;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}

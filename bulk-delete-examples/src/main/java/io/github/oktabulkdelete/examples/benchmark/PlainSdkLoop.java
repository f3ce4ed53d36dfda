package io.github.oktabulkdelete.examples.benchmark;

import com.okta.sdk.authc.credentials.TokenClientCredentials;
import com.okta.sdk.client.Clients;
import com.okta.sdk.resource.api.UserApi;
import com.okta.sdk.resource.api.UserLifecycleApi;
import com.okta.sdk.resource.client.ApiClient;
import com.okta.sdk.resource.client.ApiException;
import com.okta.sdk.resource.model.UserGetSingleton;
import com.okta.sdk.resource.model.UserStatus;
import io.github.oktabulkdelete.OktaClients;
import io.github.oktabulkdelete.testing.FakeOktaOrg;
import java.nio.file.Path;
import java.util.List;

/**
 * What a developer writes first: a loop over the SDK with its defaults (its own retry of 429, 503 and 504, its
 * cache, its 5-connection pool): look the user up, deactivate it unless already deactivated, delete it, one user at
 * a time.
 */
final class PlainSdkLoop implements Variant {

    @Override
    public String name() {
        return "plain SDK loop (SDK defaults)";
    }

    @Override
    public int users(Scenario scenario, int fullRun) {
        return scenario.loopUsers();
    }

    @Override
    public Run run(FakeOktaOrg org, List<String> logins, int scale, Path work) throws Exception {
        // the SDK refuses http:// org URLs unless this is set before its builder is created
        System.setProperty("okta.testing.disableHttpsCheck", "true");
        ApiClient client = Clients.builder().setOrgUrl(org.orgUrl())
                .setClientCredentials(new TokenClientCredentials(org.apiToken())).build();
        UserApi users = new UserApi(client);
        UserLifecycleApi lifecycle = new UserLifecycleApi(client);
        long start = System.nanoTime();
        int failed = 0;
        try {
            for (String login : logins) {
                try {
                    UserGetSingleton user = users.getUser(login, null, null);
                    if (user.getStatus() != UserStatus.DEPROVISIONED) { // Okta may answer 404 to deactivate it
                        lifecycle.deactivateUser(user.getId(), false, null);
                    }
                    users.deleteUser(user.getId(), false, null);
                } catch (ApiException e) {
                    failed++;
                }
            }
        } finally {
            OktaClients.close(client);
        }
        return new Run((System.nanoTime() - start) / 1e9, Double.NaN, failed, "");
    }
}

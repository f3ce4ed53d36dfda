package io.github.oktabulkdelete.examples.benchmark;

import io.github.oktabulkdelete.BulkDeleteResult;
import io.github.oktabulkdelete.BulkUserDeleter;
import io.github.oktabulkdelete.TunedOktaClient;
import io.github.oktabulkdelete.testing.FakeOktaOrg;
import java.util.List;

/** {@link BulkUserDeleter} on a tuned client, with its defaults or with adaptive pacing. */
final class DeleterVariant implements Variant {

    private final boolean adaptive;

    private DeleterVariant(boolean adaptive) {
        this.adaptive = adaptive;
    }

    static DeleterVariant defaults() {
        return new DeleterVariant(false);
    }

    static DeleterVariant adaptive() {
        return new DeleterVariant(true);
    }

    @Override
    public String name() {
        return adaptive ? "BulkUserDeleter adaptive pacing" : "BulkUserDeleter defaults (300 req/min)";
    }

    @Override
    public int users(Scenario scenario) {
        // at its fixed default rate the large org's full count would take minutes; the loop's count measures it
        return adaptive ? scenario.users() : scenario.loopUsers();
    }

    @Override
    public int run(FakeOktaOrg org, List<String> logins, int scale) {
        int concurrency = adaptive ? 16 : 4;
        try (TunedOktaClient client = org.tunedClientBuilder().connectionPoolSize(concurrency).build()) {
            BulkUserDeleter.Builder builder = BulkUserDeleter.builder(client).maxConcurrency(concurrency);
            if (adaptive) {
                builder.adaptivePacing(true);
            } else {
                // the default of 300 requests per Okta minute, on the fake org's faster clock
                builder.requestsPerMinute(300 * scale);
            }
            BulkDeleteResult result = builder.build().deleteAll(logins);
            return (int) (result.summary().counts().failed() + result.summary().counts().notAttempted());
        }
    }
}

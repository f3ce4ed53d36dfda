package io.github.oktabulkdelete;

import com.okta.sdk.resource.model.UserStatus;
import io.github.oktabulkdelete.testing.FakeOktaOrg;
import java.util.List;

/**
 * Runs a batch, through {@link BulkUserDeleter#start} and {@code deleteAll}, in a class loader without Micrometer
 * ({@link NoMicrometerTest}): it names no Micrometer type, as an application without Micrometer would not.
 */
public final class NoMicrometerProbe {

    private NoMicrometerProbe() {
    }

    /** @return what the batches did, such as {@code DELETED,NOT_FOUND|DELETED} */
    public static String run() throws Exception {
        try (FakeOktaOrg org = FakeOktaOrg.start()) {
            org.addUser("admin@corp.example", UserStatus.ACTIVE);
            org.setTokenOwner("admin@corp.example");
            org.addUser("ann@corp.example", UserStatus.ACTIVE);
            org.addUser("raj@corp.example", UserStatus.DEPROVISIONED);
            TunedOktaClient client = org.tunedClientBuilder().connectionPoolSize(2).build();
            try {
                BulkUserDeleter deleter = BulkUserDeleter.builder(client).requestsPerMinute(1_000_000).build();
                RunningBatch<BulkDeleteResult> batch = deleter.start(List.of("ann@corp.example", "nobody@corp.example"));
                BulkDeleteResult started = batch.result().get();
                BatchProgress progress = batch.progress();
                BulkDeleteResult direct = deleter.deleteAll(List.of("raj@corp.example"));
                return String.join(",", started.outcomes().stream().map(o -> o.kind().name()).toList())
                        + "|" + progress.finished()
                        + "|" + String.join(",", direct.outcomes().stream().map(o -> o.kind().name()).toList());
            } finally {
                client.close();
            }
        }
    }
}

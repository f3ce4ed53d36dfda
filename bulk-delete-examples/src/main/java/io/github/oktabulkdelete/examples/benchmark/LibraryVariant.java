package io.github.oktabulkdelete.examples.benchmark;

import io.github.oktabulkdelete.BulkDeleteResult;
import io.github.oktabulkdelete.BulkUserDeleter;
import io.github.oktabulkdelete.TunedOktaClient;
import io.github.oktabulkdelete.testing.FakeOktaOrg;
import java.nio.file.Path;
import java.util.List;

/** The library alone: {@link BulkUserDeleter} with every default, on a tuned client with its defaults. */
final class LibraryVariant implements Variant {

    @Override
    public String name() {
        return "BulkUserDeleter defaults";
    }

    @Override
    public int users(Scenario scenario, int fullRun) {
        return fullRun;
    }

    @Override
    public Run run(FakeOktaOrg org, List<String> logins, int scale, Path work) throws Exception {
        try (TunedOktaClient client = org.tunedClient()) {
            BulkUserDeleter deleter = BulkUserDeleter.builder(client).build();
            BulkDeleteResult[] result = new BulkDeleteResult[1];
            double seconds = Variant.time(() -> result[0] = deleter.deleteAll(logins));
            return new Run(seconds, Double.NaN, (int) (result[0].summary().counts().failed()
                    + result[0].summary().counts().notAttempted()), "");
        }
    }
}

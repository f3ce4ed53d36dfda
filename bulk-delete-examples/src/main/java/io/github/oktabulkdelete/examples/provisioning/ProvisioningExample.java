package io.github.oktabulkdelete.examples.provisioning;

import com.okta.sdk.resource.model.UserStatus;
import io.github.oktabulkdelete.TunedOktaClient;
import io.github.oktabulkdelete.testing.FakeOktaOrg;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs {@link OffboardingService} against a local {@link FakeOktaOrg}: two HR batches offboarded at the same time by
 * two request threads, sharing the service's one deleter. Against a real org, build the client from the SDK's
 * configuration instead ({@code OktaClients.tuned().build()}).
 *
 * <p>Not thread-safe; run it once.
 *
 * <pre>{@code
 * java -cp okta-bulk-delete.jar io.github.oktabulkdelete.examples.provisioning.ProvisioningExample
 * }</pre>
 */
public final class ProvisioningExample {

    private ProvisioningExample() {
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     * @throws Exception if a batch thread fails
     */
    public static void main(String[] args) throws Exception {
        run(new PrintWriter(System.out, true));
    }

    /**
     * Runs the example, printing the service's records.
     *
     * @param out where to print
     * @return the records of both batches
     * @throws Exception if a batch thread fails
     */
    public static List<OffboardingService.OffboardingRecord> run(PrintWriter out) throws Exception {
        try (FakeOktaOrg org = FakeOktaOrg.start()) {
            org.addUser("svc-provisioning@corp.example", UserStatus.ACTIVE);
            org.setTokenOwner("svc-provisioning@corp.example");
            org.addUser("ann.lee@corp.example", UserStatus.ACTIVE);
            org.addUser("raj.iyer@corp.example", UserStatus.SUSPENDED);
            org.addUser("mo.diaz@corp.example", UserStatus.DEPROVISIONED);
            org.addUser("break-glass-1@corp.example", UserStatus.ACTIVE);
            org.addUser("kim.ng@corp.example", UserStatus.ACTIVE);

            // a local fake org's client allows plain http; never for a real one
            try (TunedOktaClient client = org.tunedClientBuilder().connectionPoolSize(2).build()) {
                // once, for the whole service; a fake org has no rate limit to leave room under
                OffboardingService service = OffboardingService.create(client, 60_000);
                List<List<OffboardingService.Leaver>> batches = List.of(
                        List.of(new OffboardingService.Leaver("E100", "ann.lee@corp.example"),
                                new OffboardingService.Leaver("E101", "raj.iyer@corp.example"),
                                new OffboardingService.Leaver("E102", "kim.ng")), // a shortname: not deleted
                        List.of(new OffboardingService.Leaver("E200", "mo.diaz@corp.example"),
                                new OffboardingService.Leaver("E201", "left.2019@corp.example"),
                                new OffboardingService.Leaver("E900", "break-glass-1@corp.example")));
                ExecutorService requests = Executors.newFixedThreadPool(2);
                try {
                    List<Future<List<OffboardingService.OffboardingRecord>>> running = new ArrayList<>();
                    for (List<OffboardingService.Leaver> batch : batches) {
                        running.add(requests.submit(() -> service.offboard(batch)));
                    }
                    List<OffboardingService.OffboardingRecord> records = new ArrayList<>();
                    for (Future<List<OffboardingService.OffboardingRecord>> batch : running) {
                        records.addAll(batch.get());
                    }
                    for (OffboardingService.OffboardingRecord r : records) {
                        out.printf("%-5s %-27s %-15s %s%n", r.employeeId(), r.login(), r.state(), r.note());
                    }
                    out.flush();
                    return records;
                } finally {
                    requests.shutdown();
                }
            }
        }
    }
}

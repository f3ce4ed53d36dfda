package io.github.oktabulkdelete.examples.provisioning;

import com.okta.sdk.resource.model.UserStatus;
import io.github.oktabulkdelete.TunedOktaClient;
import io.github.oktabulkdelete.testing.FakeOktaOrg;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs {@link OffboardingService} against a local {@link FakeOktaOrg}: two HR batches offboarded at the same time by
 * two request threads, sharing the service's one deleter; then a background job watched through the service's
 * {@link JobStatus} until it ends, and the deleter's meters read from the service's registry. Against a real org,
 * build the client from the SDK's configuration instead ({@code OktaClients.tuned().build()}).
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
     * @return the records of the two batches and of the background job
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
            org.addUser("lee.park@corp.example", UserStatus.ACTIVE);
            org.addUser("sam.roy@corp.example", UserStatus.STAGED);

            // a local fake org's client allows plain http; never for a real one
            try (TunedOktaClient client = org.tunedClientBuilder().connectionPoolSize(2).build()) {
                // once, for the whole service; a fake org has no rate limit to leave room under
                MeterRegistry meters = new SimpleMeterRegistry(); // Prometheus, Datadog... in production
                OffboardingService service = OffboardingService.create(client, 60_000, meters);
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
                    // a job in the background, as the HR feed starts it and the admin page watches it
                    String job = service.startOffboarding(List.of(
                            new OffboardingService.Leaver("E300", "lee.park@corp.example"),
                            new OffboardingService.Leaver("E301", "sam.roy@corp.example")));
                    out.println(job + " started: " + service.status(job).orElseThrow().leavers() + " leavers");
                    records.addAll(service.records(job).get());
                    JobStatus status = service.status(job).orElseThrow();
                    out.printf("%s done=%s: %d/%d finished, %d removed, %d problems%n", status.jobId(),
                            status.done(), status.finished(), status.leavers(), status.removed(), status.problems());
                    for (OffboardingService.OffboardingRecord r : records) {
                        out.printf("%-5s %-27s %-15s %s%n", r.employeeId(), r.login(), r.state(), r.note());
                    }
                    out.printf("meters: %.0f deleted, %d requests to Okta%n",
                            meters.get("okta.bulkdelete.outcomes").tag("kind", "deleted").counter().count(),
                            meters.get("okta.bulkdelete.requests").timers().stream().mapToLong(t -> t.count()).sum());
                    out.flush();
                    return records;
                } finally {
                    requests.shutdown();
                }
            }
        }
    }
}

package io.github.oktabulkdelete.examples.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.github.oktabulkdelete.DeletionOutcome;
import io.github.oktabulkdelete.Step;
import io.github.oktabulkdelete.examples.provisioning.OffboardingService.Leaver;
import io.github.oktabulkdelete.examples.provisioning.OffboardingService.OffboardingRecord;
import io.github.oktabulkdelete.examples.provisioning.OffboardingService.State;
import io.github.oktabulkdelete.TunedOktaClient;
import com.okta.sdk.resource.model.UserStatus;
import io.github.oktabulkdelete.testing.FakeOktaOrg;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProvisioningExampleTest {

    @Test
    void theExampleOffboardsTwoBatchesAtOnceThroughOneSharedDeleter() throws Exception {
        StringWriter printed = new StringWriter();

        List<OffboardingRecord> records = ProvisioningExample.run(new PrintWriter(printed, true));

        assertThat(records).extracting(OffboardingRecord::employeeId, OffboardingRecord::state).containsExactly(
                tuple("E100", State.REMOVED),
                tuple("E101", State.REMOVED),
                tuple("E102", State.NEEDS_ATTENTION),
                tuple("E200", State.REMOVED),
                tuple("E201", State.ALREADY_GONE),
                tuple("E900", State.KEPT),
                tuple("E300", State.REMOVED),
                tuple("E301", State.REMOVED));
        assertThat(records.get(0).oktaUserId()).startsWith("00u");
        assertThat(printed.toString()).contains("E102  kim.ng ").contains("NEEDS_ATTENTION")
                .contains("job-1 started: 2 leavers")
                .contains("job-1 done=true: 2/2 finished, 2 removed, 0 problems")
                .contains("meters: 5 deleted, ");
    }

    @Test
    void aJobIsWatchedAndStoppedThroughTheServicesOwnApi() throws Exception {
        try (FakeOktaOrg org = FakeOktaOrg.start()) {
            org.addUser("svc@corp.example", UserStatus.ACTIVE);
            org.setTokenOwner("svc@corp.example");
            List<Leaver> leavers = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                org.addUser("leaver" + i + "@corp.example", UserStatus.ACTIVE);
                leavers.add(new Leaver("E" + i, "leaver" + i + "@corp.example"));
            }
            TunedOktaClient client = org.tunedClientBuilder().connectionPoolSize(2).build();
            try {
                MeterRegistry meters = new SimpleMeterRegistry();
                OffboardingService service = OffboardingService.create(client, 60_000, meters);
                // the admin stops the job at once: the leavers already started are removed, the rest RETRY_LATER
                String job = service.startOffboarding(leavers);
                assertThat(service.cancel(job, "ops@corp.example")).isTrue();

                List<OffboardingRecord> records = service.records(job).get(10, TimeUnit.SECONDS);
                JobStatus status = service.status(job).orElseThrow();

                assertThat(records).hasSize(5).extracting(OffboardingRecord::state)
                        .allMatch(s -> s == State.RETRY_LATER || s == State.REMOVED);
                assertThat(status.done()).isTrue();
                assertThat(status.finished()).isEqualTo(5);
                assertThat(status.etaSeconds()).isNull();
                assertThat(status.problems() + status.removed()).isEqualTo(5);
                assertThat(service.status("job-99")).isEmpty();
                assertThat(service.cancel("job-99", "ops@corp.example")).isFalse();
                assertThat(meters.get("okta.bulkdelete.outcomes").tag("kind", "not_attempted").counter().count())
                        .isEqualTo(status.problems());
            } finally {
                client.close();
            }
        }
    }

    @Test
    void failuresAreSortedIntoRetryLaterAndNeedsAttention() {
        Leaver leaver = new Leaver("E1", "a@corp.example");

        assertThat(OffboardingService.record(leaver, new DeletionOutcome.Failed("a@corp.example", Step.DELETE, 503,
                "E0000009", "Internal Server Error", 6, "00u1")).state()).isEqualTo(State.RETRY_LATER);
        assertThat(OffboardingService.record(leaver, new DeletionOutcome.Failed("a@corp.example", Step.DELETE, 0,
                null, "transport failure", 6, null)).state()).isEqualTo(State.RETRY_LATER);
        assertThat(OffboardingService.record(leaver, new DeletionOutcome.Failed("a@corp.example", Step.DEACTIVATE,
                403, "E0000038", "not allowed", 2, "00u1")))
                .isEqualTo(new OffboardingRecord("E1", "a@corp.example", State.NEEDS_ATTENTION, "00u1",
                        "DEACTIVATE failed: HTTP 403 E0000038 not allowed"));
        assertThat(OffboardingService.record(leaver, new DeletionOutcome.NotAttempted("a@corp.example",
                "Okta answered 401")).state()).isEqualTo(State.RETRY_LATER);
    }
}

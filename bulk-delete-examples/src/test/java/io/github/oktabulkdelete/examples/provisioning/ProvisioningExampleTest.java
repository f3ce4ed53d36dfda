package io.github.oktabulkdelete.examples.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.github.oktabulkdelete.DeletionOutcome;
import io.github.oktabulkdelete.Step;
import io.github.oktabulkdelete.examples.provisioning.OffboardingService.Leaver;
import io.github.oktabulkdelete.examples.provisioning.OffboardingService.OffboardingRecord;
import io.github.oktabulkdelete.examples.provisioning.OffboardingService.State;
import java.io.PrintWriter;
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
                tuple("E900", State.KEPT));
        assertThat(records.get(0).oktaUserId()).startsWith("00u");
        assertThat(printed.toString()).contains("E102  kim.ng ").contains("NEEDS_ATTENTION");
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

package io.github.oktabulkdelete;

import static org.assertj.core.api.Assertions.assertThat;

import com.okta.sdk.resource.client.ApiClient;
import com.okta.sdk.resource.model.UserStatus;
import io.github.oktabulkdelete.testing.FakeOktaOrg;
import io.github.oktabulkdelete.testing.Fault;
import io.github.oktabulkdelete.testing.MutableClock;
import io.github.oktabulkdelete.testing.Route;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, items 3 and 4: {@code Deleted} means Okta said the user is gone, and only Okta's own 404 means "not
 * found". Through the real SDK against {@link FakeOktaOrg}.
 */
class TruthfulOutcomesTest {

    private static final String TOKEN_OWNER = "admin@corp.example";

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-27T10:00:00Z"));
    private FakeOktaOrg org;
    private ApiClient client;

    @BeforeEach
    void startOrg() {
        org = FakeOktaOrg.builder().clock(clock).start();
        org.addUser(TOKEN_OWNER, UserStatus.ACTIVE);
        org.setTokenOwner(TOKEN_OWNER);
        client = OktaClients.tuned().orgUrl(org.orgUrl()).apiToken(org.apiToken()).allowInsecureHttp(true).build();
    }

    @AfterEach
    void stopOrg() {
        OktaClients.close(client);
        org.close();
    }

    private BulkUserDeleter.Builder deleter() {
        return BulkUserDeleter.builder(client).requestsPerMinute(1_000_000).maxConcurrency(1).clock(clock)
                .sleeper(clock::advance);
    }

    @Test
    void aUserReactivatedBetweenDeactivateAndDeleteIsNotReportedDeleted() {
        String id = org.addUser("jsmith@corp.example", UserStatus.ACTIVE).id();
        org.failNext(Route.DELETE_USER, 1, Fault.reactivateFirst());

        DeletionOutcome outcome = deleter().build().deleteAll(List.of("jsmith@corp.example")).outcomes().get(0);

        assertThat(org.status(id)).contains(UserStatus.DEPROVISIONED);
        assertThat(outcome).isInstanceOfSatisfying(DeletionOutcome.Failed.class, failed -> {
            assertThat(failed.step()).isEqualTo(Step.DELETE);
            assertThat(failed.message()).contains("still exists, now DEPROVISIONED").contains("reactivated");
        });
    }

    @Test
    void aDeletedUserIsVerifiedGoneWithOneGetById() {
        String id = org.addUser("gone@corp.example", UserStatus.DEPROVISIONED).id();

        DeletionOutcome outcome = deleter().build().deleteAll(List.of("gone@corp.example")).outcomes().get(0);

        assertThat(outcome).isEqualTo(new DeletionOutcome.Deleted("gone@corp.example", id, UserState.DEPROVISIONED,
                false, 3));
        assertThat(org.requestCount(Route.GET_USER)).isEqualTo(3); // me, the lookup, the verification
    }

    @Test
    void verifyDeletionsFalseSkipsTheCheck() {
        org.addUser("quick@corp.example", UserStatus.DEPROVISIONED);

        DeletionOutcome outcome = deleter().verifyDeletions(false).build()
                .deleteAll(List.of("quick@corp.example")).outcomes().get(0);

        assertThat(outcome.kind()).isEqualTo(OutcomeKind.DELETED);
        assertThat(org.requestCount(Route.GET_USER)).isEqualTo(2);
    }

    @Test
    void aWrongOrgUrlAnswering404WithoutOktasBodyStopsTheBatchInsteadOfReportingNotFound() {
        org.addUser("a@corp.example", UserStatus.ACTIVE);
        org.addUser("b@corp.example", UserStatus.ACTIVE);
        org.failRandomly(Route.GET_USER, 1.0, 1L, Fault.notOkta404());

        BulkDeleteResult result = deleter().build().deleteAll(List.of("a@corp.example", "b@corp.example"));

        assertThat(result.outcomes()).noneMatch(o -> o.kind() == OutcomeKind.NOT_FOUND);
        assertThat(result.summary().stop()).hasValueSatisfying(stop -> {
            assertThat(stop.cause()).isEqualTo(BatchStop.Cause.NOT_OKTA);
            assertThat(stop.message()).contains(org.orgUrl()).contains("did not answer like Okta");
        });
        assertThat(org.deletedLogins()).isEmpty();
    }

    @Test
    void aDelete404WithoutOktasBodyIsNotReportedDeleted() {
        String id = org.addUser("c@corp.example", UserStatus.DEPROVISIONED).id();
        org.failNext(Route.DELETE_USER, 1, Fault.notOkta404());

        DeletionOutcome outcome = deleter().build().deleteAll(List.of("c@corp.example")).outcomes().get(0);

        assertThat(outcome.kind()).isEqualTo(OutcomeKind.FAILED);
        assertThat(org.user(id)).isPresent();
    }

    @Test
    void aTokenOwnerLookup404WithoutOktasBodyStopsTheBatch() {
        org.addUser("d@corp.example", UserStatus.DEPROVISIONED);
        org.failNext(Route.GET_USER, 1, Fault.notOkta404());

        BulkDeleteResult result = deleter().build().deleteAll(List.of("d@corp.example"));

        assertThat(result.summary().stop()).hasValueSatisfying(
                stop -> assertThat(stop.cause()).isEqualTo(BatchStop.Cause.NOT_OKTA));
        assertThat(result.outcomes().get(0).kind()).isEqualTo(OutcomeKind.NOT_ATTEMPTED);
        assertThat(org.deletedLogins()).isEmpty();
    }
}

package io.github.oktabulkdelete;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.okta.sdk.cache.Caches;
import com.okta.sdk.resource.client.ApiClient;
import com.okta.sdk.resource.model.GroupType;
import com.okta.sdk.resource.model.UserStatus;
import io.github.oktabulkdelete.testing.FakeGroup;
import io.github.oktabulkdelete.testing.FakeOktaOrg;
import io.github.oktabulkdelete.testing.Fault;
import io.github.oktabulkdelete.testing.MutableClock;
import io.github.oktabulkdelete.testing.RecordedRequest;
import io.github.oktabulkdelete.testing.Route;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link OktaUserSelection} through the real Okta SDK and its HTTP stack against {@link FakeOktaOrg}: searches and
 * group members read page by page with the largest pages, through the deleter's pacer and retry, frozen before
 * deleting. Time is a {@link MutableClock} shared with the org; the deleter's sleeper advances it.
 */
class OktaUserSelectionTest {

    private static final String TOKEN_OWNER = "admin@corp.example";

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<String> retries = Collections.synchronizedList(new ArrayList<>());
    private FakeOktaOrg org;
    private ApiClient client;

    @BeforeEach
    void startOrg() {
        org = FakeOktaOrg.builder().clock(clock).rateLimit(Route.GET_USER, 100_000)
                .rateLimit(Route.LIST_USERS, 100_000).rateLimit(Route.DELETE_USER, 100_000)
                .rateLimit(Route.OTHER, 100_000).start();
        org.addUser(TOKEN_OWNER, UserStatus.ACTIVE);
        org.setTokenOwner(TOKEN_OWNER);
        // no retry inside the HTTP client (HttpClient 5 retries 429 and 503 once by default): ours only
        client = new ApiClient(HttpClients.custom().disableAutomaticRetries().build(),
                Caches.newDisabledCacheManager());
        client.setBasePath(org.orgUrl());
        client.setApiKeyPrefix("SSWS");
        client.setApiKey(org.apiToken());
    }

    @AfterEach
    void stopOrg() throws IOException {
        client.getHttpClient().close();
        org.close();
    }

    private BulkUserDeleter deleter(int concurrency) {
        return BulkUserDeleter.builder(client).requestsPerMinute(1_000_000).maxConcurrency(concurrency)
                .verifyDeletions(false).clock(clock).sleeper(clock::advance)
                .listener(new DeletionListener() {
                    @Override
                    public void onRetry(String login, OktaRequestException failure, int attempt, Duration wait) {
                        retries.add(login + " " + failure.httpStatus());
                    }
                }).build();
    }

    private List<String> addUsers(String prefix, int count, UserStatus status) {
        return IntStream.range(0, count).mapToObj(i -> org.addUser(prefix + i + "@corp.example", status).login())
                .toList();
    }

    @Test
    void aSearchOverThreePagesIsFrozenThenDeletedWithNothingSkippedAndNothingRepeated() {
        List<String> stale = addUsers("stale", 450, UserStatus.DEPROVISIONED);
        addUsers("active", 30, UserStatus.ACTIVE);
        BulkUserDeleter deleter = deleter(4);
        OktaUserSelection selection = deleter.selectBySearch("status eq \"DEPROVISIONED\"");

        List<String> frozen = selection.freeze();

        assertThat(frozen).containsExactlyElementsOf(stale);
        List<RecordedRequest> pages = org.requests().stream().filter(r -> r.route() == Route.LIST_USERS).toList();
        assertThat(pages).hasSize(3); // 200 + 200 + 50: the largest page Okta serves
        assertThat(pages).allSatisfy(r -> assertThat(r.rawQuery()).contains("limit=200").contains("search="));
        assertThat(pages.get(1).rawQuery()).contains("after=");

        BulkDeleteResult result = deleter.deleteAll(frozen);

        assertThat(result.outcomes()).hasSize(450).allMatch(o -> o instanceof DeletionOutcome.Deleted);
        assertThat(org.deletedLogins()).containsExactlyInAnyOrderElementsOf(stale)
                .hasSize(450);
        assertThat(selection.freeze()).isEmpty(); // what the search selects changed; the frozen list did not
        assertThat(org.users()).extracting(u -> u.login()).hasSize(31);
    }

    @Test
    void streamingASearchAgainstTheFakesIdCursorWhileDeletingSkipsNone() {
        // The fake's cursor is the last id listed, so deleting listed users cannot shift it. Okta promises no such
        // thing (its cursor is opaque and its search eventually consistent): that is why freeze() exists.
        List<String> stale = addUsers("stale", 450, UserStatus.DEPROVISIONED);

        BulkDeleteResult result = deleter(4).deleteAll(deleter(4).selectBySearch("status eq \"DEPROVISIONED\""));

        assertThat(result.outcomes()).extracting(DeletionOutcome::login).containsExactlyElementsOf(stale);
        assertThat(result.outcomes()).allMatch(o -> o instanceof DeletionOutcome.Deleted);
        assertThat(org.deletedLogins()).hasSize(450);
    }

    @Test
    void deactivatedForSelectsByStatusChangedOnTheInjectedClock() {
        Instant start = clock.instant();
        org.addUser("early@corp.example", UserStatus.ACTIVE);
        org.addUser("boundary@corp.example", UserStatus.ACTIVE);
        org.addUser("recent@corp.example", UserStatus.ACTIVE);
        org.addUser("suspended@corp.example", UserStatus.ACTIVE);
        org.addUser("still-active@corp.example", UserStatus.ACTIVE);
        clock.advance(Duration.ofDays(5));
        org.setStatus("early@corp.example", UserStatus.DEPROVISIONED);
        org.setStatus("suspended@corp.example", UserStatus.SUSPENDED);
        clock.advance(Duration.ofDays(5));
        org.setStatus("boundary@corp.example", UserStatus.DEPROVISIONED); // exactly 90 days before "now" below
        clock.advance(Duration.ofDays(50));
        org.setStatus("recent@corp.example", UserStatus.DEPROVISIONED);
        clock.set(start.plus(Duration.ofDays(100)));
        Instant cutoff = clock.instant().minus(Duration.ofDays(90));

        OktaUserSelection selection = deleter(1).selectDeactivatedBefore(cutoff);

        assertThat(selection.expression())
                .contains("status eq \"DEPROVISIONED\" and statusChanged lt \"2026-01-11T00:00:00.000Z\"");
        assertThat(selection.freeze()).containsExactly("early@corp.example");
        assertThat(deleter(1).selectDeactivatedBefore(cutoff.plusMillis(1)).freeze())
                .containsExactly("early@corp.example", "boundary@corp.example");
    }

    @Test
    void aGroupIsSelectedByIdOrByExactNameOverTwoPagesOfMembers() {
        FakeGroup offboarded = org.groups().add("Contractors-Offboarded", GroupType.OKTA_GROUP);
        FakeGroup contractors = org.groups().add("Contractors", GroupType.OKTA_GROUP);
        List<String> members = addUsers("c", 1500, UserStatus.ACTIVE);
        members.forEach(login -> org.groups().addMember(offboarded.id(), login));
        org.groups().addMember(contractors.id(), "c0@corp.example");
        org.groups().addMember(contractors.id(), TOKEN_OWNER);
        BulkUserDeleter deleter = deleter(1);

        assertThat(deleter.selectGroupMembers(offboarded.id()).freeze()).containsExactlyElementsOf(members);
        List<RecordedRequest> pages = org.requests().stream()
                .filter(r -> r.route() == Route.LIST_GROUP_MEMBERS).toList();
        assertThat(pages).hasSize(2).allSatisfy(r -> assertThat(r.rawQuery()).contains("limit=1000"));
        assertThat(deleter.selectGroupMembers("Contractors-Offboarded").freeze()).containsExactlyElementsOf(members);
        assertThat(deleter.selectGroupMembers("Contractors").freeze())
                .containsExactly("c0@corp.example", TOKEN_OWNER); // q matches both names; only one is exact
        assertThat(org.requests()).filteredOn(r -> r.route() == Route.LIST_GROUPS)
                .allSatisfy(r -> assertThat(r.rawQuery()).contains("q=Contractors"));
    }

    @Test
    void aMissingOrAmbiguousGroupNameIsAClearErrorBeforeAnythingChanges() {
        org.groups().add("AD Staff", GroupType.APP_GROUP);
        org.groups().add("AD Staff", GroupType.APP_GROUP);
        org.groups().add("Sales", GroupType.OKTA_GROUP);
        BulkUserDeleter deleter = deleter(1);

        OktaSelectionException ambiguous = catchThrowableOfType(
                () -> deleter.selectGroupMembers("AD Staff").freeze(), OktaSelectionException.class);
        assertThat(ambiguous.reason()).isEqualTo(OktaSelectionException.Reason.GROUP_AMBIGUOUS);
        assertThat(ambiguous.getMessage()).contains("2 groups are named 'AD Staff'", "APP_GROUP", "by its id");

        OktaSelectionException missing = catchThrowableOfType(
                () -> deleter.selectGroupMembers("sales").freeze(), OktaSelectionException.class);
        assertThat(missing.reason()).isEqualTo(OktaSelectionException.Reason.GROUP_NOT_FOUND);
        assertThat(missing.getMessage()).contains("'sales'", "'Sales'");

        OktaSelectionException unknownId = catchThrowableOfType(
                () -> deleter.selectGroupMembers("00gAAAAAAAAAAAAAAAAA").freeze(), OktaSelectionException.class);
        assertThat(unknownId.reason()).isEqualTo(OktaSelectionException.Reason.GROUP_NOT_FOUND);
        assertThat(org.requestCount(Route.DELETE_USER) + org.requestCount(Route.DEACTIVATE_USER)).isZero();
    }

    @Test
    void aSearchOktaRejectsIsAClearErrorNamingTheExpressionAndNothingIsDeleted() {
        addUsers("stale", 3, UserStatus.DEPROVISIONED);
        String expression = "status eq \"DEPROVISIONED\" and statusChanged lt \"90 days ago\"";
        BulkUserDeleter deleter = deleter(1);

        OktaSelectionException rejected = catchThrowableOfType(
                () -> deleter.selectBySearch(expression).freeze(), OktaSelectionException.class);

        assertThat(rejected.reason()).isEqualTo(OktaSelectionException.Reason.INVALID_SEARCH);
        assertThat(rejected.httpStatus()).isEqualTo(400);
        assertThat(rejected.errorCode()).isEqualTo("E0000031");
        assertThat(rejected.getMessage()).contains(expression, "E0000031", "Fix the expression");
        assertThat(rejected.selection()).contains(expression);

        BulkDeleteSummary streamed = deleter.deleteAll(deleter.selectBySearch(expression), outcome -> { });
        assertThat(streamed.stop().orElseThrow().cause()).isEqualTo(BatchStop.Cause.INPUT_FAILED);
        assertThat(streamed.stop().orElseThrow().message()).contains(expression);
        assertThat(org.requestCount(Route.DELETE_USER) + org.requestCount(Route.DEACTIVATE_USER)).isZero();
    }

    @Test
    void listingIsRetriedByTheDeletersRetry() {
        List<String> stale = addUsers("stale", 250, UserStatus.DEPROVISIONED);
        org.failNext(Route.LIST_USERS, 1, Fault.status(503));
        org.failNext(Route.LIST_USERS, 1, Fault.rateLimited(Duration.ofSeconds(30)));

        List<String> frozen = deleter(1).selectBySearch("status eq \"DEPROVISIONED\"").freeze();

        assertThat(frozen).containsExactlyElementsOf(stale);
        assertThat(new HashSet<>(frozen)).hasSize(250);
        assertThat(retries).containsExactly("search 'status eq \"DEPROVISIONED\"' 503",
                "search 'status eq \"DEPROVISIONED\"' 429");
        assertThat(org.requestCount(Route.LIST_USERS, 200)).isEqualTo(2);
    }
}

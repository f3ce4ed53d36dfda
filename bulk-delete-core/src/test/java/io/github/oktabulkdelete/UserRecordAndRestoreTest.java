package io.github.oktabulkdelete;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.okta.sdk.resource.api.UserApi;
import com.okta.sdk.resource.model.CreateUserRequest;
import com.okta.sdk.resource.model.CreateUserRequestType;
import com.okta.sdk.resource.model.GroupType;
import com.okta.sdk.resource.model.UserProfile;
import com.okta.sdk.resource.model.UserStatus;
import io.github.oktabulkdelete.testing.FakeGroup;
import io.github.oktabulkdelete.testing.FakeOktaOrg;
import io.github.oktabulkdelete.testing.FakeUser;
import io.github.oktabulkdelete.testing.MutableClock;
import io.github.oktabulkdelete.testing.Route;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The restorable record of each deleted user (profile, type, status, credentials' provider, groups) through the
 * real SDK against {@link FakeOktaOrg}, written with each intent, read back as typed data, and {@link UserRestorer}
 * creating the users again from it.
 */
class UserRecordAndRestoreTest {

    private static final JournalHeader HEADER = new JournalHeader(Instant.parse("2026-11-27T10:00:00Z"),
            "https://corp.okta.com", Map.of(), "test");
    private static final String CUSTOM_TYPE = "oty0customtype00001";

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-27T10:00:00Z"));
    private FakeOktaOrg org;
    private TunedOktaClient client;

    @BeforeEach
    void startOrg() {
        org = FakeOktaOrg.builder().clock(clock).rateLimit(Route.GET_USER, 100_000)
                .rateLimit(Route.LIST_USERS, 100_000).rateLimit(Route.DELETE_USER, 100_000)
                .rateLimit(Route.DEACTIVATE_USER, 100_000).rateLimit(Route.OTHER, 100_000).start();
        org.addUser("admin@corp.example", UserStatus.ACTIVE);
        org.setTokenOwner("admin@corp.example");
        client = org.tunedClient();
    }

    @AfterEach
    void stopOrg() {
        client.close();
        org.close();
    }

    private BulkUserDeleter.Builder deleter() {
        return BulkUserDeleter.builder(client).requestsPerMinute(1_000_000).maxConcurrency(4).clock(clock)
                .sleeper(clock::advance);
    }

    private Path deleteWithJournal(BulkUserDeleter deleter, List<String> logins) throws IOException {
        Path journal = dir.resolve("run.journal.jsonl");
        try (DeletionJournal j = DeletionJournal.open(journal, HEADER, clock)) {
            List<DeletionOutcome> outcomes = new ArrayList<>();
            deleter.deleteAll(logins, j, outcomes::add, Cancellation.create());
            assertThat(outcomes).hasSize(logins.size()).allMatch(o -> o instanceof DeletionOutcome.Deleted);
        }
        return journal;
    }

    private static List<ChangeIntent> intents(Path journal) throws IOException {
        List<ChangeIntent> intents = new ArrayList<>();
        DeletionJournal.readIntents(journal, intents::add);
        return intents;
    }

    @Test
    void theIntentRecordCarriesTheWholeProfileTypeProviderAndGroupsOfEveryType() throws IOException {
        UserProfile profile = new UserProfile();
        profile.setLogin("jsmith@corp.example");
        profile.setFirstName("Jane");
        profile.setLastName("Smith");
        profile.setEmail("jsmith@corp.example");
        Map<String, Object> custom = new LinkedHashMap<>();
        custom.put("department", "Sales");
        custom.put("badgeNumber", 42);
        custom.put("isContractor", true);
        custom.put("languages", List.of("en", "fr"));
        profile.setAdditionalProperties(custom);
        new UserApi(client.apiClient()).createUser(new CreateUserRequest().profile(profile)
                .type(new CreateUserRequestType().id(CUSTOM_TYPE)), true, null, null);
        FakeGroup sales = org.groups().add("Sales", GroupType.OKTA_GROUP);
        FakeGroup ad = org.groups().add("AD Users", GroupType.APP_GROUP);
        org.groups().addMember(sales.id(), "jsmith@corp.example");
        org.groups().addMember(ad.id(), "jsmith@corp.example");
        FakeUser before = org.user("jsmith@corp.example").orElseThrow();

        Path journal = deleteWithJournal(deleter().backupGroups(true).build(), List.of("jsmith@corp.example"));

        List<ChangeIntent> intents = intents(journal);
        assertThat(intents).hasSize(1);
        UserRecord record = intents.get(0).record();
        assertThat(record.profile()).containsEntry("login", "jsmith@corp.example").containsEntry("firstName", "Jane")
                .containsEntry("lastName", "Smith").containsEntry("email", "jsmith@corp.example")
                .containsEntry("department", "Sales").containsEntry("badgeNumber", 42)
                .containsEntry("isContractor", true).containsEntry("languages", List.of("en", "fr"));
        assertThat(record.typeId()).isEqualTo(CUSTOM_TYPE);
        assertThat(record.status()).isEqualTo(UserState.ACTIVE);
        assertThat(record.created()).isEqualTo(before.created());
        assertThat(record.credentialsProviderType()).isEqualTo("OKTA");
        assertThat(record.credentialsProviderName()).isEqualTo("OKTA");
        assertThat(record.groups()).extracting(GroupRecord::name, GroupRecord::type).containsExactlyInAnyOrder(
                tuple("Everyone", "BUILT_IN"),
                tuple("Sales", "OKTA_GROUP"),
                tuple("AD Users", "APP_GROUP"));
        assertThat(record.groups()).extracting(GroupRecord::id).contains(sales.id(), ad.id());
        assertThat(org.requestCount(Route.LIST_USER_GROUPS)).isEqualTo(1);
        // reading for a resume keeps intents without their records
        assertThat(Files.readString(journal)).contains("\"department\":\"Sales\"").doesNotContain("password");
    }

    @Test
    void withoutTheGroupBackupTheRecordHasNoGroupsAndNoGroupCallIsMade() throws IOException {
        org.addUser("a@corp.example", UserStatus.ACTIVE, Map.of("department", "Ops"));

        Path journal = deleteWithJournal(deleter().build(), List.of("a@corp.example"));

        UserRecord record = intents(journal).get(0).record();
        assertThat(record.profile()).containsEntry("department", "Ops");
        assertThat(record.groups()).isNull();
        assertThat(org.requestCount(Route.LIST_USER_GROUPS)).isZero();
    }

    @Test
    void aRunWithoutAJournalListsNoGroupsEvenWithTheBackupOn() {
        org.addUser("a@corp.example", UserStatus.ACTIVE);

        deleter().backupGroups(true).build().deleteAll(List.of("a@corp.example"));

        assertThat(org.requestCount(Route.LIST_USER_GROUPS)).isZero();
    }

    @Test
    void fiftyDeletedUsersOfSeveralGroupsAreRestoredWithTheirProfilesAndTheGroupsThatStillExist() throws IOException {
        FakeGroup g1 = org.groups().add("Engineering", GroupType.OKTA_GROUP);
        FakeGroup g2 = org.groups().add("Contractors", GroupType.OKTA_GROUP);
        FakeGroup gone = org.groups().add("Project X", GroupType.OKTA_GROUP);
        FakeGroup app = org.groups().add("Salesforce Users", GroupType.APP_GROUP);
        List<String> logins = IntStream.range(0, 50).mapToObj(i -> "user" + i + "@corp.example").toList();
        Map<String, Map<String, Object>> profiles = new LinkedHashMap<>();
        for (int i = 0; i < 50; i++) {
            Map<String, Object> custom = new LinkedHashMap<>();
            custom.put("department", "Dept" + (i % 5));
            custom.put("employeeNumber", String.valueOf(1000 + i));
            custom.put("badge", i);
            FakeUser user = org.addUser(logins.get(i), i % 7 == 0 ? UserStatus.SUSPENDED : UserStatus.ACTIVE, custom);
            profiles.put(user.login(), custom);
            org.groups().addMember((i % 2 == 0 ? g1 : g2).id(), user.login());
            if (i % 3 == 0) {
                org.groups().addMember(gone.id(), user.login());
            }
            if (i % 4 == 0) {
                org.groups().addMember(app.id(), user.login());
            }
        }
        BulkUserDeleter deleter = deleter().backupGroups(true).build();
        Path journal = deleteWithJournal(deleter, logins);
        assertThat(org.users()).hasSize(1);
        org.groups().remove(gone.id());

        List<RestoreOutcome> outcomes = UserRestorer.builder(deleter).build().restore(journal);

        assertThat(outcomes).hasSize(50).allMatch(o -> o instanceof RestoreOutcome.Restored);
        for (RestoreOutcome outcome : outcomes) {
            RestoreOutcome.Restored restored = (RestoreOutcome.Restored) outcome;
            int i = logins.indexOf(restored.login());
            FakeUser now = org.user(restored.login()).orElseThrow();
            assertThat(now.id()).isEqualTo(restored.newUserId()).isNotEqualTo(restored.oldUserId());
            assertThat(now.status()).isEqualTo(UserStatus.STAGED);
            assertThat(now.customProfile()).containsAllEntriesOf(profiles.get(restored.login()));
            assertThat(now.email()).isEqualTo(restored.login());
            assertThat(org.groups().groupsOf(now.id())).extracting(FakeGroup::name)
                    .containsExactlyInAnyOrder("Everyone", i % 2 == 0 ? "Engineering" : "Contractors");
            assertThat(restored.groupsRestored()).extracting(GroupRecord::id)
                    .containsExactly((i % 2 == 0 ? g1 : g2).id());
            assertThat(restored.groupsMissing()).extracting(GroupRecord::name)
                    .isEqualTo(i % 3 == 0 ? List.of("Project X") : List.of());
            assertThat(restored.groupsNotSent()).extracting(GroupRecord::name)
                    .contains("Everyone").hasSize(i % 4 == 0 ? 2 : 1);
        }
        // a group is checked once per restore, not once per member
        assertThat(org.requestCount(Route.GET_GROUP)).isEqualTo(3);
        assertThat(org.requestCount(Route.CREATE_USER)).isEqualTo(50);
    }

    @Test
    void aLoginThatExistsAgainIsSkippedAndNothingChanges() throws IOException {
        org.addUser("back@corp.example", UserStatus.ACTIVE, Map.of("department", "Old"));
        org.addUser("gone@corp.example", UserStatus.ACTIVE);
        BulkUserDeleter deleter = deleter().backupGroups(true).build();
        Path journal = deleteWithJournal(deleter, List.of("back@corp.example", "gone@corp.example"));
        FakeUser again = org.addUser("back@corp.example", UserStatus.ACTIVE, Map.of("department", "New"));

        List<RestoreOutcome> dry = UserRestorer.builder(deleter).dryRun(true).build().restore(journal);
        assertThat(dry).containsExactlyInAnyOrder(
                new RestoreOutcome.AlreadyExists("back@corp.example", dry.stream()
                        .filter(o -> o.login().equals("back@corp.example")).map(o -> ((RestoreOutcome.AlreadyExists) o)
                                .oldUserId()).findFirst().orElseThrow(), again.id()),
                dry.stream().filter(o -> o.login().equals("gone@corp.example")).findFirst().orElseThrow());
        assertThat(dry).filteredOn(o -> o.login().equals("gone@corp.example"))
                .allMatch(o -> o instanceof RestoreOutcome.WouldRestore);
        assertThat(org.requestCount(Route.CREATE_USER)).isZero();

        RestoreSummary summary = UserRestorer.builder(deleter).build().restore(journal,
                List.of("BACK@corp.example"), o -> { }, Cancellation.create());

        assertThat(summary.alreadyExists()).isEqualTo(1);
        assertThat(summary.total()).isEqualTo(1);
        assertThat(org.user("back@corp.example").orElseThrow()).isEqualTo(again);
        assertThat(org.user("gone@corp.example")).isEmpty(); // not named: left alone
    }

    @Test
    void aLoginTheJournalDoesNotReportDeletedIsNotRestorable() throws IOException {
        org.addUser("a@corp.example", UserStatus.ACTIVE);
        BulkUserDeleter deleter = deleter().build();
        Path journal = deleteWithJournal(deleter, List.of("a@corp.example"));

        List<RestoreOutcome> outcomes = new ArrayList<>();
        UserRestorer.builder(deleter).build().restore(journal, List.of("nobody@corp.example"), outcomes::add,
                Cancellation.create());

        assertThat(outcomes).singleElement().isInstanceOf(RestoreOutcome.NotRestorable.class);
        assertThat(org.requestCount(Route.CREATE_USER)).isZero();
    }

    @Test
    void anIntentOfAnOlderJournalWithoutARecordStillReadsAndIsNotRestorable() throws IOException {
        Path journal = dir.resolve("old.journal.jsonl");
        Files.writeString(journal, "{\"type\":\"run\",\"journal\":1,\"startedAt\":\"2026-11-27T10:00:00Z\","
                + "\"orgUrl\":\"https://corp.okta.com\",\"toolVersion\":\"0.0.9\",\"options\":{}}\n"
                + "{\"type\":\"intent\",\"at\":\"2026-11-27T10:00:01Z\",\"login\":\"a@corp.example\","
                + "\"userId\":\"00u00000000000000001\",\"status\":\"ACTIVE\"}\n"
                + "{\"type\":\"outcome\",\"at\":\"2026-11-27T10:00:02Z\",\"login\":\"a@corp.example\","
                + "\"outcome\":\"DELETED\",\"reason\":null,\"userId\":\"00u00000000000000001\",\"status\":"
                + "\"ACTIVE\",\"deactivatedByThisRun\":true,\"step\":null,\"httpStatus\":null,\"errorCode\":null,"
                + "\"attempts\":3,\"message\":null}\n");

        assertThat(intents(journal)).singleElement().satisfies(i -> assertThat(i.record()).isNull());
        assertThat(DeletionJournal.read(journal).counts().deleted()).isEqualTo(1);
        List<RestoreOutcome> outcomes = UserRestorer.builder(deleter().build()).build().restore(journal);

        assertThat(outcomes).singleElement().isInstanceOf(RestoreOutcome.NotRestorable.class)
                .extracting(RestoreOutcome::login).isEqualTo("a@corp.example");
        assertThat(org.requestCount(Route.CREATE_USER)).isZero();
    }

    @Test
    void readingAJournalForAResumeKeepsPendingIntentsWithoutTheirRecords() throws IOException {
        org.addUser("a@corp.example", UserStatus.ACTIVE, Map.of("department", "Ops"));
        Path journal = dir.resolve("run.journal.jsonl");
        org.failNext(Route.DEACTIVATE_USER, 1, io.github.oktabulkdelete.testing.Fault.status(400, "E0000001",
                "Api validation failed: status"));
        try (DeletionJournal j = DeletionJournal.open(journal, HEADER, clock)) {
            deleter().backupGroups(true).build().deleteAll(List.of("a@corp.example"), j);
        }
        // the intent was written with its record, the outcome is a Failed without change: no intent pending
        assertThat(intents(journal)).singleElement().satisfies(i -> assertThat(i.record()).isNotNull());
        Files.writeString(journal, Files.readString(journal).lines().limit(2)
                .map(l -> l + "\n").reduce("", String::concat)); // as if the run died after the intent

        ChangeIntent pending = DeletionJournal.read(journal).intent("a@corp.example").orElseThrow();

        assertThat(pending.record()).isNull();
        assertThat(pending.userId()).isEqualTo(org.user("a@corp.example").orElseThrow().id());
    }
}

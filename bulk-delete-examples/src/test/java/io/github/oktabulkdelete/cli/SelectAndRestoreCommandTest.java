package io.github.oktabulkdelete.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.okta.sdk.resource.model.GroupType;
import com.okta.sdk.resource.model.UserStatus;
import io.github.oktabulkdelete.BulkUserDeleter;
import io.github.oktabulkdelete.Cancellation;
import io.github.oktabulkdelete.DeletionJournal;
import io.github.oktabulkdelete.JournalHeader;
import io.github.oktabulkdelete.TunedOktaClient;
import io.github.oktabulkdelete.testing.FakeGroup;
import io.github.oktabulkdelete.testing.FakeOktaOrg;
import io.github.oktabulkdelete.testing.FakeUser;
import io.github.oktabulkdelete.testing.MutableClock;
import io.github.oktabulkdelete.testing.Route;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --search}, {@code --group}, {@code --deactivated-for} and the {@code restore} subcommand, run in-process
 * against a {@link FakeOktaOrg} through the real SDK; time is a {@link MutableClock} shared with the org.
 */
class SelectAndRestoreCommandTest {

    private static final String TOKEN = "00TOKEN-select-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
    private static final String OWNER = "svc-api@corp.example";

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-27T10:00:00Z"));
    private FakeOktaOrg org;
    private Map<String, String> env;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void startOrg() {
        org = FakeOktaOrg.builder().apiToken(TOKEN).clock(clock).rateLimit(Route.GET_USER, 100_000)
                .rateLimit(Route.LIST_USERS, 100_000).rateLimit(Route.DELETE_USER, 100_000)
                .rateLimit(Route.DEACTIVATE_USER, 100_000).rateLimit(Route.OTHER, 100_000).start();
        org.addUser(OWNER, UserStatus.ACTIVE);
        org.setTokenOwner(OWNER);
        env = new HashMap<>(Map.of("OKTA_CLIENT_TOKEN", TOKEN));
    }

    @AfterEach
    void stopOrg() {
        org.close();
    }

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of("--org-url", org.orgUrl(), "--allow-insecure-http",
                "--requests-per-minute", "1000000", "--concurrency", "2"));
        all.addAll(Arrays.asList(args));
        return runBare(all.toArray(String[]::new));
    }

    private int restore(String... args) {
        List<String> all = new ArrayList<>(List.of("restore", "--org-url", org.orgUrl(), "--allow-insecure-http",
                "--requests-per-minute", "1000000"));
        all.addAll(Arrays.asList(args));
        return runBare(all.toArray(String[]::new));
    }

    private int runBare(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        BulkDeleteCommand command = new BulkDeleteCommand(env, new ByteArrayInputStream(new byte[0]),
                new PrintWriter(out, true), new PrintWriter(err, true), FakeTerminal.none());
        command.withTime(clock, clock::advance).withWorkingDirectory(dir);
        return command.commandLine().execute(args);
    }

    @Test
    void aSearchOktaRejectsIsABadInputErrorBeforeAnythingChanges() {
        org.addUser("a@corp.example", UserStatus.DEPROVISIONED);

        int status = run("--search", "status eq", "--execute", "--yes");

        assertThat(status).as(err.toString()).isEqualTo(ExitStatus.USAGE);
        assertThat(err.toString()).contains("cannot select users in Okta", "E0000031");
        assertThat(org.requestCount(Route.DEACTIVATE_USER) + org.requestCount(Route.DELETE_USER)).isZero();
        assertThat(org.user("a@corp.example")).isPresent();
    }

    @Test
    void aMissingGroupIsABadInputError() {
        int status = run("--group", "No Such Group", "--execute", "--yes");

        assertThat(status).as(err.toString()).isEqualTo(ExitStatus.USAGE);
        assertThat(err.toString()).contains("No Such Group");
    }

    @Test
    void groupMembersAreDeletedAndALoginAlsoGivenIsSkippedAsADuplicate() {
        FakeGroup offboarded = org.groups().add("Contractors-Offboarded", GroupType.OKTA_GROUP);
        for (String login : List.of("c1@corp.example", "c2@corp.example", "c3@corp.example")) {
            org.addUser(login, UserStatus.ACTIVE);
            org.groups().addMember(offboarded.id(), login);
        }
        org.addUser("stays@corp.example", UserStatus.ACTIVE);

        int status = run("--group", "Contractors-Offboarded", "--login", "c1@corp.example", "--execute", "--yes");

        assertThat(status).as(err.toString()).isEqualTo(ExitStatus.OK);
        assertThat(err.toString()).contains("members of group 'Contractors-Offboarded': 3 users");
        assertThat(org.users()).extracting(FakeUser::login).containsExactlyInAnyOrder(OWNER, "stays@corp.example");
        assertThat(org.requestCount(Route.DELETE_USER)).isEqualTo(3);
    }

    @Test
    void deactivatedForSelectsTheUsersDeactivatedLongerThanTheDurationByTheInjectedClock() {
        org.addUser("old@corp.example", UserStatus.ACTIVE);
        org.addUser("recent@corp.example", UserStatus.ACTIVE);
        org.addUser("active@corp.example", UserStatus.ACTIVE);
        org.setStatus("old@corp.example", UserStatus.DEPROVISIONED);
        clock.advance(Duration.ofDays(60));
        org.setStatus("recent@corp.example", UserStatus.DEPROVISIONED);
        clock.advance(Duration.ofDays(40)); // old: 100 days ago; recent: 40 days ago

        int status = run("--deactivated-for", "90d", "--execute", "--yes");

        assertThat(status).as(err.toString()).isEqualTo(ExitStatus.OK);
        assertThat(err.toString()).contains("deactivated for more than", ": 1 user");
        assertThat(org.user("old@corp.example")).isEmpty();
        assertThat(org.user("recent@corp.example")).isPresent();
        assertThat(org.user("active@corp.example")).isPresent();
    }

    /** Deletes through the library with a journal (group backup on), as a deletion with --execute records it. */
    private Path deletedWithJournal(List<String> logins) throws IOException {
        Path journal = dir.resolve("offboarding.journal.jsonl");
        try (TunedOktaClient client = org.tunedClientBuilder().build();
                DeletionJournal writer = DeletionJournal.open(journal, new JournalHeader(clock.instant(),
                        org.orgUrl(), Map.of(), "test"), clock)) {
            BulkUserDeleter deleter = BulkUserDeleter.builder(client).requestsPerMinute(1_000_000).clock(clock)
                    .sleeper(clock::advance).backupGroups(true).build();
            deleter.deleteAll(logins, writer, o -> { }, Cancellation.create());
        }
        return journal;
    }

    @Test
    void restoreIsADryRunByDefaultThenExecuteCreatesTheUsersInTheirGroupsAndReportsThem() throws IOException {
        FakeGroup sales = org.groups().add("Sales", GroupType.OKTA_GROUP);
        org.addUser("jsmith@corp.example", UserStatus.ACTIVE, Map.of("department", "Sales"));
        org.addUser("ajones@corp.example", UserStatus.ACTIVE);
        org.groups().addMember(sales.id(), "jsmith@corp.example");
        Path journal = deletedWithJournal(List.of("jsmith@corp.example", "ajones@corp.example"));
        assertThat(org.user("jsmith@corp.example")).isEmpty();

        int dry = restore("--journal", journal.toString());

        assertThat(dry).as(err.toString()).isEqualTo(ExitStatus.OK);
        assertThat(out.toString()).contains("would restore  jsmith@corp.example in Sales", "Would restore: 2");
        assertThat(org.requestCount(Route.CREATE_USER)).isZero();

        Path report = dir.resolve("restore.csv");
        int executed = restore("--journal", journal.toString(), "--login", "jsmith@corp.example", "--execute",
                "--yes", "--report", report.toString());

        assertThat(executed).as(err.toString()).isEqualTo(ExitStatus.OK);
        FakeUser back = org.user("jsmith@corp.example").orElseThrow();
        assertThat(back.status()).isEqualTo(UserStatus.STAGED);
        assertThat(back.customProfile()).containsEntry("department", "Sales");
        assertThat(org.groups().groupsOf(back.id())).extracting(FakeGroup::name).contains("Sales");
        assertThat(org.user("ajones@corp.example")).isEmpty(); // not named
        assertThat(out.toString()).contains("restored       jsmith@corp.example as " + back.id(), "Restored: 1",
                "lifecycle/activate");
        assertThat(Files.readAllLines(report)).hasSize(2).element(1).asString()
                .startsWith("jsmith@corp.example,RESTORED,").contains(back.id(), "Sales");

        int again = restore("--journal", journal.toString(), "--login", "jsmith@corp.example", "--execute",
                "--yes");

        assertThat(again).as(err.toString()).isEqualTo(ExitStatus.OK);
        assertThat(out.toString()).contains("already exists jsmith@corp.example");
        assertThat(org.requestCount(Route.CREATE_USER)).isEqualTo(1);
    }

    @Test
    void restoreAsksOAuthForTheGroupsReadScopeItReadsRecordedGroupsWith() throws Exception {
        Path journal = deletedWithJournal(List.of());
        Path key = Files.writeString(dir.resolve("service-app.pem"), TestKeys.pem(TestKeys.privateKeyBase64()));

        // OAuth 2.0 needs https, which no local server here speaks: the token request fails, naming the scopes
        int status = runBare("restore", "--org-url", "https://127.0.0.1:1", "--client-id", "0oa-service-app",
                "--private-key", key.toString(), "--journal", journal.toString(), "--execute", "--yes");

        assertThat(status).isEqualTo(ExitStatus.STOPPED);
        assertThat(err.toString()).as("Okta's spec: a group by id needs okta.groups.read, a create okta.users.manage")
                .contains("(OAuth 2.0 client 0oa-service-app, scopes okta.users.manage okta.groups.read)");
    }

    @Test
    void restoreExecuteWithoutATerminalNeedsYes() throws IOException {
        Path journal = deletedWithJournal(List.of());

        int status = restore("--journal", journal.toString(), "--execute");

        assertThat(status).isEqualTo(ExitStatus.USAGE);
        assertThat(err.toString()).contains("--execute needs --yes");
    }
}

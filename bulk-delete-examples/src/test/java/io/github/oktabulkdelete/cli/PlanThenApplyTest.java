package io.github.oktabulkdelete.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.okta.sdk.resource.model.UserStatus;
import io.github.oktabulkdelete.testing.FakeOktaOrg;
import io.github.oktabulkdelete.testing.MutableClock;
import io.github.oktabulkdelete.testing.RecordedRequest;
import io.github.oktabulkdelete.testing.Route;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plan, then apply (issue 10 items 4 and 5) through the CLI against {@link FakeOktaOrg}: {@code --plan-out},
 * {@code --execute --plan}, the refusals, and the exact calls per route of both ways to delete.
 */
class PlanThenApplyTest {

    private static final String TOKEN = "00TOKEN-plan-" + Long.toHexString(System.nanoTime());
    private static final String OWNER = "svc-api@corp.example";
    private static final List<String> ACTIVE = List.of("a1@corp.example", "a2@corp.example", "a3@corp.example");
    private static final List<String> DEPROVISIONED = List.of("d1@corp.example", "d2@corp.example");
    private static final String SUSPENDED = "s1@corp.example";
    private static final String MISSING = "missing@corp.example";

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-27T10:00:00Z"));
    private FakeOktaOrg org;
    private StringWriter err;
    private Path input;

    @BeforeEach
    void startOrg() throws IOException {
        org = FakeOktaOrg.builder().apiToken(TOKEN).clock(clock).rateLimit(Route.GET_USER, 100_000)
                .rateLimit(Route.DELETE_USER, 100_000).start();
        org.addUser(OWNER, UserStatus.ACTIVE);
        org.setTokenOwner(OWNER);
        ACTIVE.forEach(l -> org.addUser(l, UserStatus.ACTIVE));
        DEPROVISIONED.forEach(l -> org.addUser(l, UserStatus.DEPROVISIONED));
        org.addUser(SUSPENDED, UserStatus.SUSPENDED);
        List<String> logins = new ArrayList<>(ACTIVE);
        logins.addAll(DEPROVISIONED);
        logins.add(SUSPENDED);
        logins.add(MISSING);
        input = dir.resolve("users.txt");
        Files.write(input, logins, StandardCharsets.UTF_8);
    }

    @AfterEach
    void stopOrg() {
        org.close();
    }

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of("--org-url", org.orgUrl(), "--allow-insecure-http",
                "--requests-per-minute", "1000000", "--concurrency", "2"));
        all.addAll(Arrays.asList(args));
        err = new StringWriter();
        BulkDeleteCommand command = new BulkDeleteCommand(Map.of("OKTA_CLIENT_TOKEN", TOKEN),
                new ByteArrayInputStream(new byte[0]), new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true), FakeTerminal.none());
        command.withTime(clock, clock::advance).withWorkingDirectory(dir);
        return command.commandLine().execute(all.toArray(String[]::new));
    }

    private Map<String, Long> requestsByPath() {
        return org.requests().stream().collect(Collectors.groupingBy(r -> r.method() + " " + r.rawPath(),
                Collectors.counting()));
    }

    private static final int USERS = 6; // to delete: 3 active, 2 deprovisioned, 1 suspended
    private static final int NOT_DEPROVISIONED = 4;

    @Test
    void plainExecuteLooksEachLoginUpByLoginOnceThenWorksByIdAndAsksForTheTokenOwnerOnce() {
        int status = run("--csv", input.toString(), "--execute", "--yes");

        assertThat(status).as(err.toString()).isEqualTo(ExitStatus.OK);
        assertThat(org.deletedLogins()).hasSize(USERS);
        // check: /me + one lookup by login per input line; apply: one GET by id and one verifying GET by id per user
        assertThat(org.requestCount(Route.GET_USER)).isEqualTo(1 + (USERS + 1) + USERS + USERS);
        assertThat(org.requestCount(Route.DEACTIVATE_USER)).isEqualTo(NOT_DEPROVISIONED);
        assertThat(org.requestCount(Route.DELETE_USER)).isEqualTo(USERS);
        assertThat(org.requestCount(Route.LIST_USER_GROUPS)).as("the restorable record: one listing a user")
                .isEqualTo(USERS);
        assertThat(org.requestCount()).isEqualTo(1 + (USERS + 1) + 2 * USERS + NOT_DEPROVISIONED + USERS + USERS);
        Map<String, Long> byPath = requestsByPath();
        assertThat(byPath).containsEntry("GET /api/v1/users/me", 1L);
        byPath.forEach((path, n) -> {
            if (path.contains("%40")) {
                assertThat(n).as(path + " is looked up by login once").isEqualTo(1L);
            }
        });
        assertThat(byPath.keySet().stream().filter(p -> p.contains("%40"))).hasSize(USERS + 1);
    }

    @Test
    void executeOfAPlanMakesNoCheckPassAndOnlyTheCallsOfItemFive() {
        Path plan = dir.resolve("users.plan.jsonl");
        assertThat(run("--csv", input.toString(), "--plan-out", plan.toString())).as(err.toString())
                .isEqualTo(ExitStatus.OK);
        assertThat(err.toString()).contains("Plan written to " + plan.toAbsolutePath());
        assertThat(org.deletedLogins()).isEmpty();
        org.resetCounts();

        int status = run("--execute", "--plan", plan.toString(), "--yes");

        assertThat(status).as(err.toString()).isEqualTo(ExitStatus.OK);
        assertThat(err.toString()).contains(USERS + " to delete, 1 not found");
        assertThat(org.deletedLogins()).hasSize(USERS);
        assertThat(org.requestCount(Route.GET_USER)).isEqualTo(1 + USERS + USERS);
        assertThat(org.requestCount(Route.DEACTIVATE_USER)).isEqualTo(NOT_DEPROVISIONED);
        assertThat(org.requestCount(Route.DELETE_USER)).isEqualTo(USERS);
        assertThat(org.requestCount(Route.LIST_USER_GROUPS)).as("the restorable record: one listing a user")
                .isEqualTo(USERS);
        assertThat(org.requestCount()).isEqualTo(1 + 2 * USERS + NOT_DEPROVISIONED + USERS + USERS);
        assertThat(org.requests()).extracting(RecordedRequest::rawPath).noneMatch(p -> p.contains("%40"));
    }

    @Test
    void aPlanOlderThanMaxPlanAgeOrOfAnotherOrgIsRefusedNamingTheFileAndTheFix() throws IOException {
        Path plan = dir.resolve("users.plan.jsonl");
        assertThat(run("--csv", input.toString(), "--plan-out", plan.toString())).isEqualTo(ExitStatus.OK);
        clock.advance(Duration.ofHours(25));

        assertThat(run("--execute", "--plan", plan.toString(), "--yes")).isEqualTo(ExitStatus.USAGE);
        assertThat(err.toString()).contains(plan.toString()).contains("--max-plan-age 24h")
                .contains("Make a new plan");
        assertThat(run("--execute", "--plan", plan.toString(), "--yes", "--max-plan-age", "2d"))
                .as(err.toString()).isEqualTo(ExitStatus.OK);

        Path other = dir.resolve("other.plan.jsonl");
        assertThat(run("--csv", input.toString(), "--plan-out", other.toString())).isEqualTo(ExitStatus.OK);
        String text = Files.readString(other).replace(org.orgUrl(), "https://another.okta.com");
        Files.writeString(other, text);
        assertThat(run("--execute", "--plan", other.toString(), "--yes")).isEqualTo(ExitStatus.USAGE);
        assertThat(err.toString()).contains(other.toString()).contains("was made for https://another.okta.com");
    }

    @Test
    void aUserRenamedOrReactivatedAfterThePlanIsSkippedWithThatReason() throws IOException {
        Path plan = dir.resolve("users.plan.jsonl");
        Path report = dir.resolve("report.csv");
        assertThat(run("--csv", input.toString(), "--plan-out", plan.toString())).isEqualTo(ExitStatus.OK);
        org.rename("a1@corp.example", "a1.renamed@corp.example");
        org.setStatus("d1@corp.example", UserStatus.ACTIVE);

        int status = run("--execute", "--plan", plan.toString(), "--yes", "--report", report.toString());

        assertThat(status).as(err.toString()).isEqualTo(ExitStatus.OK);
        String rows = Files.readString(report);
        assertThat(rows).contains("a1@corp.example,skipped,login_changed").contains("d1@corp.example,skipped,"
                + "status_changed").contains("change_may_have_been_made");
        assertThat(org.user("a1.renamed@corp.example")).isPresent();
        assertThat(org.status("d1@corp.example")).contains(UserStatus.ACTIVE);
        assertThat(org.deletedLogins()).hasSize(USERS - 2);
    }

    @Test
    void aPlanIsTheWholeInputAndNeedsExecute() {
        Path plan = dir.resolve("users.plan.jsonl");
        assertThat(run("--csv", input.toString(), "--execute", "--plan", plan.toString())).isEqualTo(ExitStatus.USAGE);
        assertThat(err.toString()).contains("--plan FILE is the whole input");
        assertThat(run("--plan", plan.toString())).isEqualTo(ExitStatus.USAGE);
        assertThat(err.toString()).contains("add --execute");
        assertThat(run("--execute", "--plan", plan.toString(), "--yes")).isEqualTo(ExitStatus.USAGE);
        assertThat(err.toString()).contains("does not exist").contains("--plan-out");
        assertThat(org.requestCount()).isZero();
    }
}

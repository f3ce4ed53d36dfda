package io.github.oktabulkdelete.cli;

import com.okta.sdk.resource.model.UserStatus;
import io.github.oktabulkdelete.Sleeper;
import io.github.oktabulkdelete.testing.FakeOktaOrg;
import io.github.oktabulkdelete.testing.FakeUser;
import io.github.oktabulkdelete.testing.Fault;
import io.github.oktabulkdelete.testing.Route;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code okta-bulk-delete --demo}: the whole flow against a {@link FakeOktaOrg} started in this process, so that it
 * runs on any machine with a JDK and touches no real org.
 *
 * <p>It fills the fake org with a few hundred users in every status, writes an Okta Password Health Report CSV for
 * 300 of them (with a UTF-8 byte order mark, CR LF line ends and quoted "Last, First" names, as exported) plus the
 * usual traps (a login shortname, a protected admin, the owner of the API token, logins that no longer exist, a
 * repeated login), then runs the real command on it twice, as an admin would: a dry run, then {@code --execute};
 * then a clean-up of the users deactivated long ago ({@code --deactivated-for 90d}) and the {@code restore} of one
 * of them from its journal. The token goes to the command through an environment map, never through its arguments. Not thread-safe; runs once.
 *
 * <pre>{@code
 * int status = new Demo(out, err, Terminal.NONE, true, Clock.systemUTC(), Sleeper.SYSTEM).run();
 * }</pre>
 */
final class Demo {

    static final String TOKEN_ENV = "OKTA_BULK_DELETE_DEMO_TOKEN";
    static final String DOMAIN = "corp.example";
    static final String ADMIN = "it-admin@" + DOMAIN;
    static final String TOKEN_OWNER = "svc-okta-api@" + DOMAIN;
    static final String SHORTNAME_USER = "jsmith@" + DOMAIN;
    static final String SHORTNAME = "jsmith";
    static final int LEAVERS = 300;
    static final int STAYERS = 20;
    static final int MISSING = 5;

    private static final String[] FIRST = {"Ada", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hiro", "Ines",
        "Jonas", "Kemi", "Liam", "Maya", "Noor", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tara", "Uma", "Viktor",
        "Wen", "Xavier", "Yara", "Zoe"};
    private static final String[] LAST = {"Okafor", "Schmidt", "Nakamura", "Rossi", "Dubois", "Kowalski", "Silva",
        "O'Brien", "Haddad", "Lindqvist", "Mensah", "Novak", "Patel", "Quispe", "Reyes", "Sato", "Tanaka", "Ueda",
        "Varga", "Weber", "Yilmaz", "Zhang"};
    private static final List<UserStatus> STATUS_MIX = List.of(
            UserStatus.ACTIVE, UserStatus.ACTIVE, UserStatus.ACTIVE, UserStatus.ACTIVE, UserStatus.ACTIVE,
            UserStatus.ACTIVE, UserStatus.DEPROVISIONED, UserStatus.DEPROVISIONED, UserStatus.DEPROVISIONED,
            UserStatus.DEPROVISIONED, UserStatus.SUSPENDED, UserStatus.SUSPENDED, UserStatus.SUSPENDED,
            UserStatus.STAGED, UserStatus.PROVISIONED, UserStatus.LOCKED_OUT, UserStatus.PASSWORD_EXPIRED,
            UserStatus.RECOVERY);

    private final PrintWriter out;
    private final PrintWriter err;
    private final Terminal terminal;
    private final boolean noProgress;
    private final Clock clock;
    private final Sleeper sleeper;

    /**
     * @param clock the clock of the fake org and of the runs; tests pass a {@code MutableClock}
     * @param sleeper how the runs wait before a retry; tests pass one that advances the clock
     */
    Demo(PrintWriter out, PrintWriter err, Terminal terminal, boolean noProgress, Clock clock, Sleeper sleeper) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.noProgress = noProgress;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    int run() {
        String token = newToken();
        ShiftedClock orgClock = new ShiftedClock(clock);
        FakeOktaOrg.Builder builder = FakeOktaOrg.builder().apiToken(token).clock(orgClock).concurrencyLimit(75);
        for (Route route : Route.values()) {
            builder.rateLimit(route, 100_000);
        }
        try (FakeOktaOrg org = builder.start()) {
            Path folder = Files.createTempDirectory("okta-bulk-delete-demo-");
            Path csv = folder.resolve("okta-password-health-report.csv");
            Path dryRunReport = folder.resolve("dry-run-report.jsonl");
            Path report = folder.resolve("report.csv");
            Path journal = folder.resolve("deletion.journal.jsonl");
            int rows = populate(org, csv);

            out.println("okta-bulk-delete demo");
            out.println("=====================");
            out.println("This demo runs against a LOCAL FAKE Okta org (FakeOktaOrg) started inside this process at");
            out.println(org.orgUrl() + ". No real Okta org is contacted; nothing outside this process changes.");
            out.println();
            out.println("The fake org holds " + org.users().size() + " users. An admin exported the Okta Password"
                    + " Health Report for the " + LEAVERS + " who left,");
            out.println("with " + rows + " rows: " + csv);
            out.println("Among them, the traps a bulk delete must not fall into:");
            out.println("  - '" + SHORTNAME + "': a login shortname; Okta resolves it to " + SHORTNAME_USER
                    + ", who is staying");
            out.println("  - " + ADMIN + ": an admin, protected with --protect");
            out.println("  - " + TOKEN_OWNER + ": the owner of the API token (deleting it would revoke the token"
                    + " mid-run)");
            out.println("  - " + MISSING + " logins that no longer exist, and one login listed twice");
            out.println();
            out.flush();

            Map<String, String> env = Map.of(TOKEN_ENV, token);
            List<String> common = new ArrayList<>(List.of("--org-url", org.orgUrl(), "--allow-insecure-http",
                    "--token-env", TOKEN_ENV, "--csv", csv.toString(), "--protect", ADMIN,
                    "--requests-per-minute", "60000", "--concurrency", "8"));
            if (noProgress) {
                common.add("--no-progress");
            }

            List<String> dryRun = new ArrayList<>(common);
            dryRun.addAll(List.of("--report", dryRunReport.toString()));
            out.println("Step 1: a dry run, the default. It looks every user up and changes nothing.");
            int dryStatus = runCommand(env, dryRun);
            if (dryStatus != ExitStatus.OK) {
                err.println("The demo's dry run ended with exit status " + dryStatus + ".");
                return dryStatus;
            }

            // a few transient failures, as a real org has now and then: they are retried
            org.failNext(Route.DELETE_USER, 2, Fault.status(503));
            org.failNext(Route.DEACTIVATE_USER, 1, Fault.concurrencyLimited());

            List<String> execute = new ArrayList<>(common);
            execute.addAll(List.of("--report", report.toString(), "--journal", journal.toString(), "--execute",
                    "--yes"));
            out.println();
            out.println("Step 2: delete. --yes confirms in advance, as a script would; on a terminal without"
                    + " it, the tool shows the count and asks.");
            int status = runCommand(env, execute);

            out.println();
            out.println("Files:");
            out.println("  Password Health Report (input): " + csv);
            out.println("  dry-run report (JSON Lines):    " + dryRunReport);
            out.println("  report (CSV):                   " + report);
            out.println("  journal (JSON Lines, --resume): " + journal);
            describeWhatIsLeft(org);
            if (status == ExitStatus.OK) {
                status = cleanUpAndRestore(org, orgClock, env, folder);
            }
            out.println();
            out.println("Against your org: export the Okta Password Health Report, then");
            out.println("  export OKTA_CLIENT_ORGURL=https://your-org.okta.com");
            out.println("  read -s OKTA_CLIENT_TOKEN && export OKTA_CLIENT_TOKEN   # typed, not in shell history");
            out.println("  java -jar okta-bulk-delete.jar --csv okta-password-health-report.csv --report report.csv");
            out.flush();
            return status;
        } catch (IOException e) {
            throw new UncheckedIOException("the demo could not write its files", e);
        }
    }

    /**
     * Step 3: the users deactivated long ago ({@code --deactivated-for 90d}, no CSV), deleted with a journal that
     * records each user; step 4: one of them restored from it ({@code restore}).
     */
    private int cleanUpAndRestore(FakeOktaOrg org, ShiftedClock orgClock, Map<String, String> env, Path folder) {
        orgClock.shift = Duration.ofDays(200); // deactivated 200 days ago
        List<String> stale = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            stale.add(org.addUser("contractor" + i + "@" + DOMAIN, UserStatus.DEPROVISIONED,
                    Map.of("department", "Contractors")).login());
        }
        orgClock.shift = Duration.ZERO;
        Path journal = folder.resolve("clean-up.journal.jsonl");
        List<String> connection = List.of("--org-url", org.orgUrl(), "--allow-insecure-http", "--token-env",
                TOKEN_ENV, "--requests-per-minute", "60000");
        List<String> cleanUp = new ArrayList<>(connection);
        cleanUp.addAll(List.of("--deactivated-for", "90d", "--journal", journal.toString(), "--execute", "--yes",
                "--no-progress"));
        out.println();
        out.println("Step 3: a clean-up without a CSV: every user deactivated more than 90 days ago (4 contractors),"
                + " listed from Okta and frozen before anything changes. The journal keeps each user's profile and"
                + " groups.");
        int status = runCommand(env, cleanUp);
        if (status != ExitStatus.OK) {
            return status;
        }
        List<String> restore = new ArrayList<>(List.of("restore", "--journal", journal.toString(), "--login",
                stale.get(0), "--execute", "--yes"));
        restore.addAll(connection);
        out.println();
        out.println("Step 4: one of them was deleted by mistake: restore it from the journal (STAGED, new id).");
        return runCommand(env, restore);
    }

    /** The org's clock: the demo's, or earlier by {@link #shift} while it adds users deactivated long ago. */
    private static final class ShiftedClock extends Clock {
        private final Clock base;
        volatile Duration shift = Duration.ZERO;

        ShiftedClock(Clock base) {
            this.base = base;
        }

        @Override
        public java.time.ZoneId getZone() {
            return base.getZone();
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException("the demo's org clock has one zone");
        }

        @Override
        public java.time.Instant instant() {
            return base.instant().minus(shift);
        }
    }

    private int runCommand(Map<String, String> env, List<String> args) {
        out.println("$ " + TOKEN_ENV + "=**** okta-bulk-delete " + String.join(" ", args.stream()
                .map(a -> a.contains(" ") ? "'" + a + "'" : a).toList()));
        out.flush();
        BulkDeleteCommand command = new BulkDeleteCommand(env, new ByteArrayInputStream(new byte[0]), out, err,
                terminal).withTime(clock, sleeper);
        return command.commandLine().execute(args.toArray(String[]::new));
    }

    /** Adds the users to the org and writes the report; returns the number of data rows. */
    private static int populate(FakeOktaOrg org, Path csv) throws IOException {
        Random random = new Random(20_26_11_27L);
        org.addUser(TOKEN_OWNER, UserStatus.ACTIVE, "Okta", "Automation");
        org.setTokenOwner(TOKEN_OWNER);
        org.addUser(ADMIN, UserStatus.ACTIVE, "Ida", "Admin");
        org.addUser(SHORTNAME_USER, UserStatus.ACTIVE, "John", "Smith");
        Set<String> taken = new HashSet<>(Set.of(TOKEN_OWNER, ADMIN, SHORTNAME_USER));

        List<List<String>> rows = new ArrayList<>();
        List<FakeUser> leavers = new ArrayList<>();
        for (int i = 0; i < LEAVERS; i++) {
            String first = FIRST[random.nextInt(FIRST.length)];
            String last = LAST[random.nextInt(LAST.length)];
            String login = uniqueLogin(first, last, i, taken);
            UserStatus status = STATUS_MIX.get(random.nextInt(STATUS_MIX.size()));
            leavers.add(org.addUser(login, status, first, last));
        }
        for (int i = 0; i < STAYERS; i++) {
            String first = FIRST[random.nextInt(FIRST.length)];
            String last = LAST[random.nextInt(LAST.length)];
            org.addUser(uniqueLogin(first, last, LEAVERS + i, taken), UserStatus.ACTIVE, first, last);
        }
        for (FakeUser user : leavers) {
            rows.add(row(user.lastName() + ", " + user.firstName(), user.login(), user.status(), random));
        }
        // the traps
        rows.add(40, row("Smith, John", SHORTNAME, UserStatus.ACTIVE, random));
        rows.add(90, row("Admin, Ida", ADMIN, UserStatus.ACTIVE, random));
        rows.add(150, row("Automation, Okta", TOKEN_OWNER, UserStatus.ACTIVE, random));
        for (int i = 1; i <= MISSING; i++) {
            rows.add(60 * i, row("Former, Employee " + i, "former.employee" + i + "@" + DOMAIN,
                    UserStatus.DEPROVISIONED, random));
        }
        FakeUser repeated = leavers.get(7);
        rows.add(row(repeated.lastName() + ", " + repeated.firstName(), repeated.login().toUpperCase(Locale.ROOT),
                repeated.status(), random));

        try (OutputStream file = Files.newOutputStream(csv);
                CSVPrinter printer = new CSVPrinter(new OutputStreamWriter(file, StandardCharsets.UTF_8),
                        CSVFormat.DEFAULT)) {
            file.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}); // as Excel and Okta's exports do
            printer.printRecord("User", "Login", "Status", "Activation date", "Authentication Source",
                    "Last Login", "Last Password Change");
            for (List<String> row : rows) {
                printer.printRecord(row);
            }
        }
        return rows.size();
    }

    private static String uniqueLogin(String first, String last, int n, Set<String> taken) {
        String base = (first + "." + last).toLowerCase(Locale.ROOT).replace("'", "");
        String login = base + "@" + DOMAIN;
        if (n % 50 == 3) {
            login = base + "+contractor@" + DOMAIN; // a plus sign, which must be percent-encoded in the path
        }
        int suffix = 2;
        while (!taken.add(login)) {
            login = base + suffix++ + "@" + DOMAIN;
        }
        return login;
    }

    private static List<String> row(String name, String login, UserStatus status, Random random) {
        LocalDate activated = LocalDate.of(2018, 1, 1).plusDays(random.nextInt(2000));
        LocalDate lastLogin = activated.plusDays(random.nextInt(700));
        return List.of(name, login, label(status), activated.toString(), random.nextInt(4) == 0
                ? "ACTIVE_DIRECTORY" : "OKTA", status == UserStatus.STAGED ? "" : lastLogin.toString(),
                lastLogin.minusDays(random.nextInt(200)).toString());
    }

    /** The status as the Admin Console shows it. */
    private static String label(UserStatus status) {
        return switch (status) {
            case ACTIVE -> "Active";
            case DEPROVISIONED -> "Deactivated";
            case SUSPENDED -> "Suspended";
            case STAGED -> "Staged";
            case PROVISIONED -> "Pending user action";
            case LOCKED_OUT -> "Locked out";
            case PASSWORD_EXPIRED -> "Password expired";
            case RECOVERY -> "Password reset";
            default -> status.getValue();
        };
    }

    private void describeWhatIsLeft(FakeOktaOrg org) {
        List<FakeUser> left = org.users();
        out.println();
        out.println("The fake org now holds " + left.size() + " users: the " + STAYERS + " who were not in the"
                + " report, and");
        for (String login : List.of(SHORTNAME_USER, ADMIN, TOKEN_OWNER)) {
            boolean there = org.user(login).isPresent();
            String why = login.equals(SHORTNAME_USER) ? "named only by its shortname '" + SHORTNAME + "'"
                    : login.equals(ADMIN) ? "protected" : "the owner of the API token";
            out.println("  " + (there ? "kept:    " : "DELETED: ") + login + " (" + why + ")");
        }
        out.println("  " + org.deletedLogins().size() + " users were deleted.");
    }

    private static String newToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        StringBuilder token = new StringBuilder("demo");
        for (byte b : bytes) {
            token.append(String.format("%02x", b));
        }
        return token.toString();
    }
}

package io.github.oktabulkdelete;

import com.okta.sdk.resource.client.ApiClient;
import com.okta.sdk.resource.model.UserStatus;
import io.github.oktabulkdelete.testing.FakeOktaOrg;
import io.github.oktabulkdelete.testing.Fault;
import io.github.oktabulkdelete.testing.MutableClock;
import io.github.oktabulkdelete.testing.Route;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One batch against a fresh {@link FakeOktaOrg}, through the real SDK and a tuned client, on a {@link MutableClock}
 * that the deleter's sleeper advances (no real waiting), with the population of users the test builds, and the
 * {@link DeletionInvariants} checked after the run.
 *
 * <pre>{@code
 * try (FaultScenario s = FaultScenario.start()) {
 *     s.user("a@corp.example", UserStatus.ACTIVE).shortnameTrap("jsmith").unknown("ghost@corp.example");
 *     s.org.failRandomly(null, 0.05, 42L, Fault.status(503));
 *     BulkDeleteResult result = s.run(s.deleter()); // invariants checked
 * }
 * }</pre>
 */
final class FaultScenario implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    static final String OWNER = "owner@corp.example";

    final MutableClock clock = MutableClock.at(T0);
    /** Retries (from the listener) and sleeps (from the sleeper), in the order they happened. */
    final List<String> events = Collections.synchronizedList(new ArrayList<>());
    final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
    final FakeOktaOrg org;
    /** The tuned client, or {@code null} when the scenario runs on its own plain client. */
    private final TunedOktaClient tuned;
    private final ApiClient plain;
    final List<String> input = new ArrayList<>();
    /** Logins that stay in the org: the ones the run must delete, for "someone else" to pick from. */
    final List<String> deletable = new ArrayList<>();
    private final Set<String> untouchable = new LinkedHashSet<>();
    private final Set<String> protectedLogins = new LinkedHashSet<>();
    /** Runs after each response with rate-limit headers, on the worker, before its next call. */
    volatile Consumer<RateLimitStatus> afterResponse = status -> { };
    DeletionInvariants invariants;
    RecordingListener listener;

    private FaultScenario(Consumer<FakeOktaOrg.Builder> orgSettings, Function<FakeOktaOrg, ApiClient> plainFor) {
        FakeOktaOrg.Builder builder = FakeOktaOrg.builder().clock(clock)
                .rateLimit(Route.GET_USER, 100_000).rateLimit(Route.LIST_USERS, 100_000)
                .rateLimit(Route.DELETE_USER, 100_000);
        orgSettings.accept(builder);
        this.org = builder.start();
        org.addUser(OWNER, UserStatus.ACTIVE);
        org.setTokenOwner(OWNER);
        untouchable.add(OWNER);
        this.tuned = plainFor == null ? org.tunedClient() : null;
        this.plain = plainFor == null ? null : plainFor.apply(org);
    }

    /** A scenario with a generous fake org and a tuned client with a pool of 8. */
    static FaultScenario start() {
        return start(b -> { });
    }

    /** A scenario whose fake org gets these settings after the defaults. */
    static FaultScenario start(Consumer<FakeOktaOrg.Builder> orgSettings) {
        return new FaultScenario(orgSettings, null);
    }

    /** A scenario with its own plain client. */
    static FaultScenario start(Consumer<FakeOktaOrg.Builder> orgSettings, Function<FakeOktaOrg, ApiClient> plain) {
        return new FaultScenario(orgSettings, Objects.requireNonNull(plain, "plain"));
    }

    /** A user the run should delete, in the input. */
    FaultScenario user(String login, UserStatus status) {
        org.addUser(login, status);
        input.add(login);
        deletable.add(login);
        return this;
    }

    /** A login no user has, in the input. */
    FaultScenario unknown(String login) {
        input.add(login);
        return this;
    }

    /** A user whose login shortname is in the input: Okta resolves it, the run must not touch it. */
    FaultScenario shortnameTrap(String shortname) {
        String login = shortname + "@trap.example";
        org.addUser(login, UserStatus.ACTIVE);
        untouchable.add(login);
        input.add(shortname);
        return this;
    }

    /** A user Okta refuses to change for this token (a super admin: 403 {@code E0000006}), in the input. */
    FaultScenario superAdmin(String login, UserStatus status) {
        org.addUser(login, status);
        Fault forbidden = Fault.status(403, "E0000006", "You do not have permission to perform the requested action");
        org.failForUser(login, Route.DEACTIVATE_USER, forbidden);
        org.failForUser(login, Route.DELETE_USER, forbidden);
        input.add(login);
        return this;
    }

    /** A protected user, in the input. */
    FaultScenario protectedUser(String login, UserStatus status) {
        org.addUser(login, status);
        protectedLogins.add(login);
        untouchable.add(login);
        input.add(login);
        return this;
    }

    /** The token's owner, in the input. */
    FaultScenario tokenOwnerInInput() {
        input.add(OWNER);
        return this;
    }

    /** A repeat of an earlier input, in another case and with spaces around it. */
    FaultScenario duplicate(String login) {
        input.add("  " + login.toUpperCase(Locale.ROOT) + " ");
        return this;
    }

    /** {@code n} users of every status with a few of every trap among them. */
    FaultScenario mixedPopulation(int n) {
        UserStatus[] statuses = {UserStatus.ACTIVE, UserStatus.DEPROVISIONED, UserStatus.LOCKED_OUT,
            UserStatus.PASSWORD_EXPIRED, UserStatus.PROVISIONED, UserStatus.RECOVERY, UserStatus.STAGED,
            UserStatus.SUSPENDED};
        for (int i = 0; i < n; i++) {
            String login = "user" + i + "@corp.example";
            switch (i % 10) {
                case 3 -> unknown("ghost" + i + "@corp.example");
                case 5 -> shortnameTrap("trap" + i);
                case 7 -> protectedUser("vip" + i + "@corp.example", statuses[i % statuses.length]);
                default -> user(login, statuses[i % statuses.length]);
            }
            if (i % 6 == 4) {
                duplicate(input.get(input.size() - 1));
            }
        }
        return tokenOwnerInInput();
    }

    /**
     * A deleter on this scenario's client, clock and sleeper, with its protected logins, at a fixed pace that never
     * makes a request wait (adaptive pacing, the default on a tuned client, is off here: these scenarios are about
     * faults; {@code AdaptivePacingTest} covers the pacing).
     */
    BulkUserDeleter.Builder deleter() {
        BulkUserDeleter.Builder builder = tuned != null ? BulkUserDeleter.builder(tuned)
                : BulkUserDeleter.builder(plain);
        return builder.adaptivePacing(false).requestsPerMinute(1_000_000).maxConcurrency(4).clock(clock)
                .protectedLogins(protectedLogins)
                .sleeper(d -> {
                    sleeps.add(d);
                    events.add("sleep " + d.toMillis());
                    clock.advance(d);
                });
    }

    /** Runs the batch over the input and checks the invariants. */
    BulkDeleteResult run(BulkUserDeleter.Builder deleter) {
        return run(deleter, Cancellation.create());
    }

    /** Runs the batch over the input with a cancellation and checks the invariants. */
    BulkDeleteResult run(BulkUserDeleter.Builder deleter, Cancellation cancellation) {
        invariants = DeletionInvariants.before(org, untouchable);
        listener = new RecordingListener(events, status -> afterResponse.accept(status));
        BulkDeleteResult result = deleter.listener(listener).build().deleteAll(input, cancellation);
        invariants.check(input, result, listener.outcomes, org);
        return result;
    }

    /**
     * Runs the batch over the input with a {@link DeletionJournal} (its intents too), whose writes fail from the
     * {@code fullDiskFrom}th on (0: never; the run record is the first), and checks the invariants, the journal's
     * included.
     */
    BulkDeleteResult runJournaled(BulkUserDeleter.Builder deleter, int fullDiskFrom) {
        invariants = DeletionInvariants.before(org, untouchable);
        listener = new RecordingListener(events, status -> afterResponse.accept(status));
        List<DeletionOutcome> emitted = Collections.synchronizedList(new ArrayList<>());
        BulkDeleteSummary summary;
        try {
            journalFile = Files.createTempFile("fault-scenario", ".journal.jsonl");
            Files.delete(journalFile);
            try (DeletionJournal journal = DeletionJournal.open(journalFile, JournalHeader.of(org.orgUrl(),
                    java.util.Map.of(), "test"), clock, channel -> fullDiskFrom >= 2
                            ? HookedFileChannel.fullDiskFrom(channel, fullDiskFrom) : channel)) {
                summary = deleter.listener(listener).build().deleteAll(input, journal, emitted::add,
                        Cancellation.create());
            }
            BulkDeleteResult result = new BulkDeleteResult(inInputOrder(emitted), summary);
            invariants.check(input, result, listener.outcomes, org);
            invariants.checkJournal(DeletionJournal.read(journalFile), org);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path journalFile;

    /** The outcomes, handed out as the logins finished, in input order (each matched to its input's login). */
    private List<DeletionOutcome> inInputOrder(List<DeletionOutcome> emitted) {
        List<DeletionOutcome> left = new ArrayList<>(emitted);
        List<DeletionOutcome> ordered = new ArrayList<>();
        for (String raw : input) {
            String login = io.github.oktabulkdelete.internal.LoginScreen.normalize(raw);
            DeletionOutcome match = left.stream().filter(o -> o.login().equals(login)).findFirst().orElse(null);
            left.remove(match);
            ordered.add(match);
        }
        return ordered;
    }

    /** Someone else deletes a user during the run. */
    boolean someoneElseRemoves(String login) {
        boolean removed = org.remove(login);
        if (removed) {
            invariants.removedBySomeoneElse(login);
        }
        return removed;
    }

    @Override
    public void close() {
        if (tuned != null) {
            tuned.close();
        } else {
            OktaClients.close(plain);
        }
        org.close();
        if (journalFile != null) {
            try {
                Files.deleteIfExists(journalFile);
            } catch (IOException ignored) {
                // a temporary file
            }
        }
    }
}

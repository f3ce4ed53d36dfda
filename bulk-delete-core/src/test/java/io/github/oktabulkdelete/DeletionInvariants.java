package io.github.oktabulkdelete;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.oktabulkdelete.internal.LoginScreen;
import io.github.oktabulkdelete.testing.FakeOktaOrg;
import io.github.oktabulkdelete.testing.FakeUser;
import io.github.oktabulkdelete.testing.RecordedRequest;
import io.github.oktabulkdelete.testing.Route;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * What must hold after any batch against a {@link FakeOktaOrg}, whatever faults it met: the same checks after every
 * fault scenario and every generated case.
 * <ol>
 *   <li>every input has exactly one outcome, in input order, for the login it was (trimmed);
 *   <li>the users deleted in the org are exactly the logins reported {@code Deleted}, but for users someone else
 *       deleted first (reported {@code Deleted} or {@code NotFound}, never deleted by us); no reported
 *       {@code Deleted} or {@code NotFound} user is still there;
 *   <li>protected users, the token owner and shortname traps are untouched: still there, same status, and no
 *       deactivate or delete request ever named their id;
 *   <li>nothing reported {@code Failed} (but with {@code changeMayHaveBeenMade}), {@code NotFound},
 *       {@code NotAttempted} or {@code Skipped} was in fact deleted; {@code NotAttempted} only after a stop;
 *   <li>with a journal ({@link #checkJournal}): every user the run deleted is in the journal as {@code Deleted} or in
 *       doubt (an intent, or a {@code Failed} whose change may have been made), so that a resume after a crash at any
 *       instant tells the truth.
 * </ol>
 * Snapshot the untouchable users before the run ({@link #before}); record what "someone else" removed during it.
 */
final class DeletionInvariants {

    private final Map<String, FakeUser> untouchable = new LinkedHashMap<>();
    private final Set<String> removedBySomeoneElse = ConcurrentHashMap.newKeySet();

    private DeletionInvariants() {
    }

    /** Snapshots the users that no run may touch, by login. */
    static DeletionInvariants before(FakeOktaOrg org, Collection<String> untouchableLogins) {
        DeletionInvariants invariants = new DeletionInvariants();
        for (String login : untouchableLogins) {
            FakeUser user = org.user(login).orElseThrow(() -> new IllegalArgumentException("no user " + login));
            invariants.untouchable.put(login, user);
        }
        return invariants;
    }

    /** Someone else deleted this user during the run (thread-safe: called from listener hooks). */
    void removedBySomeoneElse(String login) {
        removedBySomeoneElse.add(login.toLowerCase(Locale.ROOT));
    }

    Set<String> removedBySomeoneElse() {
        return Set.copyOf(removedBySomeoneElse);
    }

    /**
     * Checks every invariant, reporting all that fail at once.
     *
     * @param input the logins as given to the batch
     * @param result what the batch returned
     * @param emitted every outcome the batch handed out (its listener's {@code onOutcome}), to catch doubles
     * @param org the fake org after the batch
     */
    void check(List<String> input, BulkDeleteResult result, List<DeletionOutcome> emitted, FakeOktaOrg org) {
        List<String> violations = new ArrayList<>();
        List<DeletionOutcome> outcomes = result.outcomes();

        // 1. exactly one outcome per input, in order, for the login it was
        if (outcomes.size() != input.size() || outcomes.stream().anyMatch(o -> o == null)) {
            violations.add(outcomes.size() + " outcomes (or a null one) for " + input.size() + " inputs");
        }
        if (emitted.size() != input.size()) {
            violations.add(emitted.size() + " outcomes handed out for " + input.size() + " inputs");
        }
        for (int i = 0; i < Math.min(input.size(), outcomes.size()); i++) {
            String expected = LoginScreen.normalize(input.get(i));
            if (outcomes.get(i) != null && !outcomes.get(i).login().equals(expected)) {
                violations.add("outcome #" + i + " is for '" + outcomes.get(i).login() + "', not '" + expected + "'");
            }
        }
        List<String> emittedLogins = emitted.stream().map(DeletionOutcome::login).sorted().toList();
        if (!emittedLogins.equals(input.stream().map(LoginScreen::normalize).sorted().toList())) {
            violations.add("the outcomes handed out are not one per input: " + emittedLogins);
        }

        // 2. deleted in the org == reported Deleted, but for what someone else deleted first
        Set<String> deletedInOrg = lower(org.deletedLogins());
        Set<String> expectedDeletedInOrg = lower(logins(outcomes, DeletionOutcome.Deleted.class));
        expectedDeletedInOrg.removeAll(removedBySomeoneElse);
        // a Failed whose change may have been made (a DELETE answered 204 or lost, then no check could tell) may be
        // either; it must say so in its flag, and only a DELETE's may be gone
        Set<String> mayBeGone = lower(outcomes.stream().filter(o -> o instanceof DeletionOutcome.Failed f
                && f.changeMayHaveBeenMade()).map(DeletionOutcome::login).toList());
        Set<String> deletedInOrgNotInDoubt = new java.util.HashSet<>(deletedInOrg);
        deletedInOrgNotInDoubt.removeAll(mayBeGone);
        if (!deletedInOrgNotInDoubt.equals(expectedDeletedInOrg)) {
            violations.add("deleted in the org " + deletedInOrg + " but reported Deleted (and not removed by "
                    + "someone else) " + expectedDeletedInOrg);
        }
        for (DeletionOutcome outcome : outcomes) {
            if ((outcome instanceof DeletionOutcome.Deleted || outcome instanceof DeletionOutcome.NotFound)
                    && org.user(outcome.login()).isPresent()) {
                violations.add(outcome + ", but the user is still there: " + org.user(outcome.login()).get());
            }
        }

        // 3. untouchable users are untouched
        Set<String> untouchableIds = new LinkedHashSet<>();
        untouchable.forEach((login, before) -> {
            untouchableIds.add(before.id());
            if (!org.status(before.id()).equals(Optional.of(before.status()))) {
                violations.add("untouchable " + login + " was " + before.status() + ", is " + org.status(before.id()));
            }
        });
        for (RecordedRequest request : org.requests()) {
            if ((request.route() == Route.DEACTIVATE_USER || request.route() == Route.DELETE_USER)
                    && untouchableIds.contains(idSegment(request.rawPath()))) {
                violations.add("a " + request.method() + " request named an untouchable user: " + request);
            }
        }

        // 4. nothing Failed was deleted; NotAttempted only after a stop
        for (DeletionOutcome.Failed failed : result.outcomes(DeletionOutcome.Failed.class)) {
            // a Failed that may have made its change says so in its flag: the user may or may not be gone
            if (!failed.changeMayHaveBeenMade() && deletedInOrg.contains(failed.login().toLowerCase(Locale.ROOT))) {
                violations.add(failed + ", but the user was deleted");
            }
        }
        if (!result.outcomes(DeletionOutcome.NotAttempted.class).isEmpty() && result.summary().stop().isEmpty()) {
            violations.add("NotAttempted outcomes without a stop");
        }
        assertThat(violations).as("invariants violated; outcomes: %s", outcomes).isEmpty();
    }

    /**
     * Checks the journal a run wrote (invariant 5): every user deleted in the org but for what someone else removed
     * is {@code Deleted} there, or in doubt; nothing the journal calls {@code Deleted} is still in the org.
     */
    void checkJournal(JournalContents journal, FakeOktaOrg org) {
        List<String> violations = new ArrayList<>();
        for (String gone : org.deletedLogins()) {
            if (removedBySomeoneElse.contains(gone.toLowerCase(Locale.ROOT))) {
                continue;
            }
            boolean deleted = journal.outcome(gone).filter(o -> o instanceof DeletionOutcome.Deleted).isPresent();
            if (!deleted && !journal.isInDoubt(gone)) {
                violations.add(gone + " was deleted, but the journal has " + journal.outcome(gone)
                        + " and no intent: a resume would not know");
            }
        }
        for (DeletionOutcome outcome : journal.outcomes()) {
            if (outcome instanceof DeletionOutcome.Deleted && org.user(outcome.login()).isPresent()) {
                violations.add("the journal says " + outcome + ", but the user is still there");
            }
        }
        assertThat(violations).as("journal invariants violated; journal: %s", journal.outcomes()).isEmpty();
    }

    /** The decoded id segment of {@code /api/v1/users/{id}...}. */
    static String idSegment(String rawPath) {
        String[] segments = rawPath.split("/", -1);
        return segments.length > 4 ? decodePath(segments[4]) : "";
    }

    /** Percent-decodes a path segment as UTF-8 ({@code +} stays a plus). */
    static String decodePath(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static Set<String> lower(Collection<String> logins) {
        return logins.stream().map(l -> l.toLowerCase(Locale.ROOT)).collect(Collectors.toCollection(
                LinkedHashSet::new));
    }

    private static List<String> logins(List<DeletionOutcome> outcomes, Class<? extends DeletionOutcome> kind) {
        List<String> logins = new ArrayList<>();
        for (DeletionOutcome outcome : outcomes) {
            if (kind.isInstance(outcome)) {
                logins.add(outcome.login());
            }
        }
        return logins;
    }
}

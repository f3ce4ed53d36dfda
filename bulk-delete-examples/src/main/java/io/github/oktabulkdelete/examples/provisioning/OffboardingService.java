package io.github.oktabulkdelete.examples.provisioning;

import io.github.oktabulkdelete.BulkDeleteResult;
import io.github.oktabulkdelete.BulkUserDeleter;
import io.github.oktabulkdelete.DeletionOutcome;
import io.github.oktabulkdelete.TunedOktaClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Example: a provisioning service's offboarding step, which removes leavers from Okta and keeps its own record of
 * each. It holds <b>one</b> {@link BulkUserDeleter}, built once and shared by every request the service handles, so
 * that all of them draw on one rate limiter for the org; and it maps each {@link DeletionOutcome} to the service's
 * own {@link OffboardingRecord}, so that no Okta or library type leaks into the rest of the service.
 *
 * <p>Thread-safe: {@link #offboard(List)} may be called by many request threads at once.
 *
 * <pre>{@code
 * TunedOktaClient client = OktaClients.tuned().build(); // closed when the service stops
 * OffboardingService service = OffboardingService.create(client);
 * List<OffboardingService.OffboardingRecord> records =
 *         service.offboard(List.of(new OffboardingService.Leaver("E1042", "jsmith@corp.example")));
 * }</pre>
 */
public final class OffboardingService {

    /**
     * Someone who left, as the HR feed names them.
     *
     * @param employeeId the HR id
     * @param login the Okta login
     */
    public record Leaver(String employeeId, String login) {
        /**
         * Checks the components.
         *
         * @throws NullPointerException if a component is {@code null}
         */
        public Leaver {
            Objects.requireNonNull(employeeId, "employeeId");
            Objects.requireNonNull(login, "login");
        }
    }

    /** What the service decided for a leaver. */
    public enum State {
        /** Deleted from Okta by this run. */
        REMOVED,
        /** Not in Okta (any more): nothing to do. */
        ALREADY_GONE,
        /** Kept on purpose (a break-glass account, the service's own account, a repeated request). */
        KEPT,
        /** A person must look: the login matched another user, or Okta refused for a reason a retry cannot fix. */
        NEEDS_ATTENTION,
        /** A transient failure or a stopped batch: the next offboarding run takes it up again. */
        RETRY_LATER
    }

    /**
     * The service's own record of one offboarding, free of Okta and library types.
     *
     * @param employeeId the HR id
     * @param login the Okta login
     * @param state what was decided
     * @param oktaUserId the Okta user id, when Okta had the user, else {@code null}
     * @param note a sentence for the audit log
     */
    public record OffboardingRecord(String employeeId, String login, State state, String oktaUserId, String note) {
    }

    /** Accounts the service must never remove, whatever the HR feed says. */
    static final Set<String> BREAK_GLASS = Set.of("break-glass-1@corp.example", "break-glass-2@corp.example");

    private final BulkUserDeleter deleter;

    /**
     * A service over a deleter built elsewhere.
     *
     * @param deleter the deleter every request shares
     */
    public OffboardingService(BulkUserDeleter deleter) {
        this.deleter = Objects.requireNonNull(deleter, "deleter");
    }

    /**
     * A service with the deleter this service wants: a modest pace of 120 requests a minute, leaving most of the
     * org's rate limits to interactive traffic, and the break-glass accounts protected.
     *
     * @param client a client from {@code OktaClients.tuned()}
     * @return the service
     */
    public static OffboardingService create(TunedOktaClient client) {
        return create(client, 120);
    }

    /**
     * A service as {@link #create(TunedOktaClient)}, at another pace.
     *
     * @param client a client from {@code OktaClients.tuned()}
     * @param requestsPerMinute the pace of the service's Okta requests, all requests together
     * @return the service
     */
    public static OffboardingService create(TunedOktaClient client, int requestsPerMinute) {
        return new OffboardingService(BulkUserDeleter.builder(client)
                .requestsPerMinute(requestsPerMinute)
                .maxConcurrency(2)
                .protectedLogins(BREAK_GLASS)
                .build());
    }

    /**
     * Removes the leavers from Okta and returns one record per leaver, in the same order.
     *
     * @param leavers the leavers
     * @return their records
     */
    public List<OffboardingRecord> offboard(List<Leaver> leavers) {
        BulkDeleteResult result = deleter.deleteAll(leavers.stream().map(Leaver::login).toList());
        List<OffboardingRecord> records = new ArrayList<>(leavers.size());
        for (int i = 0; i < leavers.size(); i++) {
            records.add(record(leavers.get(i), result.outcomes().get(i))); // outcomes are in input order
        }
        return List.copyOf(records);
    }

    static OffboardingRecord record(Leaver leaver, DeletionOutcome outcome) {
        String id = leaver.employeeId();
        String login = leaver.login();
        if (outcome instanceof DeletionOutcome.Deleted d) {
            return new OffboardingRecord(id, login, State.REMOVED, d.userId(), "removed from Okta (was "
                    + d.previousStatus() + ")");
        }
        if (outcome instanceof DeletionOutcome.NotFound) {
            return new OffboardingRecord(id, login, State.ALREADY_GONE, null, "not in Okta");
        }
        if (outcome instanceof DeletionOutcome.Skipped s) {
            State state = switch (s.reason()) {
                case PROTECTED, TOKEN_OWNER, DUPLICATE, DRY_RUN -> State.KEPT;
                case LOGIN_MISMATCH, INVALID_LOGIN, LOGIN_CHANGED, STATUS_CHANGED -> State.NEEDS_ATTENTION;
            };
            return new OffboardingRecord(id, login, state, s.userId(), s.detail());
        }
        if (outcome instanceof DeletionOutcome.Failed f) {
            boolean retryable = f.httpStatus() == 0 || f.httpStatus() == 429 || f.httpStatus() >= 500;
            return new OffboardingRecord(id, login, retryable ? State.RETRY_LATER : State.NEEDS_ATTENTION,
                    f.userId(), f.step() + " failed: HTTP " + f.httpStatus()
                    + (f.errorCode() == null ? "" : " " + f.errorCode()) + " " + f.message());
        }
        DeletionOutcome.NotAttempted n = (DeletionOutcome.NotAttempted) outcome;
        return new OffboardingRecord(id, login, State.RETRY_LATER, null, n.reason());
    }
}

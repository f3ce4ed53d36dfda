package io.github.oktabulkdelete.cli;

import io.github.oktabulkdelete.DeletionOutcome;
import io.github.oktabulkdelete.UserState;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One row of the CLI's {@code --report}: what happened to one login, in the documented column order.
 *
 * <p>Columns: {@code login}, {@code outcome} ({@code deleted}, {@code not_found}, {@code skipped}, {@code failed},
 * {@code not_attempted}), {@code reason} (for {@code skipped}: {@code dry_run}, {@code protected},
 * {@code duplicate}, {@code invalid_login}, {@code login_mismatch}, {@code token_owner}; for {@code failed}: the
 * step that failed, {@code lookup}, {@code deactivate} or {@code delete}; for {@code not_attempted}:
 * {@code batch_stopped}), {@code user_id}, {@code previous_status} (the Okta status the run found),
 * {@code http_status} and {@code error_code} (of a failure; 0 is a transport failure), {@code attempts} (HTTP
 * requests made for the login, retries included), {@code detail} (a sentence; for a user that an interrupted run
 * deleted and a resume found gone, it says so) and {@code change_may_have_been_made} ({@code true} for a
 * {@code failed} whose deactivate or DELETE Okta may have made although the run could not confirm it: a resume looks
 * it up again by id). Absent values are {@code null}.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * ReportRow row = ReportRow.of(outcome);
 * writer.write(row);
 * }</pre>
 *
 * @param login the login as given
 * @param outcome the outcome kind, lower case
 * @param reason why, lower case, or {@code null}
 * @param userId the Okta user id, or {@code null}
 * @param previousStatus the Okta status found, or {@code null}
 * @param httpStatus the HTTP status of a failure, or {@code null}
 * @param errorCode Okta's error code of a failure, or {@code null}
 * @param attempts the HTTP requests made for the login, or {@code null} when the outcome does not say
 * @param detail a human-readable sentence
 * @param changeMayHaveBeenMade for a failure, whether Okta may have made its change; else {@code null}
 */
public record ReportRow(String login, String outcome, String reason, String userId, String previousStatus,
        Integer httpStatus, String errorCode, Integer attempts, String detail, Boolean changeMayHaveBeenMade) {

    /** The report's columns, in order. */
    public static final List<String> COLUMNS = List.of("login", "outcome", "reason", "user_id", "previous_status",
            "http_status", "error_code", "attempts", "detail", "change_may_have_been_made");

    /**
     * Checks the components.
     *
     * @throws NullPointerException if {@code login}, {@code outcome} or {@code detail} is {@code null}
     */
    public ReportRow {
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
    }

    /** A row without {@code change_may_have_been_made}. */
    public ReportRow(String login, String outcome, String reason, String userId, String previousStatus,
            Integer httpStatus, String errorCode, Integer attempts, String detail) {
        this(login, outcome, reason, userId, previousStatus, httpStatus, errorCode, attempts, detail, null);
    }

    /**
     * The row for an outcome.
     *
     * @param outcome the outcome
     * @return its row
     */
    public static ReportRow of(DeletionOutcome outcome) {
        String kind = lower(outcome.kind());
        if (outcome instanceof DeletionOutcome.Deleted d) {
            return new ReportRow(d.login(), kind, null, d.userId(), status(d.previousStatus()), null, null,
                    d.attempts(), d.byInterruptedRun() ? "deleted by the interrupted run this one resumed: it had"
                            + " recorded its intent to change the user, and Okta now answers 404 for its id"
                            : d.deactivatedByThisRun() ? "deactivated, then deleted"
                            : "deleted; the user was already deactivated");
        }
        if (outcome instanceof DeletionOutcome.NotFound n) {
            return new ReportRow(n.login(), kind, null, null, null, null, null, n.attempts(), n.attempts() == 0
                    ? "no user had this login when the plan was made" : "no user has this login");
        }
        if (outcome instanceof DeletionOutcome.Skipped s) {
            return new ReportRow(s.login(), kind, lower(s.reason()), s.userId(), status(s.status()), null, null,
                    null, s.detail());
        }
        if (outcome instanceof DeletionOutcome.Failed f) {
            return new ReportRow(f.login(), kind, lower(f.step()), f.userId(), null, f.httpStatus(), f.errorCode(),
                    f.attempts(), f.message(), f.changeMayHaveBeenMade());
        }
        DeletionOutcome.NotAttempted n = (DeletionOutcome.NotAttempted) outcome;
        return new ReportRow(n.login(), kind, "batch_stopped", null, null, null, null, null, n.reason());
    }

    /**
     * The values in column order, {@code null} for absent ones.
     *
     * @return the values, unmodifiable
     */
    public List<Object> values() {
        return Collections.unmodifiableList(Arrays.asList(login, outcome, reason, userId, previousStatus, httpStatus,
                errorCode, attempts, detail, changeMayHaveBeenMade));
    }

    private static String status(UserState state) {
        return state == null ? null : state.name();
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}

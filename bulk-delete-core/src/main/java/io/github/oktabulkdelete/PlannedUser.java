package io.github.oktabulkdelete;

import java.util.Objects;

/**
 * One login of a {@link DeletionPlan}: what the check (a dry run, by login) found for it and what applying the plan
 * does with it.
 *
 * <p>{@link Action#DELETE}: the user with {@link #userId()} had exactly this login and the {@link #status()} found;
 * applying the plan fetches it by that id, skips it if its login or (for a planned {@code DEPROVISIONED} user) its
 * status changed since ({@link SkipReason#LOGIN_CHANGED}, {@link SkipReason#STATUS_CHANGED}), else deactivates it if
 * needed, deletes it and verifies. {@link Action#SKIP} and {@link Action#NOT_FOUND}: applying reports what the check
 * found ({@link #plannedOutcome()}) and calls nothing. {@link Action#UNCHECKED}: the check could not look the login
 * up (its lookup failed, or the check stopped first); applying looks it up by login, as a plain batch does.
 *
 * <p>Immutable and thread-safe. Holds no secret: a login, an id, a status and the check's note.
 *
 * <pre>{@code
 * deleter.newBuilder().dryRun(true).build()
 *         .deleteAll(logins, outcome -> planWriter.accept(PlannedUser.of(outcome)));
 * }</pre>
 *
 * @param login the login, as the input named it
 * @param action what applying the plan does
 * @param userId the user's id, or {@code null} when the check found none; never {@code null} for {@code DELETE}
 * @param status the status found, or {@code null}; never {@code null} for {@code DELETE}
 * @param reason why the login is skipped; not {@code null} exactly for {@code SKIP}
 * @param detail the check's note (a skip's detail, a failure's message), or {@code null}
 */
public record PlannedUser(String login, Action action, String userId, UserState status, SkipReason reason,
        String detail) {

    /** What applying a plan does with one login. */
    public enum Action {
        /** Fetch by id, check, deactivate if needed, delete, verify. */
        DELETE,
        /** Nothing: the check skipped it ({@link PlannedUser#reason()} says why). */
        SKIP,
        /** Nothing: the check found no such user. */
        NOT_FOUND,
        /** Look it up by login at apply time: the check could not. */
        UNCHECKED
    }

    /**
     * Checks the components.
     *
     * @param login as {@link #login()}
     * @param action as {@link #action()}
     * @param userId as {@link #userId()}
     * @param status as {@link #status()}
     * @param reason as {@link #reason()}
     * @param detail as {@link #detail()}
     * @throws NullPointerException if {@code login} or {@code action} is {@code null}, or {@code userId} or
     *     {@code status} is for {@code DELETE}, or {@code reason} is for {@code SKIP}
     * @throws IllegalArgumentException if {@code reason} is given for another action than {@code SKIP}, or is
     *     {@link SkipReason#DRY_RUN}
     */
    public PlannedUser {
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(action, "action");
        if (action == Action.DELETE) {
            Objects.requireNonNull(userId, "userId of a planned deletion");
            Objects.requireNonNull(status, "status of a planned deletion");
        }
        if (action == Action.SKIP) {
            Objects.requireNonNull(reason, "reason of a planned skip");
            if (reason == SkipReason.DRY_RUN) {
                throw new IllegalArgumentException("a plan never skips for DRY_RUN: that is a planned DELETE");
            }
        } else if (reason != null) {
            throw new IllegalArgumentException("reason is only for SKIP, was " + reason + " for " + action);
        }
    }

    /**
     * What a dry run's outcome plans: {@code Skipped(DRY_RUN)} becomes {@code DELETE}, another skip {@code SKIP},
     * {@code NotFound} {@code NOT_FOUND}, and {@code Failed} or {@code NotAttempted} {@code UNCHECKED}.
     *
     * @param outcome an outcome of a dry run
     * @return the planned user
     * @throws IllegalArgumentException if the outcome is a {@code Deleted} (not of a dry run)
     * @throws NullPointerException if {@code outcome} is {@code null}
     */
    public static PlannedUser of(DeletionOutcome outcome) {
        Objects.requireNonNull(outcome, "outcome");
        if (outcome instanceof DeletionOutcome.Skipped s) {
            return s.reason() == SkipReason.DRY_RUN
                    ? new PlannedUser(s.login(), Action.DELETE, s.userId(), s.status(), null, null)
                    : new PlannedUser(s.login(), Action.SKIP, s.userId(), s.status(), s.reason(), s.detail());
        }
        if (outcome instanceof DeletionOutcome.NotFound n) {
            return new PlannedUser(n.login(), Action.NOT_FOUND, null, null, null, null);
        }
        if (outcome instanceof DeletionOutcome.Failed f) {
            return new PlannedUser(f.login(), Action.UNCHECKED, null, null, null, f.message());
        }
        if (outcome instanceof DeletionOutcome.NotAttempted n) {
            return new PlannedUser(n.login(), Action.UNCHECKED, null, null, null, n.reason());
        }
        throw new IllegalArgumentException("a plan is made from a dry run's outcomes, not from " + outcome);
    }

    /**
     * The outcome applying the plan reports without a call: for {@code SKIP} the check's skip, for
     * {@code NOT_FOUND} a {@code NotFound} (with 0 attempts: found so at plan time).
     *
     * @return the outcome, or {@code null} for {@code DELETE} and {@code UNCHECKED}, which applying works on
     */
    public DeletionOutcome plannedOutcome() {
        return switch (action) {
            case SKIP -> new DeletionOutcome.Skipped(login, reason, userId, status,
                    detail == null ? "skipped when the plan was made" : detail);
            case NOT_FOUND -> new DeletionOutcome.NotFound(login, 0);
            case DELETE, UNCHECKED -> null;
        };
    }
}

package io.github.oktabulkdelete;

import java.util.Objects;

/**
 * What happened to one input login: exactly one outcome per input, never an exception.
 *
 * <p>The kinds are records: {@link Deleted}, {@link NotFound}, {@link Skipped}, {@link Failed} and
 * {@link NotAttempted}. Switch on them with pattern matching, or on {@link #kind()}. Nullable components are
 * documented as such; every other component is non-null. Outcomes are immutable and thread-safe.
 *
 * <pre>{@code
 * for (DeletionOutcome outcome : result.outcomes()) {
 *     if (outcome instanceof DeletionOutcome.Failed failed) {
 *         log.warn("{} failed at {}: HTTP {} {}", failed.login(), failed.step(), failed.httpStatus(), failed.errorCode());
 *     }
 * }
 * }</pre>
 */
public sealed interface DeletionOutcome {

    /**
     * The login as it was given (trimmed).
     *
     * @return the input login, never {@code null}
     */
    String login();

    /**
     * The kind of this outcome.
     *
     * @return the kind, never {@code null}
     */
    OutcomeKind kind();

    /**
     * The user was deleted for good (or was found already gone when the delete was retried).
     *
     * @param login the input login
     * @param userId the Okta id of the deleted user
     * @param previousStatus the status the user had when this run looked it up
     * @param deactivatedByThisRun whether this run (or, with {@code byInterruptedRun}, the interrupted run)
     *     deactivated the user before deleting it
     * @param attempts the HTTP requests made for this login, retries included
     * @param byInterruptedRun whether an earlier run deleted the user: it recorded its intent to change the user in
     *     the journal and was interrupted (or could not tell the outcome), and this resumed run found the user gone
     *     when it looked it up by id (see {@link BulkUserDeleter#resume}); {@code false} when this run deleted it
     */
    record Deleted(String login, String userId, UserState previousStatus, boolean deactivatedByThisRun, int attempts,
            boolean byInterruptedRun) implements DeletionOutcome {
        /**
         * Checks the components.
         *
         * @param login as {@link #login()}
         * @param userId as {@link #userId()}
         * @param previousStatus as {@link #previousStatus()}
         * @param deactivatedByThisRun as {@link #deactivatedByThisRun()}
         * @param attempts as {@link #attempts()}
         * @param byInterruptedRun as {@link #byInterruptedRun()}
         * @throws NullPointerException if a component is {@code null}
         */
        public Deleted {
            Objects.requireNonNull(login, "login");
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(previousStatus, "previousStatus");
        }

        /**
         * A user deleted by this run.
         *
         * @param login the input login
         * @param userId the Okta id of the deleted user
         * @param previousStatus the status the user had when this run looked it up
         * @param deactivatedByThisRun whether this run deactivated the user before deleting it
         * @param attempts the HTTP requests made for this login, retries included
         * @throws NullPointerException if a component is {@code null}
         */
        public Deleted(String login, String userId, UserState previousStatus, boolean deactivatedByThisRun,
                int attempts) {
            this(login, userId, previousStatus, deactivatedByThisRun, attempts, false);
        }

        @Override
        public OutcomeKind kind() {
            return OutcomeKind.DELETED;
        }
    }

    /**
     * No user has this login (Okta answered 404, or the login search found no exact match).
     *
     * @param login the input login
     * @param attempts the HTTP requests made for this login, retries included
     */
    record NotFound(String login, int attempts) implements DeletionOutcome {
        /**
         * Checks the components.
         *
         * @param login as {@link #login()}
         * @param attempts as {@link #attempts()}
         * @throws NullPointerException if {@code login} is {@code null}
         */
        public NotFound {
            Objects.requireNonNull(login, "login");
        }

        @Override
        public OutcomeKind kind() {
            return OutcomeKind.NOT_FOUND;
        }
    }

    /**
     * Nothing was changed for this login, on purpose.
     *
     * @param login the input login
     * @param reason why it was skipped
     * @param userId the Okta id of the user found, or {@code null} when no lookup was made
     * @param status the status of the user found, or {@code null} when no lookup was made
     * @param detail a human-readable explanation, never {@code null}
     */
    record Skipped(String login, SkipReason reason, String userId, UserState status, String detail)
            implements DeletionOutcome {
        /**
         * Checks the components.
         *
         * @param login as {@link #login()}
         * @param reason as {@link #reason()}
         * @param userId as {@link #userId()}
         * @param status as {@link #status()}
         * @param detail as {@link #detail()}
         * @throws NullPointerException if {@code login}, {@code reason} or {@code detail} is {@code null}
         */
        public Skipped {
            Objects.requireNonNull(login, "login");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public OutcomeKind kind() {
            return OutcomeKind.SKIPPED;
        }
    }

    /**
     * A step failed for good: a status that is never retried, retries ran out, or the batch stopped in the middle.
     *
     * <p>When a deactivate or a DELETE got no definitive answer (a 5xx, a transport failure, a timeout, or a stop
     * while waiting to retry it), the run asks Okta again with a GET by id before it reports anything. Only if even
     * that fails is the outcome a {@code Failed} with {@link #changeMayHaveBeenMade()}: Okta may have made the change
     * (the user may be deactivated, or gone), and a resumed run looks the user up again by id. Every other
     * {@code Failed} is certain that the user was not deleted.
     *
     * @param login the input login
     * @param step the step that failed
     * @param httpStatus the HTTP status of the last attempt, {@code 0} for a transport failure
     * @param errorCode Okta's {@code errorCode} (such as {@code E0000006}), or {@code null} when there was none
     * @param message Okta's {@code errorSummary} or a description of the transport failure, never {@code null}
     * @param attempts the HTTP requests made for this login, retries included
     * @param userId the Okta id of the user when the lookup had found it, else {@code null}
     * @param changeMayHaveBeenMade whether Okta may have made the change of {@code step} although this outcome
     *     could not confirm it: the user may be deactivated or deleted; {@code false} when the user is certainly
     *     not deleted
     */
    record Failed(String login, Step step, int httpStatus, String errorCode, String message, int attempts,
            String userId, boolean changeMayHaveBeenMade) implements DeletionOutcome {
        /**
         * Checks the components.
         *
         * @param login as {@link #login()}
         * @param step as {@link #step()}
         * @param httpStatus as {@link #httpStatus()}
         * @param errorCode as {@link #errorCode()}
         * @param message as {@link #message()}
         * @param attempts as {@link #attempts()}
         * @param userId as {@link #userId()}
         * @param changeMayHaveBeenMade as {@link #changeMayHaveBeenMade()}
         * @throws NullPointerException if {@code login}, {@code step} or {@code message} is {@code null}
         */
        public Failed {
            Objects.requireNonNull(login, "login");
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(message, "message");
        }

        /**
         * A failure that certainly did not delete the user ({@code changeMayHaveBeenMade} {@code false}).
         *
         * @param login the input login
         * @param step the step that failed
         * @param httpStatus the HTTP status of the last attempt, {@code 0} for a transport failure
         * @param errorCode Okta's {@code errorCode}, or {@code null} when there was none
         * @param message a description of the failure, never {@code null}
         * @param attempts the HTTP requests made for this login, retries included
         * @param userId the Okta id of the user when the lookup had found it, else {@code null}
         * @throws NullPointerException if {@code login}, {@code step} or {@code message} is {@code null}
         */
        public Failed(String login, Step step, int httpStatus, String errorCode, String message, int attempts,
                String userId) {
            this(login, step, httpStatus, errorCode, message, attempts, userId, false);
        }

        @Override
        public OutcomeKind kind() {
            return OutcomeKind.FAILED;
        }
    }

    /**
     * The batch stopped before this login was changed (see {@link BulkDeleteSummary#stop()}): nothing was changed
     * for it (at most it was looked up), and a later run may safely take it up again.
     *
     * @param login the input login
     * @param reason why the batch stopped, never {@code null}
     */
    record NotAttempted(String login, String reason) implements DeletionOutcome {
        /**
         * Checks the components.
         *
         * @param login as {@link #login()}
         * @param reason as {@link #reason()}
         * @throws NullPointerException if a component is {@code null}
         */
        public NotAttempted {
            Objects.requireNonNull(login, "login");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public OutcomeKind kind() {
            return OutcomeKind.NOT_ATTEMPTED;
        }
    }
}

package io.github.oktabulkdelete;

import java.util.Objects;

/**
 * Why a batch stopped before its end: the logins not started then are {@link DeletionOutcome.NotAttempted}.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * summary.stop().ifPresent(stop -> System.err.println("Stopped: " + stop.message()));
 * }</pre>
 *
 * @param cause the kind of stop
 * @param message what happened and what to do, never containing a credential
 */
public record BatchStop(Cause cause, String message) {

    /** The kinds of stop. */
    public enum Cause {
        /** Okta answered 401: the token is invalid, expired or revoked. */
        AUTHENTICATION_FAILED,
        /** Okta answered 403 to the first calls of a step: the token lacks a permission this run needs. */
        PERMISSION_DENIED,
        /** The owner of the API token ({@code GET /api/v1/users/me}) could not be looked up, so none is deleted. */
        TOKEN_OWNER_UNKNOWN,
        /**
         * The next deletion would have exceeded {@link BulkUserDeleter.Builder#maxDeletions(long)}: the login that
         * would have been one too many, and all after it, are not attempted.
         */
        DELETION_LIMIT,
        /** The batch was cancelled through its {@link Cancellation}. */
        CANCELLED,
        /** The batch reached the deadline of its {@link Cancellation}. */
        DEADLINE,
        /** The calling thread was interrupted. */
        INTERRUPTED,
        /** Reading the input failed (its iterator threw); the logins read before have their outcomes. */
        INPUT_FAILED,
        /** The outcome consumer of the streaming form threw: the batch stops so that no outcome goes unrecorded. */
        CONSUMER_FAILED,
        /**
         * The first calls of the run got answers that are not Okta's (a 404 without Okta's error body, as from a
         * proxy or an org URL with a wrong path): nothing is changed until the org URL is fixed.
         */
        NOT_OKTA
    }

    /**
     * Checks the components.
     *
     * @param cause as {@link #cause()}
     * @param message as {@link #message()}
     * @throws NullPointerException if a component is {@code null}
     */
    public BatchStop {
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(message, "message");
    }
}

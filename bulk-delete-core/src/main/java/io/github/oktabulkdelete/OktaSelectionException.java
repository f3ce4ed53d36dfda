package io.github.oktabulkdelete;

import java.util.Objects;

/**
 * Listing the users of an {@link OktaUserSelection} failed: Okta rejected the search expression, the group named
 * does not exist or is ambiguous, or a request failed after its retries. The message names the selection (the
 * expression, or the group) and says what to do; it never holds a credential.
 *
 * <p>Thrown by {@link OktaUserSelection#freeze()} before anything is deleted, and by the selection's iterator. Handed
 * straight to {@link BulkUserDeleter#deleteAll(Iterable)}, a failure stops the batch as
 * {@link BatchStop.Cause#INPUT_FAILED} with this message. Immutable and thread-safe.
 *
 * <pre>{@code
 * try {
 *     List<String> logins = deleter.selectBySearch(expression).freeze();
 * } catch (OktaSelectionException e) {
 *     if (e.reason() == OktaSelectionException.Reason.INVALID_SEARCH) { ... fix the expression ... }
 * }
 * }</pre>
 */
public final class OktaSelectionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Why a selection could not be listed.
     *
     * <p>Immutable and thread-safe.
     *
     * <pre>{@code
     * int exitCode = e.reason() == OktaSelectionException.Reason.REQUEST_FAILED ? 3 : 2;
     * }</pre>
     */
    public enum Reason {
        /** Okta rejected the search expression: 400 {@code E0000031} (or another 400). */
        INVALID_SEARCH,
        /** No group has this id or exactly this name (or the group was deleted while its members were listed). */
        GROUP_NOT_FOUND,
        /** Several groups have exactly this name: name the group by its id instead. */
        GROUP_AMBIGUOUS,
        /** A request failed after its retries (401, 403, 5xx, a transport failure) or Okta's answer was unusable. */
        REQUEST_FAILED,
        /** The listing thread was interrupted; its interrupt flag is set again. */
        INTERRUPTED
    }

    /** Why the selection could not be listed. */
    private final Reason reason;
    /** The selection, as {@link OktaUserSelection#description()} says it. */
    private final String selection;
    /** The HTTP status of the failed request, {@code 0} when there was none. */
    private final int httpStatus;
    /** Okta's {@code errorCode}, or {@code null}. */
    private final String errorCode;

    /**
     * A failed listing.
     *
     * @param reason why
     * @param selection the selection, as {@link OktaUserSelection#description()} says it
     * @param httpStatus the HTTP status of the failed request, {@code 0} when there was none
     * @param errorCode Okta's {@code errorCode}, or {@code null}
     * @param message what failed and what to do, naming the selection
     * @param cause the failed request, or {@code null}
     */
    public OktaSelectionException(Reason reason, String selection, int httpStatus, String errorCode, String message,
            Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.selection = Objects.requireNonNull(selection, "selection");
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    /** @return why the selection could not be listed */
    public Reason reason() {
        return reason;
    }

    /** @return the selection, such as {@code search 'status eq "DEPROVISIONED"'} */
    public String selection() {
        return selection;
    }

    /** @return the HTTP status of the failed request, {@code 0} when there was none */
    public int httpStatus() {
        return httpStatus;
    }

    /** @return Okta's {@code errorCode}, such as {@code E0000031}, or {@code null} */
    public String errorCode() {
        return errorCode;
    }
}

package io.github.oktabulkdelete;

import java.util.Locale;

/**
 * The Okta status of a user as this library saw it, without exposing the SDK's own model types.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * UserState state = UserState.parse("LOCKED_OUT"); // LOCKED_OUT
 * }</pre>
 */
public enum UserState {
    /** Active. */
    ACTIVE,
    /** Deactivated: the only status from which {@code DELETE} deletes. */
    DEPROVISIONED,
    /** Locked out. */
    LOCKED_OUT,
    /** Password expired. */
    PASSWORD_EXPIRED,
    /** Provisioned, activation pending. */
    PROVISIONED,
    /** In password recovery. */
    RECOVERY,
    /** Created, not activated. */
    STAGED,
    /** Suspended. */
    SUSPENDED,
    /** A status this library does not know (Okta may add some). */
    UNKNOWN;

    /**
     * Parses an Okta status string, case-insensitively.
     *
     * @param status the status as Okta spells it, may be {@code null}
     * @return the state, {@link #UNKNOWN} for {@code null} or an unknown status
     */
    public static UserState parse(String status) {
        if (status == null) {
            return UNKNOWN;
        }
        try {
            return valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }
}

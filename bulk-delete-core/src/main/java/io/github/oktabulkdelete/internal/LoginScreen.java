package io.github.oktabulkdelete.internal;

import io.github.oktabulkdelete.DeletionOutcome;
import io.github.oktabulkdelete.SkipReason;
import java.util.Locale;
import java.util.Set;

/**
 * The checks a login passes before any call is made for it: it is trimmed, then skipped if it is not a login that
 * can be looked up safely, if it repeats an earlier input (case-insensitively), or if it is protected. Not
 * thread-safe: one per batch, used by the thread that reads the input.
 */
final class LoginScreen {

    /** Longer inputs are not logins (Okta's own limit is far lower), and would only make huge URLs. */
    static final int MAX_LOGIN_LENGTH = 512;

    private final Set<String> protectedLogins;
    private final SeenLogins seen = new SeenLogins();

    LoginScreen(Set<String> protectedLogins) {
        this.protectedLogins = protectedLogins;
    }

    static String normalize(String raw) {
        return raw == null ? "" : raw.strip();
    }

    /** The skip for this login, or {@code null} when it goes on to Okta. */
    DeletionOutcome.Skipped screen(String login, boolean wasNull) {
        String invalid = wasNull ? "the input held a null login" : invalidReason(login);
        if (invalid != null) {
            return new DeletionOutcome.Skipped(login, SkipReason.INVALID_LOGIN, null, null, invalid);
        }
        if (!seen.add(login)) {
            return new DeletionOutcome.Skipped(login, SkipReason.DUPLICATE, null, null,
                    "repeats an earlier login of this batch (logins compare case-insensitively)");
        }
        if (protectedLogins.contains(login.toLowerCase(Locale.ROOT))) {
            return new DeletionOutcome.Skipped(login, SkipReason.PROTECTED, null, null,
                    "the login is on the protected list");
        }
        return null;
    }

    static String invalidReason(String login) {
        if (login.isEmpty()) {
            return "blank login";
        }
        if (login.equalsIgnoreCase("me")) {
            return "'me' is not a login: Okta reads it as the owner of the API token";
        }
        if (login.equals(".") || login.equals("..")) {
            return "'" + login + "' is not a login: it would change the request path";
        }
        if (login.length() > MAX_LOGIN_LENGTH) {
            return "longer than " + MAX_LOGIN_LENGTH + " characters (" + login.length() + "): not a login";
        }
        for (int i = 0; i < login.length(); i++) {
            if (Character.isISOControl(login.charAt(i))) {
                return "contains a control character (U+" + String.format("%04X", (int) login.charAt(i))
                        + " at position " + (i + 1) + ")";
            }
        }
        return null;
    }
}

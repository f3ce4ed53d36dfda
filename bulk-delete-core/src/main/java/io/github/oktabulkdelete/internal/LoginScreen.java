package io.github.oktabulkdelete.internal;

import io.github.oktabulkdelete.DeletionOutcome;
import io.github.oktabulkdelete.SkipReason;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * The checks a login passes before any call is made for it: it is trimmed, then skipped if it is not a login that
 * can be looked up safely, if it repeats an earlier input (case-insensitively), or if it is protected. Not
 * thread-safe: one per batch, used by the thread that reads the input.
 */
public final class LoginScreen {

    /** Longer inputs are not logins (Okta's own limit is far lower), and would only make huge URLs. */
    static final int MAX_LOGIN_LENGTH = 512;

    private final Set<String> protectedLogins;
    private final SeenLogins seen = new SeenLogins();

    LoginScreen(Set<String> protectedLogins) {
        this.protectedLogins = protectedLogins;
    }

    /**
     * The login without the white space around it: spaces, tabs, line breaks and Unicode spaces. Other control
     * characters ({@code U+000B}, {@code U+000C}, {@code U+001C}..{@code U+001F}, which {@link String#strip()} would
     * drop too) stay, so that the screen refuses the input instead of silently sending another login to Okta.
     *
     * @param raw an input, may be {@code null}
     * @return the login, empty for {@code null}
     */
    public static String normalize(String raw) {
        if (raw == null) {
            return "";
        }
        int start = 0;
        int end = raw.length();
        while (start < end && isSpace(raw.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(raw.charAt(end - 1))) {
            end--;
        }
        return raw.substring(start, end);
    }

    /**
     * The key under which a batch compares logins everywhere (exact-login check, duplicates, protected logins, the
     * journal): the normalized login in Unicode NFC, lower-cased with {@link Locale#ROOT}. Compare keys with
     * {@code equals}, never {@link String#equalsIgnoreCase}, which equates {@code U+017F} with {@code s} and the
     * Kelvin sign with {@code k}. A {@code null} input has the key of a blank login.
     *
     * @param raw an input, may be {@code null}
     * @return the key
     */
    public static String key(String raw) {
        return Normalizer.normalize(normalize(raw), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    /** Whether two logins name the same login: their {@link #key(String)}s are equal; {@code null} matches nothing. */
    public static boolean sameLogin(String a, String b) {
        return a != null && b != null && key(a).equals(key(b));
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r'
                || Character.isWhitespace(c) && !Character.isISOControl(c);
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
        if (protectedLogins.contains(key(login))) {
            return new DeletionOutcome.Skipped(login, SkipReason.PROTECTED, null, null,
                    "the login is on the protected list");
        }
        return null;
    }

    static String invalidReason(String login) {
        if (login.isEmpty()) {
            return "blank login";
        }
        if (key(login).equals("me")) {
            return "'me' is not a login: Okta reads it as the owner of the API token";
        }
        if (login.equals(".") || login.equals("..")) {
            return "'" + login + "' is not a login: it would change the request path";
        }
        if (login.length() > MAX_LOGIN_LENGTH) {
            return "longer than " + MAX_LOGIN_LENGTH + " characters (" + login.length() + "): not a login";
        }
        for (int i = 0; i < login.length(); i++) {
            char c = login.charAt(i);
            if (Character.isISOControl(c)) {
                return "contains a control character (U+" + String.format("%04X", (int) c)
                        + " at position " + (i + 1) + ")";
            }
            if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < login.length()
                    && Character.isLowSurrogate(login.charAt(i + 1)))) {
                return "is not valid Unicode (a lone surrogate U+" + String.format("%04X", (int) c) + " at position "
                        + (i + 1) + "): it cannot be sent to Okta as it is";
            }
            if (Character.isHighSurrogate(c)) {
                i++; // the low surrogate of the pair
            }
        }
        return null;
    }
}

package io.github.oktabulkdelete;

import io.github.oktabulkdelete.internal.LoginScreen;

/**
 * How a batch reads and compares logins, for the code around a batch (a report, a resume, a test harness) that must
 * agree with it: the login an outcome names is {@link #normalize(String)} of its input, and two logins are the same
 * login when their {@link #key(String)}s are equal.
 *
 * <p>Stateless and thread-safe.
 *
 * <pre>{@code
 * Map<String, DeletionOutcome> byLogin = new HashMap<>();
 * result.outcomes().forEach(o -> byLogin.put(Logins.key(o.login()), o));
 * DeletionOutcome outcome = byLogin.get(Logins.key(" JSmith@Corp.example "));
 * }</pre>
 */
public final class Logins {

    private Logins() {
    }

    /**
     * The login an input line stands for, as outcomes name it: without the white space around it (spaces, tabs,
     * line breaks, Unicode spaces). Other control characters stay, and make the login invalid.
     *
     * @param raw an input, may be {@code null}
     * @return the login, empty for {@code null}
     */
    public static String normalize(String raw) {
        return LoginScreen.normalize(raw);
    }

    /**
     * The key under which logins compare (duplicates, protected logins, the exact-login check, the journal): the
     * normalized login in Unicode NFC, lower-cased with {@link java.util.Locale#ROOT}. Compare keys with
     * {@code equals}, never with {@link String#equalsIgnoreCase(String)}.
     *
     * @param raw an input, may be {@code null}
     * @return the key; a {@code null} input has the key of a blank login
     */
    public static String key(String raw) {
        return LoginScreen.key(raw);
    }

    /**
     * Whether two logins name the same login.
     *
     * @param a a login, may be {@code null}
     * @param b another login, may be {@code null}
     * @return whether their keys are equal; {@code null} matches nothing
     */
    public static boolean same(String a, String b) {
        return LoginScreen.sameLogin(a, b);
    }
}

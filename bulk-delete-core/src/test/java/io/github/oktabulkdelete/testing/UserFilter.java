package io.github.oktabulkdelete.testing;

import java.util.Locale;
import java.util.function.Predicate;

/**
 * The subset of Okta's {@code filter} and {@code search} expressions the fake understands.
 *
 * <p>Grammar: {@code expr := term ("or" term)*}, {@code term := factor ("and" factor)*},
 * {@code factor := "(" expr ")" | attribute operator "value"}; operators and {@code and}/{@code or} are
 * case-insensitive; inside the quoted value {@code \"} and {@code \\} are escapes. Attributes: {@code id},
 * {@code status}, {@code profile.login}, {@code profile.email}, {@code profile.firstName},
 * {@code profile.lastName}. A {@code filter} knows only {@code eq}; a {@code search} also {@code sw} and
 * {@code co}. Logins and e-mails compare case-insensitively; in a {@code filter} the other values compare exactly,
 * in a {@code search} all values compare case-insensitively (as the spec says). Anything else is an
 * {@link IllegalArgumentException}, which the fake answers with 400 {@code E0000031}.
 *
 * <p>A {@code search} is parsed by {@link UserSearch}, which understands more (timestamps, custom profile
 * attributes, {@code lt}/{@code gt}/{@code pr}); this class keeps the {@code filter} grammar.
 *
 * <p>Stateless and thread-safe.
 *
 * <pre>{@code
 * Predicate<FakeUser> p = UserFilter.parse("profile.login eq \"jsmith@corp.com\"", false);
 * }</pre>
 */
final class UserFilter extends ExpressionParser {

    private final boolean search;

    private UserFilter(String text, boolean search) {
        super(text, "unsupported expression");
        this.search = search;
    }

    /**
     * Parses an expression.
     *
     * @param expression the decoded {@code filter} or {@code search} value
     * @param search {@code true} for a {@code search} expression
     * @return a predicate over users
     * @throws IllegalArgumentException if the expression is not understood
     */
    static Predicate<FakeUser> parse(String expression, boolean search) {
        if (search) {
            return UserSearch.parse(expression); // the richer search grammar lives there
        }
        return new UserFilter(expression, search).parseWhole();
    }

    @Override
    Predicate<FakeUser> comparison() {
        String attribute = word();
        String operator = word().toLowerCase(Locale.ROOT);
        String value = quoted();
        if (!operator.equals("eq") && !(search && (operator.equals("sw") || operator.equals("co")))) {
            throw error();
        }
        boolean ignoreCase;
        java.util.function.Function<FakeUser, String> getter;
        switch (attribute) {
            case "id": getter = FakeUser::id; ignoreCase = search; break;
            case "status": getter = u -> u.status().getValue(); ignoreCase = search; break;
            case "profile.login": getter = FakeUser::login; ignoreCase = search; break; // filter: case-sensitive
            case "profile.email": getter = FakeUser::email; ignoreCase = search; break;
            case "profile.firstName": getter = FakeUser::firstName; ignoreCase = search; break;
            case "profile.lastName": getter = FakeUser::lastName; ignoreCase = search; break;
            default: throw error();
        }
        String expected = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
        return user -> {
            String actual = getter.apply(user);
            if (actual == null) {
                return false;
            }
            if (ignoreCase) {
                actual = actual.toLowerCase(Locale.ROOT);
            }
            switch (operator) {
                case "sw": return actual.startsWith(expected);
                case "co": return actual.contains(expected);
                default: return actual.equals(expected);
            }
        };
    }
}

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
final class UserFilter {

    private final String text;
    private final boolean search;
    private int pos;

    private UserFilter(String text, boolean search) {
        this.text = text;
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
        UserFilter parser = new UserFilter(expression, search);
        Predicate<FakeUser> predicate = parser.expr();
        parser.skipSpaces();
        if (parser.pos != parser.text.length()) {
            throw parser.error();
        }
        return predicate;
    }

    private Predicate<FakeUser> expr() {
        Predicate<FakeUser> result = term();
        while (keyword("or")) {
            result = result.or(term());
        }
        return result;
    }

    private Predicate<FakeUser> term() {
        Predicate<FakeUser> result = factor();
        while (keyword("and")) {
            result = result.and(factor());
        }
        return result;
    }

    private Predicate<FakeUser> factor() {
        skipSpaces();
        if (pos < text.length() && text.charAt(pos) == '(') {
            pos++;
            Predicate<FakeUser> inner = expr();
            skipSpaces();
            if (pos >= text.length() || text.charAt(pos) != ')') {
                throw error();
            }
            pos++;
            return inner;
        }
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

    private boolean keyword(String keyword) {
        skipSpaces();
        int end = pos + keyword.length();
        if (end < text.length() && text.substring(pos, end).equalsIgnoreCase(keyword)
                && Character.isWhitespace(text.charAt(end))) {
            pos = end;
            return true;
        }
        return false;
    }

    private String word() {
        skipSpaces();
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.'
                || text.charAt(pos) == '_')) {
            pos++;
        }
        if (start == pos) {
            throw error();
        }
        return text.substring(start, pos);
    }

    private String quoted() {
        skipSpaces();
        if (pos >= text.length() || text.charAt(pos) != '"') {
            throw error();
        }
        pos++;
        StringBuilder value = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return value.toString();
            }
            if (c == '\\') {
                if (pos >= text.length()) {
                    throw error();
                }
                char escaped = text.charAt(pos++);
                if (escaped != '"' && escaped != '\\') {
                    throw error();
                }
                value.append(escaped);
            } else {
                value.append(c);
            }
        }
        throw error();
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error() {
        return new IllegalArgumentException("unsupported expression at " + pos + ": " + text);
    }
}

package io.github.oktabulkdelete.testing;

import java.util.function.Predicate;

/**
 * What Okta's {@code filter} and {@code search} expressions share: {@code expr := term ("or" term)*},
 * {@code term := factor ("and" factor)*}, {@code factor := "(" expr ")" | comparison}; {@code and}/{@code or} are
 * case-insensitive; a quoted value knows the escapes {@code \"} and {@code \\}. A subclass parses one comparison
 * ({@link UserFilter}, {@link UserSearch}). Anything not understood is an {@link IllegalArgumentException}.
 *
 * <p>One instance parses one expression; not thread-safe.
 *
 * <pre>{@code
 * Predicate<FakeUser> p = UserSearch.parse("status eq \"DEPROVISIONED\" and (profile.login sw \"tmp-\")");
 * }</pre>
 */
abstract class ExpressionParser {

    /** The expression. */
    final String text;
    /** The position of the next character to read. */
    int pos;
    private final String errorPrefix;

    /**
     * @param text the decoded expression
     * @param errorPrefix how an error message starts, before {@code " at <position>: <expression>"}
     */
    ExpressionParser(String text, String errorPrefix) {
        this.text = text;
        this.errorPrefix = errorPrefix;
    }

    /** @return a predicate over users: the whole expression, nothing left after it */
    final Predicate<FakeUser> parseWhole() {
        Predicate<FakeUser> predicate = expr();
        skipSpaces();
        if (pos != text.length()) {
            throw error();
        }
        return predicate;
    }

    /** @return the comparison at {@link #pos}, such as {@code attribute operator "value"} */
    abstract Predicate<FakeUser> comparison();

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
        return comparison();
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

    /** @return the next word: letters, digits, {@code .} and {@code _} */
    final String word() {
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

    /** @return the next quoted value, unescaped */
    final String quoted() {
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

    /** @return the error for the expression at {@link #pos} */
    final IllegalArgumentException error() {
        return new IllegalArgumentException(errorPrefix + " at " + pos + ": " + text);
    }
}

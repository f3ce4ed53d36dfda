package io.github.oktabulkdelete.testing;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Okta's {@code search} expressions for {@code GET /api/v1/users?search=...}, as the spec describes them: the
 * richer sibling of {@link UserFilter}, which keeps the {@code filter} parameter.
 *
 * <p>Grammar: {@code expr := term ("or" term)*}, {@code term := factor ("and" factor)*},
 * {@code factor := "(" expr ")" | attribute "pr" | attribute operator "value"}. Attributes (names are
 * case-sensitive): {@code id}, {@code status}, {@code created}, {@code activated}, {@code statusChanged},
 * {@code lastUpdated}, {@code type.id}, and {@code profile.<any attribute>}, custom ones included (an array matches
 * when one of its elements does). Operators (case-insensitive): {@code eq}, {@code sw}, {@code lt}, {@code le},
 * {@code gt}, {@code ge}, {@code pr}, and {@code co} on {@code profile.firstName}, {@code profile.lastName},
 * {@code profile.email} and {@code profile.login} only; {@code ne} and {@code not} are not supported (Okta says to use
 * {@code lt ... or ... gt}). String values compare case-insensitively; the timestamps as instants (the value must be
 * an ISO-8601 instant such as {@code 2026-09-01T00:00:00.000Z}); numbers and booleans by value. A user without the
 * attribute (or with {@code null}) matches nothing but is not an error. Anything else is an
 * {@link IllegalArgumentException}, which the fake answers with 400 {@code E0000031}.
 *
 * <p>Stateless and thread-safe.
 *
 * <pre>{@code
 * Predicate<FakeUser> p = UserSearch.parse(
 *         "status eq \"DEPROVISIONED\" and statusChanged lt \"2026-09-01T00:00:00.000Z\"");
 * }</pre>
 */
final class UserSearch extends ExpressionParser {

    private static final Set<String> TIMESTAMPS = Set.of("created", "activated", "statusChanged", "lastUpdated");
    private static final Set<String> CONTAINS_ALLOWED =
            Set.of("profile.firstName", "profile.lastName", "profile.email", "profile.login");
    private static final Set<String> OPERATORS = Set.of("eq", "sw", "co", "lt", "le", "gt", "ge", "pr");

    private UserSearch(String text) {
        super(text, "invalid search expression");
    }

    /**
     * Parses a search expression.
     *
     * @param expression the decoded {@code search} value
     * @return a predicate over users
     * @throws IllegalArgumentException if the expression is not valid
     */
    static Predicate<FakeUser> parse(String expression) {
        return new UserSearch(expression).parseWhole();
    }

    @Override
    Predicate<FakeUser> comparison() {
        String attribute = word();
        Function<FakeUser, Object> getter = getter(attribute);
        String operator = word().toLowerCase(Locale.ROOT);
        if (!OPERATORS.contains(operator) || operator.equals("co") && !CONTAINS_ALLOWED.contains(attribute)) {
            throw error();
        }
        if (operator.equals("pr")) {
            return user -> present(getter.apply(user));
        }
        String value = quoted();
        if (TIMESTAMPS.contains(attribute)) {
            Instant expected = instant(value);
            return user -> {
                Instant actual = (Instant) getter.apply(user);
                return actual != null && compare(operator, actual.compareTo(expected), false, false);
            };
        }
        return user -> {
            Object actual = getter.apply(user);
            if (actual instanceof List<?> list) {
                return list.stream().anyMatch(element -> matches(element, operator, value));
            }
            return matches(actual, operator, value);
        };
    }

    private Function<FakeUser, Object> getter(String attribute) {
        switch (attribute) {
            case "id": return FakeUser::id;
            case "status": return user -> user.status().getValue();
            case "created": return FakeUser::created;
            case "activated": return FakeUser::activated;
            case "statusChanged": return FakeUser::statusChanged;
            case "lastUpdated": return FakeUser::lastUpdated;
            case "type.id": return user -> user.typeId() != null ? user.typeId() : FakeOktaOrg.DEFAULT_USER_TYPE_ID;
            case "profile.login": return FakeUser::login;
            case "profile.email": return FakeUser::email;
            case "profile.firstName": return FakeUser::firstName;
            case "profile.lastName": return FakeUser::lastName;
            default:
                if (attribute.startsWith("profile.") && attribute.length() > "profile.".length()
                        && attribute.indexOf('.', "profile.".length()) < 0) {
                    String name = attribute.substring("profile.".length());
                    return user -> user.customProfile().get(name);
                }
                throw error();
        }
    }

    private static boolean present(Object value) {
        return value != null && !(value instanceof String s && s.isEmpty())
                && !(value instanceof List<?> list && list.isEmpty());
    }

    private static boolean matches(Object actual, String operator, String value) {
        if (actual == null) {
            return false;
        }
        if (actual instanceof Number number) {
            try {
                int c = Double.compare(number.doubleValue(), Double.parseDouble(value));
                return compare(operator, c, false, false);
            } catch (NumberFormatException e) {
                return false;
            }
        }
        String a = actual.toString().toLowerCase(Locale.ROOT);
        String v = value.toLowerCase(Locale.ROOT);
        return compare(operator, a.compareTo(v), a.startsWith(v), a.contains(v));
    }

    private static boolean compare(String operator, int comparison, boolean startsWith, boolean contains) {
        switch (operator) {
            case "eq": return comparison == 0;
            case "lt": return comparison < 0;
            case "le": return comparison <= 0;
            case "gt": return comparison > 0;
            case "ge": return comparison >= 0;
            case "sw": return startsWith;
            case "co": return contains;
            default: throw new AssertionError(operator);
        }
    }

    private Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw error();
        }
    }
}

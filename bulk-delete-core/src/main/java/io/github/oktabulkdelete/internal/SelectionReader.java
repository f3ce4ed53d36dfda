package io.github.oktabulkdelete.internal;

import io.github.oktabulkdelete.Cancellation;
import io.github.oktabulkdelete.OktaRequestException;
import io.github.oktabulkdelete.OktaSelectionException;
import io.github.oktabulkdelete.OktaSelectionException.Reason;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the logins of a search or of a group's members from Okta, page by page, as it is iterated: each page is one
 * call through {@link Calls} (the deleter's pacer and retry, one attempt = one permit), asking for the largest page
 * Okta serves and following the {@code after} cursor of the {@code Link rel="next"} header. A group is named by id
 * or by exact name ({@code GET /api/v1/groups?q=} and an exact match). Every failure is an
 * {@link OktaSelectionException} naming the selection. For one thread.
 */
public final class SelectionReader implements Iterator<String> {

    /** The largest page of {@code GET /api/v1/users} (its default; Okta serves no more). */
    public static final int SEARCH_PAGE = 200;
    /** The largest page of {@code GET /api/v1/groups/{groupId}/users} (its default). */
    public static final int MEMBERS_PAGE = 1000;
    /** The most groups a {@code q} query asks for (the spec's maximum {@code limit}; a query is not paged). */
    static final int GROUP_QUERY_LIMIT = 10_000;
    private static final Pattern GROUP_ID = Pattern.compile("00g[A-Za-z0-9]{17}");

    private final RunState run;
    private final Calls calls;
    private final String expression;
    private final String group;
    private final String description;
    private FoundGroup resolved;
    private Iterator<FoundUser> page = Collections.emptyIterator();
    private String after;
    private boolean last;

    private SelectionReader(DeleterSettings settings, String expression, String group, String description) {
        this.run = new RunState(settings, Cancellation.create(), new InFlightLogins(), RunJournal.NONE); // a listing changes nothing
        this.calls = new Calls(run);
        this.expression = expression;
        this.group = group;
        this.description = description;
    }

    /** The users an Okta search expression finds. */
    public static SelectionReader search(DeleterSettings settings, String expression, String description) {
        return new SelectionReader(settings, expression, null, description);
    }

    /** The members of a group named by id or by exact name. */
    public static SelectionReader group(DeleterSettings settings, String nameOrId, String description) {
        return new SelectionReader(settings, null, nameOrId, description);
    }

    @Override
    public boolean hasNext() {
        while (!page.hasNext() && !last) {
            fetch();
        }
        return page.hasNext();
    }

    @Override
    public String next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        FoundUser user = page.next();
        if (user.login() == null) {
            throw failure(Reason.REQUEST_FAILED, 0, null, "Okta listed user " + user.id() + " of " + description
                    + " without a login", null);
        }
        return user.login();
    }

    /** The group the members are read from, once resolved; {@code null} for a search or before the first page. */
    public FoundGroup resolvedGroup() {
        return resolved;
    }

    private void fetch() {
        String groupId = expression == null ? resolveGroup().id() : null;
        String cursor = after;
        UserPage next = call(expression != null ? CallRoute.SEARCH : CallRoute.GROUPS, () -> expression != null
                ? run.gateway().searchUsers(expression, cursor, SEARCH_PAGE)
                : run.gateway().groupMembers(groupId, cursor, MEMBERS_PAGE));
        if (next.next() != null && next.next().equals(cursor)) {
            throw failure(Reason.REQUEST_FAILED, 0, null, "Okta's next page of " + description + " has the same "
                    + "cursor as the page before it, so the listing would never end", null);
        }
        page = next.users().iterator();
        after = next.next();
        last = after == null;
    }

    private FoundGroup resolveGroup() {
        if (resolved != null) {
            return resolved;
        }
        if (GROUP_ID.matcher(group).matches()) {
            try {
                resolved = callOrThrow(CallRoute.GROUPS, () -> run.gateway().getGroup(group));
                return resolved;
            } catch (OktaRequestException e) {
                if (!e.isOktaNotFound()) {
                    throw translate(e);
                }
                // no group has this id: it may still be a name
            }
        }
        List<FoundGroup> found = call(CallRoute.GROUPS, () -> run.gateway().findGroups(group, GROUP_QUERY_LIMIT));
        List<FoundGroup> exact = found.stream().filter(g -> group.equals(g.name())).toList();
        if (exact.size() == 1) {
            resolved = exact.get(0);
            return resolved;
        }
        if (exact.size() > 1) {
            throw failure(Reason.GROUP_AMBIGUOUS, 0, null, exact.size() + " groups are named '" + group + "': "
                    + exact.stream().map(g -> g.id() + " (" + g.type() + ")").collect(Collectors.joining(", "))
                    + ". Name the group by its id instead.", null);
        }
        List<FoundGroup> similar = found.stream()
                .filter(g -> g.name() != null && g.name().toLowerCase(Locale.ROOT).equals(group.toLowerCase(Locale.ROOT)))
                .toList();
        throw failure(Reason.GROUP_NOT_FOUND, 0, null, "no group has the id or exactly the name '" + group + "'"
                + (similar.isEmpty() ? "" : "; groups whose name differs only in case: " + similar.stream()
                        .map(g -> "'" + g.name() + "' (" + g.id() + ")").collect(Collectors.joining(", ")))
                + (found.size() >= GROUP_QUERY_LIMIT ? "; more than " + GROUP_QUERY_LIMIT + " groups start with this "
                        + "name, name the group by its id" : "")
                + ". Check the name (it must match exactly) or give the group's id (00g...).", null);
    }

    private <T> T call(CallRoute route, java.util.function.Supplier<T> request) {
        try {
            return callOrThrow(route, request);
        } catch (OktaRequestException e) {
            throw translate(e);
        }
    }

    private <T> T callOrThrow(CallRoute route, java.util.function.Supplier<T> request) {
        try {
            return calls.call(description, new Calls.Attempts(), route, request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(Reason.INTERRUPTED, 0, null, "interrupted while listing " + description, e);
        } catch (IllegalStateException e) {
            throw failure(Reason.REQUEST_FAILED, 0, null, "listing " + description + " failed: " + e.getMessage(),
                    e);
        }
    }

    private OktaSelectionException translate(OktaRequestException e) {
        int status = e.httpStatus();
        String answer = (status == 0 ? "" : "HTTP " + status + " ") + (e.errorCode() == null ? "" : e.errorCode()
                + ": ") + e.getMessage();
        if (expression != null && status == 400) {
            return failure(Reason.INVALID_SEARCH, status, e.errorCode(), "Okta rejected the search expression '"
                    + expression + "' (" + answer + "). Property names are case-sensitive (status, statusChanged, "
                    + "lastUpdated, created, profile.department...); operators are eq, sw, co, lt, le, gt, ge and pr "
                    + "(not ne or not), joined by and/or; values go in double quotes, timestamps as "
                    + "\"2026-09-01T00:00:00.000Z\". Fix the expression and run again.", e);
        }
        if (expression == null && e.isOktaNotFound()) {
            return failure(Reason.GROUP_NOT_FOUND, status, e.errorCode(), description + " no longer exists ("
                    + answer + ")", e);
        }
        String hint = switch (status) {
            case 401 -> ": the API token is invalid, expired or revoked";
            case 403 -> ": the token may not read " + (expression != null ? "users (okta.users.read)"
                    : "groups and their members (okta.groups.read)");
            default -> e.isRetryable() ? ", and still failed after the retries: try again later" : "";
        };
        return failure(Reason.REQUEST_FAILED, status, e.errorCode(), "listing " + description + " failed: "
                + (status == 0 ? "" : "Okta answered ") + answer + hint, e);
    }

    private OktaSelectionException failure(Reason reason, int status, String errorCode, String message,
            Throwable cause) {
        return new OktaSelectionException(reason, description, status, errorCode, message, cause);
    }
}

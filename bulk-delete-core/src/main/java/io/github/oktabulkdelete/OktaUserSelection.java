package io.github.oktabulkdelete;

import io.github.oktabulkdelete.internal.DeleterSettings;
import io.github.oktabulkdelete.internal.LoginScreen;
import io.github.oktabulkdelete.internal.SelectionReader;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The logins of the users an Okta search finds, or of a group's members, read from Okta: get one from
 * {@link BulkUserDeleter#selectBySearch(String)}, {@link BulkUserDeleter#selectDeactivatedBefore(Instant)} or
 * {@link BulkUserDeleter#selectGroupMembers(String)}, {@link #freeze()} it, and delete what was listed.
 *
 * <p><b>How it reads.</b> {@code GET /api/v1/users?search=...} (which, unlike a plain listing, includes
 * {@code DEPROVISIONED} users and compares values case-insensitively), or {@code GET /api/v1/groups/{groupId}/users},
 * asking for the largest page Okta serves (200 users, 1000 members) and following the {@code after} cursor of each
 * {@code Link rel="next"} header. A group is named by its id ({@code 00g...}), or by its exact name
 * ({@code GET /api/v1/groups?q=} and a case-sensitive match; no such group, or several of that name, is an error).
 * Every request goes through the deleter's own rate limiter (or adaptive pacer) and retry, like its deletions, and
 * counts against Okta's {@code GET /api/v1/users} bucket (a search) or "the rest of {@code /api/v1}" (groups).
 *
 * <p><b>Freeze before deleting.</b> {@link #freeze()} reads every page before anything changes and returns the
 * logins listed, once each: the count an operator confirms is the set that will be deleted, and a search Okta rejects
 * (400 {@code E0000031}) or a group that does not exist fails with an {@link OktaSelectionException} before any user
 * is touched. Iterating the selection instead streams it: that is fine to count or preview, but do not hand a
 * streaming selection to {@code deleteAll} when the deletion changes what it selects (a search on
 * {@code status eq "DEPROVISIONED"}, a group whose members are deleted). Okta's cursor is opaque and its search index
 * is eventually consistent: neither promises that a page read while earlier users are being deleted or deactivated
 * starts where the previous one ended, so users could be skipped or listed twice, and the total is unknown until the
 * end.
 *
 * <p><b>Thread safety.</b> Instances are immutable and thread-safe; each iterator reads Okta again from the first
 * page, and is for one thread. Its {@code hasNext()} throws {@link OktaSelectionException}.
 *
 * <pre>{@code
 * OktaUserSelection stale = deleter.selectDeactivatedBefore(Instant.now().minus(Duration.ofDays(90)));
 * List<String> logins = stale.freeze();              // every page read now; throws OktaSelectionException
 * System.out.println(logins.size() + " users: " + stale.description());
 * BulkDeleteResult result = deleter.deleteAll(logins);
 * }</pre>
 */
public final class OktaUserSelection implements Iterable<String> {

    private static final DateTimeFormatter OKTA_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final DeleterSettings settings;
    private final String expression;
    private final String group;

    private OktaUserSelection(DeleterSettings settings, String expression, String group) {
        this.settings = settings;
        this.expression = expression;
        this.group = group;
    }

    static OktaUserSelection search(DeleterSettings settings, String expression) {
        Objects.requireNonNull(expression, "expression");
        if (expression.isBlank()) {
            throw new IllegalArgumentException("expression must not be blank: give an Okta search expression such "
                    + "as status eq \"DEPROVISIONED\"");
        }
        return new OktaUserSelection(settings, expression.strip(), null);
    }

    static OktaUserSelection group(DeleterSettings settings, String nameOrId) {
        Objects.requireNonNull(nameOrId, "groupNameOrId");
        if (nameOrId.isBlank()) {
            throw new IllegalArgumentException("groupNameOrId must not be blank: give a group's id (00g...) or its "
                    + "exact name");
        }
        return new OktaUserSelection(settings, null, nameOrId);
    }

    /**
     * The search expression that selects users deactivated before an instant:
     * {@code status eq "DEPROVISIONED" and statusChanged lt "<cutoff>"}, the cutoff in UTC to the millisecond (as
     * Okta writes timestamps, rounded down).
     *
     * <pre>{@code
     * String expr = OktaUserSelection.deactivatedBefore(Instant.parse("2026-09-01T00:00:00Z"));
     * // status eq "DEPROVISIONED" and statusChanged lt "2026-09-01T00:00:00.000Z"
     * }</pre>
     *
     * @param cutoff users whose status changed to {@code DEPROVISIONED} before it are selected
     * @return the expression
     * @throws NullPointerException if {@code cutoff} is {@code null}
     */
    public static String deactivatedBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        return "status eq \"DEPROVISIONED\" and statusChanged lt \""
                + OKTA_TIMESTAMP.format(cutoff.truncatedTo(ChronoUnit.MILLIS)) + "\"";
    }

    /**
     * The search expression, for a search.
     *
     * @return the expression, or empty for a group's members
     */
    public Optional<String> expression() {
        return Optional.ofNullable(expression);
    }

    /**
     * The group as given, for a group's members.
     *
     * @return the group's id or name, or empty for a search
     */
    public Optional<String> group() {
        return Optional.ofNullable(group);
    }

    /**
     * What is selected, for messages and reports.
     *
     * @return for example {@code search 'status eq "DEPROVISIONED"'} or {@code members of group 'Contractors'}
     */
    public String description() {
        return expression != null ? "search '" + expression + "'" : "members of group '" + group + "'";
    }

    /**
     * Reads every page now and returns the logins listed, in Okta's order, each once (a login listed twice, compared
     * as the deleter compares logins, is kept at its first place).
     *
     * @return an unmodifiable list of the logins: the frozen selection to confirm and delete
     * @throws OktaSelectionException if Okta rejects the search, the group does not exist or is ambiguous, or a
     *     request fails after its retries; nothing has been deleted then
     */
    public List<String> freeze() {
        List<String> logins = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String login : this) {
            if (seen.add(LoginScreen.key(login))) {
                logins.add(login);
            }
        }
        return List.copyOf(logins);
    }

    /**
     * Reads Okta again, from the first page, lazily: each page is requested when the previous one is used up.
     *
     * @return an iterator over the logins, in Okta's order; its {@code hasNext()} throws
     *     {@link OktaSelectionException}
     */
    @Override
    public Iterator<String> iterator() {
        return expression != null ? SelectionReader.search(settings, expression, description())
                : SelectionReader.group(settings, group, description());
    }

    @Override
    public String toString() {
        return "OktaUserSelection{" + description() + '}';
    }
}

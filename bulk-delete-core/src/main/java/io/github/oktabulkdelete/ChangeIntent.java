package io.github.oktabulkdelete;

import java.util.Objects;

/**
 * A run's intent to change one user, written ahead: a {@link DeletionJournal} records it, forced to disk, after the
 * user was looked up and screened and before its first change (the deactivate, or the DELETE of a deactivated user).
 * A journal that holds an intent and no final outcome for its login tells a resumed run that the user may have been
 * changed: the resumed run looks the user up by {@link #userId()}, not by login (see
 * {@link BulkUserDeleter#resume(JournalContents, Iterable, DeletionJournal)}).
 *
 * <p>More components may be added in later versions (the user's profile and groups, so that a deleted user can be
 * restored by hand); construct it with the canonical constructor only in tests. Immutable and thread-safe.
 *
 * <pre>{@code
 * journal.outcome(login).isEmpty() && contents.intent(login).isPresent() // a run died around its change
 * }</pre>
 *
 * @param login the input login (trimmed)
 * @param userId the Okta id of the user the run is about to change
 * @param status the status the run found the user in
 */
public record ChangeIntent(String login, String userId, UserState status) {

    /**
     * Checks the components.
     *
     * @throws NullPointerException if a component is {@code null}
     */
    public ChangeIntent {
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(status, "status");
    }
}

package io.github.oktabulkdelete;

import java.util.Objects;

/**
 * A run's intent to change one user, written ahead: a {@link DeletionJournal} records it, forced to disk, after the
 * user was looked up and screened and before its first change (the deactivate, or the DELETE of a deactivated user).
 * A journal that holds an intent and no final outcome for its login tells a resumed run that the user may have been
 * changed: the resumed run looks the user up by {@link #userId()}, not by login (see
 * {@link BulkUserDeleter#resume(JournalContents, Iterable, DeletionJournal)}).
 *
 * <p>With a journal, the intent also carries the {@link #record() user as Okta returned it} (profile, type, status,
 * groups), read before the change, from which {@link UserRestorer} can create a deleted user again. Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * journal.outcome(login).isEmpty() && contents.intent(login).isPresent() // a run died around its change
 * }</pre>
 *
 * @param login the input login (trimmed)
 * @param userId the Okta id of the user the run is about to change
 * @param status the status the run found the user in
 * @param record the user as Okta returned it, or {@code null} when it was not captured (intents written by earlier
 *     versions, or read by {@link DeletionJournal#read(java.nio.file.Path)}, which leaves records out of memory)
 */
public record ChangeIntent(String login, String userId, UserState status, UserRecord record) {

    /**
     * Checks the components.
     *
     * @param login as {@link #login()}
     * @param userId as {@link #userId()}
     * @param status as {@link #status()}
     * @param record as {@link #record()}
     * @throws NullPointerException if a component other than {@code record} is {@code null}
     */
    public ChangeIntent {
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(status, "status");
    }

    /**
     * An intent without a record of the user.
     *
     * @param login the input login (trimmed)
     * @param userId the Okta id of the user the run is about to change
     * @param status the status the run found the user in
     * @throws NullPointerException if a component is {@code null}
     */
    public ChangeIntent(String login, String userId, UserState status) {
        this(login, userId, status, null);
    }

    /**
     * This intent without its record, as a reader that keeps many intents in memory holds it.
     *
     * @return a copy whose {@link #record()} is {@code null}, or this intent if it has none
     */
    public ChangeIntent withoutRecord() {
        return record == null ? this : new ChangeIntent(login, userId, status);
    }
}

package io.github.oktabulkdelete;

/**
 * The record half of {@link BulkUserDeleter.Builder}: what a journaled run reads of each user before it changes it
 * (Javadoc shows the setters as the builder's own).
 */
abstract class RecordOptions extends DeletionOptions {

    private boolean backupGroups;

    /** @param tunedPoolSize the pool size of a tuned client, or {@code null} for a plain one */
    RecordOptions(Integer tunedPoolSize) {
        super(tunedPoolSize);
    }

    /** Copies these settings, the deletion settings and the pace, to another builder. */
    final void copyRecordTo(RecordOptions b) {
        copyPaceTo(b);
        copyDeletionTo(b);
        b.backupGroups = backupGroups;
    }

    final boolean backupGroupsSetting() {
        return backupGroups;
    }

    /**
     * Whether a journaled run ({@link BulkUserDeleter#deleteAll(Iterable, DeletionJournal)}, {@code resume}) lists
     * each user's groups ({@code GET /api/v1/users/{id}/groups}, one call per user, paced and retried like the
     * others) before its first change, into the {@link UserRecord} of its {@link ChangeIntent}, so that a
     * {@link UserRestorer} can put a deleted user back in its groups. Default {@code false}: no call the caller did
     * not ask for (the profile, type and status are kept either way: the lookup returned them). If the listing
     * fails, the user is not changed: its outcome is a {@link DeletionOutcome.Failed} at {@link Step#LOOKUP}. Runs
     * without a journal never list groups.
     *
     * @param backupGroups whether to list each user's groups before changing it
     * @return this builder
     */
    public BulkUserDeleter.Builder backupGroups(boolean backupGroups) {
        this.backupGroups = backupGroups;
        return (BulkUserDeleter.Builder) this;
    }
}

package io.github.oktabulkdelete;

import io.github.oktabulkdelete.internal.LoginScreen;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The what-to-delete and safety half of {@link BulkUserDeleter.Builder} (protected logins, dry run, verification,
 * the deletion limit, the listener): its setters (Javadoc shows them as the builder's own), their validation and
 * defaults. The pace half is {@link PaceOptions}.
 */
abstract class DeletionOptions extends PaceOptions {

    Set<String> protectedLogins = Set.of();
    boolean dryRun;
    boolean verifyDeletions = true;
    long maxDeletions = Long.MAX_VALUE;
    DeletionListener listener = DeletionListener.NONE;

    DeletionOptions(Integer tunedPoolSize) {
        super(tunedPoolSize);
    }

    private BulkUserDeleter.Builder self() {
        return (BulkUserDeleter.Builder) this;
    }

    /** Copies these settings to another builder. */
    final void copyDeletionTo(DeletionOptions b) {
        b.protectedLogins = protectedLogins;
        b.dryRun = dryRun;
        b.verifyDeletions = verifyDeletions;
        b.maxDeletions = maxDeletions;
        b.listener = listener;
    }

    /**
     * Logins (or user ids) never to touch, compared case-insensitively; they are skipped as
     * {@link SkipReason#PROTECTED}. Replaces any earlier set.
     *
     * @param protectedLogins the logins or ids
     * @return this builder
     * @throws NullPointerException if the collection or an element is {@code null}
     * @throws IllegalArgumentException if an element is blank
     */
    public BulkUserDeleter.Builder protectedLogins(Collection<String> protectedLogins) {
        Objects.requireNonNull(protectedLogins, "protectedLogins");
        Set<String> copy = new LinkedHashSet<>();
        for (String login : protectedLogins) {
            Objects.requireNonNull(login, "protectedLogins element");
            if (login.isBlank()) {
                throw new IllegalArgumentException("protectedLogins must not hold a blank login");
            }
            copy.add(LoginScreen.key(login));
        }
        this.protectedLogins = copy;
        return self();
    }

    /**
     * Only look users up, and report each as {@link SkipReason#DRY_RUN} with the status found. Default
     * {@code false}.
     *
     * @param dryRun whether to change nothing
     * @return this builder
     */
    public BulkUserDeleter.Builder dryRun(boolean dryRun) {
        this.dryRun = dryRun;
        return self();
    }

    /**
     * Whether a login is reported {@link DeletionOutcome.Deleted} only after a {@code GET} by id answers Okta's
     * 404. Default {@code true}. Okta's DELETE answers 204 both when it deletes a user and when it only
     * deactivates one (someone reactivated it between this batch's deactivate and its delete, or the status
     * read was stale); the check costs one {@code GET} per user, paced like every other call. With
     * {@code false}, such a user is reported {@code Deleted} although it still exists, deactivated: turn it off
     * only where nobody else can change the users during the batch.
     *
     * @param verifyDeletions whether to check that each deleted user is gone
     * @return this builder
     */
    public BulkUserDeleter.Builder verifyDeletions(boolean verifyDeletions) {
        this.verifyDeletions = verifyDeletions;
        return self();
    }

    /**
     * The most users one batch may deactivate or delete: a login whose first change would exceed it is not
     * touched, and the batch stops there ({@link BatchStop.Cause#DELETION_LIMIT}). Default: no limit.
     *
     * @param maxDeletions at least 0
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public BulkUserDeleter.Builder maxDeletions(long maxDeletions) {
        if (maxDeletions < 0) {
            throw new IllegalArgumentException("maxDeletions must not be negative, was " + maxDeletions);
        }
        this.maxDeletions = maxDeletions;
        return self();
    }

    /**
     * The listener of this deleter's batches. Default: none.
     *
     * @param listener the listener
     * @return this builder
     * @throws NullPointerException if {@code listener} is {@code null}
     */
    public BulkUserDeleter.Builder listener(DeletionListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return self();
    }
}

package io.github.oktabulkdelete;

/**
 * The kind of a {@link DeletionOutcome}, for counting and reporting.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * if (outcome.kind() == OutcomeKind.FAILED) { alert(outcome.login()); }
 * }</pre>
 */
public enum OutcomeKind {
    /** See {@link DeletionOutcome.Deleted}. */
    DELETED,
    /** See {@link DeletionOutcome.NotFound}. */
    NOT_FOUND,
    /** See {@link DeletionOutcome.Skipped}. */
    SKIPPED,
    /** See {@link DeletionOutcome.Failed}. */
    FAILED,
    /** See {@link DeletionOutcome.NotAttempted}. */
    NOT_ATTEMPTED
}

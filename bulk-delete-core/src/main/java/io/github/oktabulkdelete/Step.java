package io.github.oktabulkdelete;

/**
 * The HTTP step of a login's deletion that an outcome, a retry or a failure refers to.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * if (outcome instanceof DeletionOutcome.Failed failed && failed.step() == Step.DEACTIVATE) { ... }
 * }</pre>
 */
public enum Step {
    /** {@code GET /api/v1/users/{login}} (or the {@code filter=profile.login eq} search), and {@code /users/me}. */
    LOOKUP,
    /** {@code POST /api/v1/users/{id}/lifecycle/deactivate}, by id. */
    DEACTIVATE,
    /** {@code DELETE /api/v1/users/{id}}, by id, on a {@code DEPROVISIONED} user. */
    DELETE
}

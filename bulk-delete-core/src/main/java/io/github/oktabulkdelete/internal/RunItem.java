package io.github.oktabulkdelete.internal;

import io.github.oktabulkdelete.DeletionOutcome;

/**
 * One input of a batch: a login as read ({@code null} for a {@code null} element), with how to look it up by id, or
 * with its outcome already settled (a plan's skip), which the batch reports without a call.
 *
 * @param raw the login as read
 * @param hint look it up by this id, or {@code null} (by login, or by the run's resume hints)
 * @param settled the outcome to report as is, or {@code null}
 */
public record RunItem(String raw, ResumeHint hint, DeletionOutcome settled) {

    /** A login to look up by login (or by the run's resume hints). */
    public static RunItem of(String raw) {
        return new RunItem(raw, null, null);
    }
}

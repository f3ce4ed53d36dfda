package io.github.oktabulkdelete.internal;

import io.github.oktabulkdelete.DeletionListener;
import io.github.oktabulkdelete.Sleeper;
import io.github.resilience4j.retry.Retry;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a {@code BulkUserDeleter} was built with, validated and copied.
 *
 * @param protectedLogins lower-cased logins and ids that are never touched
 * @param listener the user's listener; kept wrapped in one {@link SafeListener} that all batches share
 * @param maxConcurrency how many logins are worked on at once, already capped by the connection pool
 * @param verifyDeletions whether a GET by id must answer 404 before a login is reported deleted
 * @param tokenOwner the token's owner once looked up, shared by the deleters derived from one builder
 * @param backupGroups whether a journaled run lists each user's groups into its intent's record
 * @param observer what every run of the deleter reports its requests, waits and reads to (its meters), or
 *     {@link RunObserver#NONE}
 */
public record DeleterSettings(OktaGateway gateway, Pacer pacer, Retry retry, Sleeper sleeper, Clock clock,
        int maxConcurrency, boolean dryRun, long maxDeletions, Set<String> protectedLogins, DeletionListener listener,
        boolean verifyDeletions, TokenOwnerCache tokenOwner, boolean backupGroups, RunObserver observer) {

    public DeleterSettings {
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(pacer, "pacer");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(clock, "clock");
        protectedLogins = Set.copyOf(protectedLogins);
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(tokenOwner, "tokenOwner");
        Objects.requireNonNull(observer, "observer");
        // one guard, and so one lock, per deleter: its batches, even at once, never call the listener concurrently
        listener = listener instanceof SafeListener ? listener : new SafeListener(listener);
    }
}

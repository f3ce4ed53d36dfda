package io.github.oktabulkdelete.internal;

import io.github.oktabulkdelete.Cancellation;
import io.github.oktabulkdelete.GroupRecord;
import io.github.oktabulkdelete.OktaRequestException;
import io.github.oktabulkdelete.RestoreOutcome;
import io.github.oktabulkdelete.UserRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Creates one deleted user again from its record: checks which of its {@code OKTA_GROUP}s still exist (one
 * {@code GET /api/v1/groups/{groupId}} per distinct group per run, remembered), then
 * {@code POST /api/v1/users?activate=false} with its profile, type and those groups. A dry run looks the login up
 * instead of creating. Every call goes through the deleter's pacer and retry. Thread-safe: one per restore, shared
 * by its workers.
 */
public final class RestoreRun {

    private final RunState run;
    private final Calls calls;
    private final boolean dryRun;
    /** Whether each group id seen exists: a group shared by many users is checked once. */
    private final ConcurrentHashMap<String, CompletableFuture<Boolean>> groupExists = new ConcurrentHashMap<>();

    public RestoreRun(DeleterSettings settings, Cancellation cancellation, boolean dryRun) {
        this.run = new RunState(settings, cancellation, new InFlightLogins(), RunJournal.NONE);
        this.calls = new Calls(run);
        this.dryRun = dryRun;
    }

    /** Whether the restore was cancelled or reached its deadline: the users not begun are left alone. */
    public boolean isStopping() {
        return run.checkCancelled() || run.isStopping();
    }

    /** The outcome of restoring one user from its record. */
    public RestoreOutcome restore(String login, String oldUserId, UserRecord record) {
        Calls.Attempts attempts = new Calls.Attempts();
        RestoreOutcome.Step step = RestoreOutcome.Step.GROUPS;
        try {
            List<GroupRecord> present = new ArrayList<>();
            List<GroupRecord> missing = new ArrayList<>();
            List<GroupRecord> notSent = new ArrayList<>();
            for (GroupRecord group : record.groups() == null ? List.<GroupRecord>of() : record.groups()) {
                if (!group.isOktaGroup()) {
                    notSent.add(group);
                } else if (exists(login, group, attempts)) {
                    present.add(group);
                } else {
                    missing.add(group);
                }
            }
            if (dryRun) {
                step = RestoreOutcome.Step.LOOKUP;
                String existing = existingUser(login, attempts);
                return existing != null ? new RestoreOutcome.AlreadyExists(login, oldUserId, existing)
                        : new RestoreOutcome.WouldRestore(login, oldUserId, present, missing, notSent,
                                record.groups() != null);
            }
            step = RestoreOutcome.Step.CREATE;
            int before = attempts.count();
            List<String> ids = present.stream().map(GroupRecord::id).toList();
            String newId = calls.call(login, attempts, CallRoute.CREATE, () -> run.gateway().createUser(record, ids));
            if (newId != null) {
                return new RestoreOutcome.Restored(login, oldUserId, newId, present, missing, notSent,
                        attempts.count());
            }
            if (attempts.ambiguousFailureAfter(before)) {
                return new RestoreOutcome.Failed(login, oldUserId, step, 400, "E0000001", "an earlier attempt of the "
                        + "create got no answer, and Okta now says a user has this login: that attempt probably "
                        + "created it. Look the login up before doing anything else", true, attempts.count());
            }
            return new RestoreOutcome.AlreadyExists(login, oldUserId, null);
        } catch (OktaRequestException e) {
            boolean inDoubt = step == RestoreOutcome.Step.CREATE && (e.httpStatus() == 0 || e.httpStatus() >= 500);
            return new RestoreOutcome.Failed(login, oldUserId, step, e.httpStatus(), e.errorCode(), e.getMessage()
                    + (inDoubt ? " (the answer was lost: the user may have been created; look the login up)" : ""),
                    inDoubt, attempts.count());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return stopped(login, oldUserId, step, "interrupted", attempts);
        } catch (RunCancelledException e) {
            return stopped(login, oldUserId, step, e.getMessage(), attempts);
        }
    }

    private static RestoreOutcome stopped(String login, String oldUserId, RestoreOutcome.Step step, String why,
            Calls.Attempts attempts) {
        boolean inDoubt = step == RestoreOutcome.Step.CREATE && attempts.ambiguousFailureAfter(0);
        return new RestoreOutcome.Failed(login, oldUserId, step, 0, null, why + (step == RestoreOutcome.Step.CREATE
                ? (inDoubt ? " while retrying the create: the user may have been created" : " before the create")
                : "; nothing was created"), inDoubt, attempts.count());
    }

    private boolean exists(String login, GroupRecord group, Calls.Attempts attempts) throws InterruptedException {
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        CompletableFuture<Boolean> known = groupExists.putIfAbsent(group.id(), mine);
        if (known != null) { // checked, or being checked by another worker: wait for its answer
            try {
                return known.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof OktaRequestException o ? o
                        : new IllegalStateException("checking group " + group.id() + " failed", e.getCause());
            }
        }
        try {
            boolean exists;
            try {
                calls.call(login, attempts, CallRoute.GROUPS, () -> run.gateway().getGroup(group.id()));
                exists = true;
            } catch (OktaRequestException e) {
                if (!e.isOktaNotFound()) {
                    throw e;
                }
                exists = false;
            }
            mine.complete(exists);
            return exists;
        } catch (InterruptedException | RuntimeException | Error e) {
            groupExists.remove(group.id(), mine); // not known: a later user checks again
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /** The id of the user that has the login now, or {@code null}. */
    private String existingUser(String login, Calls.Attempts attempts) throws InterruptedException {
        try {
            FoundUser user = login.indexOf('/') >= 0
                    ? calls.call(login, attempts, CallRoute.SEARCH, () -> run.gateway().findByLogin(login)).stream()
                            .filter(u -> LoginScreen.sameLogin(login, u.login())).findFirst().orElse(null)
                    : calls.call(login, attempts, CallRoute.LOOKUP, () -> run.gateway().getUser(login));
            return user == null || !LoginScreen.sameLogin(login, user.login()) ? null : user.id();
        } catch (OktaRequestException e) {
            if (e.isOktaNotFound()) {
                return null;
            }
            throw e;
        }
    }
}

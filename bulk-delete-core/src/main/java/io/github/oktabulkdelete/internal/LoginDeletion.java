package io.github.oktabulkdelete.internal;

import io.github.oktabulkdelete.BatchStop;
import io.github.oktabulkdelete.DeletionOutcome;
import io.github.oktabulkdelete.OktaRequestException;
import io.github.oktabulkdelete.SkipReason;
import io.github.oktabulkdelete.Step;
import io.github.oktabulkdelete.UserState;
import java.util.List;

/**
 * What one login goes through once it has passed the screen: look it up, check it is exactly the user named and
 * not the token's owner, then (unless a dry run) deactivate it by id if needed and delete it by id.
 */
final class LoginDeletion {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LoginDeletion.class);

    /** Okta's "you do not have permission" error codes. */
    private static final List<String> PERMISSION_CODES = List.of("E0000006", "E0000038", "E0000107");

    /** How many distinct logins refused with 403 at a step, and none succeeded, prove the token lacks permission. */
    static final int DISTINCT_DENIALS = 3;

    private final RunState run;
    private final Calls calls;

    LoginDeletion(RunState run) {
        this.run = run;
        this.calls = new Calls(run);
    }

    /** Works on one login, with its login and step in the MDC of this thread ({@link LoginContext}). */
    DeletionOutcome process(String login) {
        try (LoginContext context = LoginContext.enter(login)) {
            return work(login);
        }
    }

    private DeletionOutcome work(String login) {
        Calls.Attempts attempts = new Calls.Attempts();
        Step step = Step.LOOKUP;
        String userId = null;
        try {
            FoundUser user = lookUp(login, attempts);
            if (user == null) {
                return new DeletionOutcome.NotFound(login, attempts.count());
            }
            userId = user.id();
            DeletionOutcome skipped = skipFor(login, user);
            if (skipped != null) {
                return skipped;
            }
            if (!run.reserveChange()) {
                run.stop(BatchStop.Cause.DELETION_LIMIT, "the batch reached its limit of "
                        + run.settings().maxDeletions() + " deletions; the logins after it were not attempted");
                return new DeletionOutcome.NotAttempted(login, run.stopCause().message());
            }
            boolean deactivatedByThisRun = false;
            if (user.status() != UserState.DEPROVISIONED) {
                step = Step.DEACTIVATE;
                if (run.changesHalted()) {
                    return new DeletionOutcome.NotAttempted(login, run.stopCause().message());
                }
                DeactivationResult deactivation = deactivate(login, user, attempts);
                if (deactivation.outcome() != null) {
                    return deactivation.outcome();
                }
                deactivatedByThisRun = deactivation.byThisRun();
            }
            step = Step.DELETE;
            if (run.changesHalted()) {
                return deactivatedByThisRun
                        ? new DeletionOutcome.Failed(login, Step.DELETE, 0, null, "deactivated, then stopped before "
                                + "the delete: " + run.stopCause().message(), attempts.count(), user.id())
                        : new DeletionOutcome.NotAttempted(login, run.stopCause().message());
            }
            boolean goneAlready = delete(login, user.id(), attempts);
            if (!goneAlready && run.settings().verifyDeletions()) {
                DeletionOutcome stillThere = verifyGone(login, user, attempts);
                if (stillThere != null) {
                    return stillThere;
                }
            }
            return new DeletionOutcome.Deleted(login, user.id(), user.status(), deactivatedByThisRun,
                    attempts.count());
        } catch (OktaRequestException e) {
            stopIfBatchCannotGoOn(login, e);
            return failed(login, step, e, attempts, userId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DeletionOutcome.Failed(login, step, 0, null, "interrupted before the step completed",
                    attempts.count(), userId);
        } catch (RunCancelledException e) {
            if (step == Step.LOOKUP) {
                return new DeletionOutcome.NotAttempted(login, e.getMessage());
            }
            return new DeletionOutcome.Failed(login, step, 0, null, "stopped while waiting to " + step
                    + " (nothing after that was done): " + e.getMessage(), attempts.count(), userId);
        } catch (RuntimeException | Error unexpected) {
            // a bug, an SDK surprise (a user without an id) or a linkage error: this login still gets its one outcome
            LOG.warn("unexpected failure at {} of a login: {}", step, unexpected.toString());
            return new DeletionOutcome.Failed(login, step, 0, null, "unexpected failure: "
                    + OktaErrors.redact(unexpected.toString(), java.util.List.of()), attempts.count(), userId);
        }
    }

    /** The user the login names, or {@code null} when there is none. */
    private FoundUser lookUp(String login, Calls.Attempts attempts) throws InterruptedException {
        try {
            if (login.indexOf('/') >= 0) {
                // a login with '/' cannot be fetched by path: search for it
                List<FoundUser> found = calls.call(login, attempts, CallRoute.SEARCH,
                        () -> run.gateway().findByLogin(login));
                run.succeeded(Step.LOOKUP);
                List<FoundUser> exact = found.stream().filter(u -> LoginScreen.sameLogin(login, u.login())).toList();
                if (exact.size() > 1) {
                    throw new OktaRequestException(Step.LOOKUP, 200, null,
                            exact.size() + " users have this login; none was touched", null, null);
                }
                return exact.isEmpty() ? null : exact.get(0);
            }
            FoundUser user = calls.call(login, attempts, CallRoute.LOOKUP, () -> run.gateway().getUser(login));
            run.succeeded(Step.LOOKUP);
            return user;
        } catch (OktaRequestException e) {
            if (e.isOktaNotFound()) {
                run.succeeded(Step.LOOKUP);
                return null;
            }
            throw notOktaIf404(e);
        }
    }

    /**
     * A 404 without Okta's error body says nothing about the user: the org URL answered, but not as Okta. The
     * failure names the URL; when it comes before any lookup succeeded, the batch stops.
     */
    private OktaRequestException notOktaIf404(OktaRequestException e) {
        if (!e.isNotFoundNotFromOkta()) {
            return e;
        }
        String message = run.gateway().orgUrl() + " answered 404 without Okta's error body: it did not answer like "
                + "Okta (a proxy's page, or an org URL with a wrong path?). Check the org URL; nothing was changed "
                + "for this login";
        if (!run.hasSucceeded(Step.LOOKUP)) {
            run.stop(BatchStop.Cause.NOT_OKTA, message);
        }
        return new OktaRequestException(e.step(), 404, e.errorCode(), message, e.rateLimit(), null);
    }

    private DeletionOutcome skipFor(String login, FoundUser user) {
        if (!LoginScreen.sameLogin(login, user.login())) {
            return new DeletionOutcome.Skipped(login, SkipReason.LOGIN_MISMATCH, user.id(), user.status(),
                    "Okta resolved this input to the user with login '" + user.login()
                            + "' (a shortname or id match); only a user named exactly is deleted");
        }
        if (user.id().equals(run.tokenOwnerId())) {
            return new DeletionOutcome.Skipped(login, SkipReason.TOKEN_OWNER, user.id(), user.status(),
                    "this user owns the API token of this run; deleting it would revoke the token");
        }
        if (run.settings().protectedLogins().contains(LoginScreen.key(user.id()))
                || run.settings().protectedLogins().contains(LoginScreen.key(user.login()))) {
            return new DeletionOutcome.Skipped(login, SkipReason.PROTECTED, user.id(), user.status(),
                    "the user is on the protected list");
        }
        if (run.settings().dryRun()) {
            return new DeletionOutcome.Skipped(login, SkipReason.DRY_RUN, user.id(), user.status(),
                    user.status() == UserState.DEPROVISIONED
                            ? "dry run: would delete this deactivated user"
                            : "dry run: would deactivate, then delete this " + user.status() + " user");
        }
        return null;
    }

    private record DeactivationResult(boolean byThisRun, DeletionOutcome outcome) {
    }

    private DeactivationResult deactivate(String login, FoundUser user, Calls.Attempts attempts)
            throws InterruptedException {
        LoginContext.step(LoginContext.DEACTIVATE);
        int before = attempts.count();
        try {
            calls.call(login, attempts, CallRoute.DEACTIVATE, () -> {
                run.gateway().deactivate(user.id());
                return null;
            });
            run.succeeded(Step.DEACTIVATE);
            return new DeactivationResult(true, null);
        } catch (OktaRequestException e) {
            if (!e.isOktaNotFound()) {
                throw notOktaIf404(e);
            }
            // ambiguous: Okta answers 404 to a deactivate of a user already DEPROVISIONED. Look again, by id.
            boolean earlierAttemptMayHaveWorked = attempts.count() - before > 1;
            FoundUser now;
            try {
                now = calls.call(login, attempts, CallRoute.LOOKUP, () -> run.gateway().getUser(user.id()));
            } catch (OktaRequestException again) {
                if (again.isOktaNotFound()) {
                    return new DeactivationResult(false, new DeletionOutcome.NotFound(login, attempts.count()));
                }
                throw notOktaIf404(again);
            }
            if (now.status() == UserState.DEPROVISIONED) {
                return new DeactivationResult(earlierAttemptMayHaveWorked, null);
            }
            return new DeactivationResult(false, new DeletionOutcome.Failed(login, Step.DEACTIVATE, 404,
                    e.errorCode(), "deactivate answered 404 but the user is still " + now.status(),
                    attempts.count(), user.id()));
        }
    }

    /** Deletes the user; {@code true} when Okta already said it is gone (so no verification is needed). */
    private boolean delete(String login, String userId, Calls.Attempts attempts) throws InterruptedException {
        LoginContext.step(LoginContext.DELETE);
        int before = attempts.count();
        try {
            calls.call(login, attempts, CallRoute.DELETE, () -> {
                run.gateway().delete(userId);
                return null;
            });
            run.succeeded(Step.DELETE);
            return false;
        } catch (OktaRequestException e) {
            if (e.isOktaNotFound()) {
                return true; // gone already: an earlier attempt whose answer was lost, or someone else, deleted it
            }
            if (!attempts.ambiguousFailureAfter(before)) {
                throw e;
            }
            // a DELETE whose answer was lost (5xx, transport failure) may have deleted the user before retries ran
            // out: never report Failed for a user that is gone. Look once more, by id.
            try {
                calls.call(login, attempts, CallRoute.LOOKUP, () -> run.gateway().getUser(userId));
            } catch (OktaRequestException again) {
                if (again.isOktaNotFound()) {
                    return true;
                }
            }
            throw notOktaIf404(e);
        }
    }

    /**
     * Okta's DELETE answers 204 both when it deletes and when it only deactivates (a user reactivated in between):
     * only a 404 to a GET by id proves the user is gone. The outcome when it is not, or {@code null} when it is.
     */
    private DeletionOutcome verifyGone(String login, FoundUser user, Calls.Attempts attempts)
            throws InterruptedException {
        LoginContext.step(LoginContext.VERIFY);
        FoundUser now;
        try {
            now = calls.call(login, attempts, CallRoute.LOOKUP, () -> run.gateway().getUser(user.id()));
        } catch (OktaRequestException e) {
            if (e.isOktaNotFound()) {
                return null;
            }
            stopIfBatchCannotGoOn(login, e);
            return new DeletionOutcome.Failed(login, Step.DELETE, e.httpStatus(), e.errorCode(), "Okta answered 204 "
                    + "to the DELETE, but checking that the user is gone failed (" + e.getMessage() + "): the user "
                    + "may have been deleted; run again (or resume) to find out", attempts.count(), user.id());
        }
        return new DeletionOutcome.Failed(login, Step.DELETE, 204, null, "Okta answered 204 to the DELETE, but the "
                + "user still exists, now " + now.status() + ": it was probably reactivated by someone else during "
                + "the run, so the DELETE only deactivated it; run again to delete it", attempts.count(), user.id());
    }

    /**
     * A 401 ends the batch. A 403 ends it only on evidence about the token, not about one user (a super admin or a
     * billing contact answers 403 too): an {@code insufficient_scope}, or the first calls of
     * {@value #DISTINCT_DENIALS} distinct logins at a step all refused with no success at that step.
     */
    private void stopIfBatchCannotGoOn(String login, OktaRequestException e) {
        if (e.httpStatus() == 401) {
            run.stop(BatchStop.Cause.AUTHENTICATION_FAILED, "Okta answered 401 (" + e.errorCode() + ": "
                    + e.getMessage() + "): the API token is invalid, expired or revoked. Check the token and "
                    + "run again; the logins not attempted can be retried safely.");
        } else if (e.httpStatus() == 403 && tokenLacksPermission(login, e)) {
            run.stop(BatchStop.Cause.PERMISSION_DENIED, "Okta answered 403 (" + e.errorCode() + ": "
                    + e.getMessage() + ") to the first " + e.step() + " calls: the token lacks a permission this "
                    + "run needs (okta.users.manage to delete, okta.users.read for a dry run, or an admin role "
                    + "that may manage these users).");
        }
    }

    private boolean tokenLacksPermission(String login, OktaRequestException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        if (message.contains("insufficient_scope") || message.contains("insufficient scope")) {
            return true;
        }
        Step at = e.step() == null ? Step.LOOKUP : e.step();
        return PERMISSION_CODES.contains(e.errorCode()) && !run.hasSucceeded(at)
                && run.permissionDenied(at, login) >= DISTINCT_DENIALS && !run.hasSucceeded(at);
    }

    private static DeletionOutcome.Failed failed(String login, Step step, OktaRequestException e,
            Calls.Attempts attempts, String userId) {
        return new DeletionOutcome.Failed(login, e.step() == null ? step : e.step(), e.httpStatus(), e.errorCode(),
                e.getMessage(), attempts.count(), userId);
    }
}

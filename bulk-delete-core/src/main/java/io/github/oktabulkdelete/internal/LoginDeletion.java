package io.github.oktabulkdelete.internal;

import io.github.oktabulkdelete.BatchStop;
import io.github.oktabulkdelete.ChangeIntent;
import io.github.oktabulkdelete.DeletionOutcome;
import io.github.oktabulkdelete.OktaRequestException;
import io.github.oktabulkdelete.SkipReason;
import io.github.oktabulkdelete.Step;
import io.github.oktabulkdelete.UserRecord;
import io.github.oktabulkdelete.UserState;
import java.util.List;

/**
 * What one login goes through once it has passed the screen: look it up, check it is exactly the user named and
 * not the token's owner, then (unless a dry run) deactivate it by id if needed and delete it by id.
 */
final class LoginDeletion {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LoginDeletion.class);

    private final RunState run;
    private final Calls calls;
    private final TokenEvidence evidence;
    private final RecordCapture records;

    LoginDeletion(RunState run) {
        this.run = run;
        this.calls = new Calls(run);
        this.evidence = new TokenEvidence(run);
        this.records = new RecordCapture(run, calls);
    }

    private void stopIfBatchCannotGoOn(String login, OktaRequestException e) {
        evidence.stopIfBatchCannotGoOn(login, e);
    }

    /** Where a login is in its changes: what a stop in the middle must settle before it reports. */
    private static final class Progress {
        Step step = Step.LOOKUP;
        FoundUser user;
        boolean deactivatedByThisRun;
        /** The attempt count when the current change was first sent, or -1 while no change is under way. */
        int changeSentAt = -1;
        /** Okta answered 204 to the DELETE; only the verification is left. */
        boolean deleteAnswered;
    }

    /**
     * Works on one login, with its login and step in the MDC of this thread ({@link LoginContext}).
     *
     * @param given the id to look the login up by (a planned user), or {@code null}: the run's resume hint
     */
    DeletionOutcome process(String login, ResumeHint given) {
        try (LoginContext context = LoginContext.enter(login)) {
            return work(login, given);
        }
    }

    private DeletionOutcome work(String login, ResumeHint given) {
        Calls.Attempts attempts = new Calls.Attempts();
        Progress p = new Progress();
        try {
            ResumeHint hint = given != null ? given : run.resumeHint(login);
            FoundUser user = hint == null ? lookUp(login, attempts) : lookUpById(login, hint.userId(), attempts);
            if (user == null) {
                return hint == null || hint.fromPlan() ? new DeletionOutcome.NotFound(login, attempts.count())
                        : new DeletionOutcome.Deleted(login, hint.userId(), hint.status(),
                                hint.status() != UserState.DEPROVISIONED && hint.status() != UserState.UNKNOWN,
                                attempts.count(), true);
            }
            p.user = user;
            DeletionOutcome skipped = UserChecks.skipFor(run, login, hint, user);
            if (skipped != null) {
                return skipped;
            }
            UserRecord record = records.capture(login, user, attempts);
            if (!run.reserveChange()) {
                run.stop(BatchStop.Cause.DELETION_LIMIT, "the batch reached its limit of "
                        + run.settings().maxDeletions() + " deletions; the logins after it were not attempted");
                return new DeletionOutcome.NotAttempted(login, run.stopCause().message());
            }
            if (run.changesHalted() || !run.recordIntent(new ChangeIntent(login, user.id(), user.status(), record))) {
                return new DeletionOutcome.NotAttempted(login, run.stopCause().message());
            }
            if (user.status() != UserState.DEPROVISIONED) {
                p.step = Step.DEACTIVATE;
                if (run.changesHalted()) {
                    return new DeletionOutcome.NotAttempted(login, run.stopCause().message());
                }
                p.changeSentAt = attempts.count();
                DeactivationResult deactivation = deactivate(login, user, attempts);
                p.changeSentAt = -1;
                if (deactivation.outcome() != null) {
                    return deactivation.outcome();
                }
                p.deactivatedByThisRun = deactivation.byThisRun();
            }
            p.step = Step.DELETE;
            if (run.changesHalted()) {
                return stoppedBeforeTheDelete(login, p, attempts, run.stopCause().message());
            }
            p.changeSentAt = attempts.count();
            DeletionOutcome deleted = delete(login, p, attempts);
            if (deleted != null) {
                return deleted;
            }
            p.deleteAnswered = true;
            if (run.settings().verifyDeletions()) {
                DeletionOutcome stillThere = verifyGone(login, user, attempts);
                if (stillThere != null) {
                    return stillThere;
                }
            }
            return deleted(login, p, attempts);
        } catch (OktaRequestException e) {
            stopIfBatchCannotGoOn(login, e);
            return failed(login, p.step, e, attempts, p.user == null ? null : p.user.id());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.stop(BatchStop.Cause.INTERRUPTED, "a worker thread was interrupted");
            return stoppedInTheMiddle(login, p, attempts, "interrupted");
        } catch (RunCancelledException e) {
            return stoppedInTheMiddle(login, p, attempts, e.getMessage());
        } catch (RuntimeException | Error unexpected) {
            // a bug, an SDK surprise (a user without an id) or a linkage error: this login still gets its one outcome
            LOG.warn("unexpected failure at {} of a login: {}", p.step, unexpected.toString());
            boolean changeUnderWay = p.changeSentAt >= 0 || p.deleteAnswered;
            return new DeletionOutcome.Failed(login, p.step, 0, null, "unexpected failure: "
                    + OktaErrors.redact(unexpected.toString(), java.util.List.of())
                    + (changeUnderWay ? " (the " + p.step + " may have been made; resume, or run again, to find out)"
                            : ""), attempts.count(), p.user == null ? null : p.user.id(), changeUnderWay);
        }
    }

    private static DeletionOutcome deleted(String login, Progress p, Calls.Attempts attempts) {
        return new DeletionOutcome.Deleted(login, p.user.id(), p.user.status(), p.deactivatedByThisRun,
                attempts.count());
    }

    private static DeletionOutcome stoppedBeforeTheDelete(String login, Progress p, Calls.Attempts attempts,
            String why) {
        return p.deactivatedByThisRun
                ? new DeletionOutcome.Failed(login, Step.DELETE, 0, null, "deactivated, then stopped before the "
                        + "delete: " + why, attempts.count(), p.user.id())
                : new DeletionOutcome.NotAttempted(login, why);
    }

    /**
     * The batch was cancelled (or reached its deadline, or the thread was interrupted) while this login waited: for
     * a pacing permit, or to retry a call. A change whose last answer left open whether Okta made it is settled with
     * one GET by id first; only if that fails does the outcome say the change may have been made.
     */
    private DeletionOutcome stoppedInTheMiddle(String login, Progress p, Calls.Attempts attempts, String why) {
        if (p.user == null) {
            return run.isStopping() ? new DeletionOutcome.NotAttempted(login, why)
                    : new DeletionOutcome.Failed(login, p.step, 0, null, why + " during the lookup; nothing was "
                            + "changed", attempts.count(), null);
        }
        boolean inDoubt = p.deleteAnswered || p.changeSentAt >= 0 && attempts.ambiguousFailureAfter(p.changeSentAt);
        if (!inDoubt) {
            if (p.step == Step.DELETE) {
                return stoppedBeforeTheDelete(login, p, attempts, why);
            }
            return run.isStopping() ? new DeletionOutcome.NotAttempted(login, why)
                    : new DeletionOutcome.Failed(login, p.step, 0, null, why + " before the " + p.step
                            + "; nothing was changed", attempts.count(), p.user.id());
        }
        FoundUser now;
        try {
            now = calls.settle(login, attempts, () -> run.gateway().getUser(p.user.id()));
        } catch (OktaRequestException e) {
            if (e.isOktaNotFound()) {
                return p.step == Step.DELETE ? deleted(login, p, attempts)
                        : new DeletionOutcome.NotFound(login, attempts.count());
            }
            return new DeletionOutcome.Failed(login, p.step, e.httpStatus(), e.errorCode(), "stopped (" + why
                    + ") while the " + p.step + " was in doubt" + (p.deleteAnswered ? " (Okta answered 204, "
                    + "not yet verified)" : " (its last answer was lost)") + ", and checking by id failed too ("
                    + e.getMessage() + "): the " + p.step + " may have been made; resume, or run again, to find out",
                    attempts.count(), p.user.id(), true);
        }
        if (p.deleteAnswered) {
            return stillExists(login, now, attempts);
        }
        if (p.step == Step.DEACTIVATE) {
            p.deactivatedByThisRun = now.status() == UserState.DEPROVISIONED;
        }
        return stoppedBeforeTheDelete(login, p, attempts, why);
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
     * The user a resumed run finds by the id an interrupted run recorded, or {@code null} when Okta says it is gone.
     * The login must still be the user's: a mismatch is screened out as for a lookup by login.
     */
    private FoundUser lookUpById(String login, String userId, Calls.Attempts attempts) throws InterruptedException {
        try {
            FoundUser user = calls.call(login, attempts, CallRoute.LOOKUP, () -> run.gateway().getUser(userId));
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
            boolean inDoubt = attempts.ambiguousFailureAfter(before);
            if (!e.isOktaNotFound() && !inDoubt) {
                throw notOktaIf404(e);
            }
            // Okta answers 404 to a deactivate of a user already DEPROVISIONED, and a 5xx or a lost answer leaves
            // open whether it deactivated: look again, by id
            boolean earlierAttemptMayHaveWorked = inDoubt || attempts.count() - before > 1;
            FoundUser now;
            try {
                now = calls.call(login, attempts, CallRoute.LOOKUP, () -> run.gateway().getUser(user.id()));
            } catch (OktaRequestException again) {
                if (again.isOktaNotFound()) {
                    return new DeactivationResult(false, new DeletionOutcome.NotFound(login, attempts.count()));
                }
                if (!earlierAttemptMayHaveWorked) {
                    throw notOktaIf404(again);
                }
                stopIfBatchCannotGoOn(login, again);
                return new DeactivationResult(false, new DeletionOutcome.Failed(login, Step.DEACTIVATE,
                        e.httpStatus(), e.errorCode(), "the deactivate got no definitive answer (" + e.getMessage()
                        + "), and checking by id failed too (" + again.getMessage() + "): the user may have been "
                        + "deactivated, not deleted; resume, or run again, to finish", attempts.count(), user.id(),
                        true));
            }
            if (now.status() == UserState.DEPROVISIONED) {
                return new DeactivationResult(earlierAttemptMayHaveWorked, null);
            }
            if (!e.isOktaNotFound()) {
                throw notOktaIf404(e); // settled: the deactivate was not made
            }
            return new DeactivationResult(false, new DeletionOutcome.Failed(login, Step.DEACTIVATE, 404,
                    e.errorCode(), "deactivate answered 404 but the user is still " + now.status(),
                    attempts.count(), user.id()));
        }
    }

    /**
     * Deletes the user: {@code null} when Okta answered 204 (to be verified), a {@code Deleted} when Okta already
     * said it is gone, or a {@code Failed} when even a GET by id cannot tell whether a DELETE whose answer was lost
     * deleted it.
     */
    private DeletionOutcome delete(String login, Progress p, Calls.Attempts attempts) throws InterruptedException {
        LoginContext.step(LoginContext.DELETE);
        int before = attempts.count();
        String userId = p.user.id();
        try {
            calls.call(login, attempts, CallRoute.DELETE, () -> {
                run.gateway().delete(userId);
                return null;
            });
            run.succeeded(Step.DELETE);
            return null;
        } catch (OktaRequestException e) {
            if (e.isOktaNotFound()) {
                // gone already: an earlier attempt whose answer was lost, or someone else, deleted it
                return deleted(login, p, attempts);
            }
            if (!attempts.ambiguousFailureAfter(before)) {
                throw notOktaIf404(e);
            }
            // a DELETE whose answer was lost (5xx, transport failure) may have deleted the user before retries ran
            // out: never report Failed for a user that is gone. Look once more, by id.
            try {
                calls.call(login, attempts, CallRoute.LOOKUP, () -> run.gateway().getUser(userId));
            } catch (OktaRequestException again) {
                if (again.isOktaNotFound()) {
                    return deleted(login, p, attempts);
                }
                stopIfBatchCannotGoOn(login, again);
                return new DeletionOutcome.Failed(login, Step.DELETE, e.httpStatus(), e.errorCode(), "the DELETE got "
                        + "no definitive answer (" + e.getMessage() + "), and checking by id failed too ("
                        + again.getMessage() + "): the user may have been deleted; resume, or run again, to find "
                        + "out", attempts.count(), userId, true);
            }
            throw notOktaIf404(e); // settled: the user is still there
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
                    + "may have been deleted; resume, or run again, to find out", attempts.count(), user.id(), true);
        }
        return stillExists(login, now, attempts);
    }

    private static DeletionOutcome stillExists(String login, FoundUser now, Calls.Attempts attempts) {
        return new DeletionOutcome.Failed(login, Step.DELETE, 204, null, "Okta answered 204 to the DELETE, but the "
                + "user still exists, now " + now.status() + ": it was probably reactivated by someone else during "
                + "the run, so the DELETE only deactivated it; run again to delete it", attempts.count(), now.id());
    }

    private static DeletionOutcome.Failed failed(String login, Step step, OktaRequestException e,
            Calls.Attempts attempts, String userId) {
        return new DeletionOutcome.Failed(login, e.step() == null ? step : e.step(), e.httpStatus(), e.errorCode(),
                e.getMessage(), attempts.count(), userId);
    }
}

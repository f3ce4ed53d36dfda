package io.github.oktabulkdelete.internal;

import io.github.oktabulkdelete.BatchStop;
import io.github.oktabulkdelete.OktaRequestException;
import io.github.oktabulkdelete.Step;
import java.util.List;

/**
 * Decides whether a failure of one login is evidence about the token, so that the whole batch must stop: a 401, or
 * a 403 that cannot be about one user alone.
 */
final class TokenEvidence {

    /** Okta's "you do not have permission" error codes. */
    private static final List<String> PERMISSION_CODES = List.of("E0000006", "E0000038", "E0000107");

    /** How many distinct logins refused with 403 at a step, and none succeeded, prove the token lacks permission. */
    static final int DISTINCT_DENIALS = 3;

    private final RunState run;

    TokenEvidence(RunState run) {
        this.run = run;
    }

    /**
     * A 401 ends the batch. A 403 ends it only on evidence about the token, not about one user (a super admin or a
     * billing contact answers 403 too): an {@code insufficient_scope}, or the first calls of
     * {@value #DISTINCT_DENIALS} distinct logins at a step all refused with no success at that step.
     */
    void stopIfBatchCannotGoOn(String login, OktaRequestException e) {
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
}

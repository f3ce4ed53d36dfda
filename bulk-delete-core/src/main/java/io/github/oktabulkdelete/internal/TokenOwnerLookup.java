package io.github.oktabulkdelete.internal;

import io.github.oktabulkdelete.BatchStop;
import io.github.oktabulkdelete.OktaRequestException;

/** The first call of a run: {@code GET /api/v1/users/me}, whose answer is the user the run must not delete. */
final class TokenOwnerLookup {

    private TokenOwnerLookup() {
    }

    /**
     * Looks up the owner of the API token once per job (the deleters of a check and its apply share the answer),
     * so that the run never deletes it; stops the run, with a message saying what to do, when Okta's answer says
     * the run must not go on.
     */
    static void lookUp(DeleterSettings settings, RunState run) throws InterruptedException {
        TokenOwnerCache cache = settings.tokenOwner();
        if (cache.known()) { // the deleters of one job (a check and its apply) ask once
            run.tokenOwnerId(cache.ownerId());
            return;
        }
        Calls calls = new Calls(run);
        try {
            FoundUser owner = calls.call("me", new Calls.Attempts(), CallRoute.LOOKUP,
                    () -> run.gateway().getUser("me"));
            run.tokenOwnerId(owner.id());
            cache.remember(owner.id());
        } catch (OktaRequestException e) {
            if (e.isNotFoundNotFromOkta()) {
                run.stop(BatchStop.Cause.NOT_OKTA, run.gateway().orgUrl() + " answered 404 without Okta's error "
                        + "body to GET /api/v1/users/me: it did not answer like Okta (a proxy's page, or an org URL "
                        + "with a wrong path?). Check the org URL; nothing was changed.");
                return;
            }
            switch (e.httpStatus()) {
                case 400, 404 -> cache.remember(null); // no user owns this token (a service app): nobody to protect
                case 403 -> run.stop(BatchStop.Cause.TOKEN_OWNER_UNKNOWN, "Okta answered 403 (" + e.errorCode()
                        + ": " + e.getMessage() + ") to GET /api/v1/users/me, so the owner of the API token cannot "
                        + "be protected and nothing was changed: give the token's admin (or the service app) the "
                        + "right to read users (okta.users.read).");
                case 401 -> run.stop(BatchStop.Cause.AUTHENTICATION_FAILED, "Okta answered 401 (" + e.errorCode()
                        + ": " + e.getMessage() + ") to the first call: the API token is invalid, expired or "
                        + "revoked. Nothing was changed.");
                default -> run.stop(BatchStop.Cause.TOKEN_OWNER_UNKNOWN, "could not look up the owner of the API "
                        + "token (GET /api/v1/users/me: " + (e.httpStatus() == 0 ? "" : "HTTP " + e.httpStatus()
                        + " ") + e.getMessage() + "), so nothing was changed: the run must not delete it.");
            }
        }
    }
}

package io.github.oktabulkdelete.internal;

import io.github.oktabulkdelete.GroupRecord;
import io.github.oktabulkdelete.OktaRequestException;
import io.github.oktabulkdelete.UserRecord;
import java.util.List;

/**
 * The record of a user that a journaled run writes with its intent, before the first change: what the lookup
 * returned, and, when the deleter backs groups up, the user's groups ({@code GET /api/v1/users/{id}/groups}, one
 * paced and retried call). Without a journal nothing is captured and no call is made.
 */
final class RecordCapture {

    private final RunState run;
    private final Calls calls;

    RecordCapture(RunState run, Calls calls) {
        this.run = run;
        this.calls = calls;
    }

    /**
     * The record to journal with the intent to change this user, or {@code null} when there is no journal.
     *
     * @throws OktaRequestException if listing the groups failed: the user must not be changed without its record
     */
    UserRecord capture(String login, FoundUser user, Calls.Attempts attempts) throws InterruptedException {
        if (!run.journalsIntents() || user.record() == null) {
            return null;
        }
        if (!run.settings().backupGroups()) {
            return user.record();
        }
        List<GroupRecord> groups;
        try {
            groups = calls.call(login, attempts, CallRoute.USER_GROUPS, () -> run.gateway().userGroups(user.id()));
        } catch (OktaRequestException e) {
            throw new OktaRequestException(e.step(), e.httpStatus(), e.errorCode(), "listing the user's groups for "
                    + "the journal's record failed (" + e.getMessage() + "); the user was not changed (to delete "
                    + "without the group backup, turn it off)", e.rateLimit(), e);
        }
        return user.record().withGroups(groups);
    }
}

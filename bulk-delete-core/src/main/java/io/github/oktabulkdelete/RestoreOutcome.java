package io.github.oktabulkdelete;

import java.util.List;
import java.util.Objects;

/**
 * What {@link UserRestorer} did for one login: one record per kind, never an exception for one login's failure.
 *
 * <table>
 *   <caption>Kinds</caption>
 *   <tr><th>record</th><th>meaning</th></tr>
 *   <tr><td>{@link Restored}</td><td>created again, {@code STAGED}, with a new id, in the groups that still exist</td></tr>
 *   <tr><td>{@link WouldRestore}</td><td>dry run: nothing was created; what an execution would do</td></tr>
 *   <tr><td>{@link AlreadyExists}</td><td>a user has this login now: skipped, nothing changed</td></tr>
 *   <tr><td>{@link NotRestorable}</td><td>the journal does not report the user deleted, or holds no record of it</td></tr>
 *   <tr><td>{@link Failed}</td><td>a request failed; the step says whether anything was created</td></tr>
 * </table>
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * if (outcome instanceof RestoreOutcome.Restored r) {
 *     System.out.println(r.login() + " is back as " + r.newUserId());
 * } else if (outcome instanceof RestoreOutcome.Failed f) {
 *     System.err.println(f.login() + ": " + f.message());
 * }
 * }</pre>
 */
public sealed interface RestoreOutcome {

    /**
     * The login the journal recorded (the deleted user's {@code profile.login}, or the login the run was given).
     *
     * @return the login, never {@code null}
     */
    String login();

    /** The step of a restore that failed. */
    enum Step {
        /** {@code GET /api/v1/users/{login}}: does a user have the login now (dry run only). */
        LOOKUP,
        /** {@code GET /api/v1/groups/{groupId}}: does a recorded group still exist. Nothing was created. */
        GROUPS,
        /** {@code POST /api/v1/users?activate=false}. */
        CREATE
    }

    /**
     * The user was created again: {@code STAGED}, with its recorded profile and type, in its recorded
     * {@code OKTA_GROUP}s that still exist.
     *
     * @param login the login
     * @param oldUserId the id of the deleted user
     * @param newUserId the id of the user created
     * @param groupsRestored the groups the user was created in
     * @param groupsMissing recorded {@code OKTA_GROUP}s that no longer exist (not restored)
     * @param groupsNotSent recorded app groups and the built-in Everyone group: not assignable by a create
     *     (membership of Everyone is automatic, app groups are the app's or the directory's)
     * @param attempts the HTTP requests made for this login, retries included
     */
    record Restored(String login, String oldUserId, String newUserId, List<GroupRecord> groupsRestored,
            List<GroupRecord> groupsMissing, List<GroupRecord> groupsNotSent, int attempts) implements RestoreOutcome {
        /**
         * Checks and copies the components.
         *
         * @param login as {@link #login()}
         * @param oldUserId as {@link #oldUserId()}
         * @param newUserId as {@link #newUserId()}
         * @param groupsRestored as {@link #groupsRestored()}
         * @param groupsMissing as {@link #groupsMissing()}
         * @param groupsNotSent as {@link #groupsNotSent()}
         * @param attempts as {@link #attempts()}
         * @throws NullPointerException if a component is {@code null}
         */
        public Restored {
            Objects.requireNonNull(login, "login");
            Objects.requireNonNull(oldUserId, "oldUserId");
            Objects.requireNonNull(newUserId, "newUserId");
            groupsRestored = List.copyOf(groupsRestored);
            groupsMissing = List.copyOf(groupsMissing);
            groupsNotSent = List.copyOf(groupsNotSent);
        }
    }

    /**
     * Dry run: the user would be created again, in these groups. Nothing was created.
     *
     * @param login the login
     * @param oldUserId the id of the deleted user
     * @param groupsToRestore the recorded {@code OKTA_GROUP}s that exist now
     * @param groupsMissing recorded {@code OKTA_GROUP}s that no longer exist
     * @param groupsNotSent recorded app groups and Everyone, which a create cannot assign
     * @param groupsRecorded whether the record lists the user's groups at all (not with {@code --no-group-backup})
     */
    record WouldRestore(String login, String oldUserId, List<GroupRecord> groupsToRestore,
            List<GroupRecord> groupsMissing, List<GroupRecord> groupsNotSent, boolean groupsRecorded)
            implements RestoreOutcome {
        /**
         * Checks and copies the components.
         *
         * @param login as {@link #login()}
         * @param oldUserId as {@link #oldUserId()}
         * @param groupsToRestore as {@link #groupsToRestore()}
         * @param groupsMissing as {@link #groupsMissing()}
         * @param groupsNotSent as {@link #groupsNotSent()}
         * @param groupsRecorded as {@link #groupsRecorded()}
         * @throws NullPointerException if a component is {@code null}
         */
        public WouldRestore {
            Objects.requireNonNull(login, "login");
            Objects.requireNonNull(oldUserId, "oldUserId");
            groupsToRestore = List.copyOf(groupsToRestore);
            groupsMissing = List.copyOf(groupsMissing);
            groupsNotSent = List.copyOf(groupsNotSent);
        }
    }

    /**
     * A user has this login now (restored earlier, or created again since): skipped, nothing changed.
     *
     * @param login the login
     * @param oldUserId the id of the deleted user
     * @param existingUserId the id of the user that has the login now, when known (a dry run looks it up; an
     *     execution only learns from Okta's refusal that one exists: {@code null})
     */
    record AlreadyExists(String login, String oldUserId, String existingUserId) implements RestoreOutcome {
        /**
         * Checks the components.
         *
         * @param login as {@link #login()}
         * @param oldUserId as {@link #oldUserId()}
         * @param existingUserId as {@link #existingUserId()}
         * @throws NullPointerException if {@code login} or {@code oldUserId} is {@code null}
         */
        public AlreadyExists {
            Objects.requireNonNull(login, "login");
            Objects.requireNonNull(oldUserId, "oldUserId");
        }
    }

    /**
     * Nothing to restore from: the journal does not report this login {@link DeletionOutcome.Deleted}, or holds no
     * record of the user (written by a version without records, or never journaled). No request was made.
     *
     * @param login the login
     * @param reason why, for a person
     */
    record NotRestorable(String login, String reason) implements RestoreOutcome {
        /**
         * Checks the components.
         *
         * @param login as {@link #login()}
         * @param reason as {@link #reason()}
         * @throws NullPointerException if a component is {@code null}
         */
        public NotRestorable {
            Objects.requireNonNull(login, "login");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * A request failed, after the retries its failure allows.
     *
     * @param login the login
     * @param oldUserId the id of the deleted user
     * @param step where it failed; before {@link Step#CREATE} nothing was created
     * @param httpStatus Okta's HTTP status, {@code 0} for a transport failure
     * @param errorCode Okta's error code ({@code E0000001}, ...), or {@code null}
     * @param message what happened, for a person (never a credential)
     * @param userMayHaveBeenCreated whether the create's answer was lost, so that the user may exist now: look it
     *     up before trying again
     * @param attempts the HTTP requests made for this login, retries included
     */
    record Failed(String login, String oldUserId, Step step, int httpStatus, String errorCode, String message,
            boolean userMayHaveBeenCreated, int attempts) implements RestoreOutcome {
        /**
         * Checks the components.
         *
         * @param login as {@link #login()}
         * @param oldUserId as {@link #oldUserId()}
         * @param step as {@link #step()}
         * @param httpStatus as {@link #httpStatus()}
         * @param errorCode as {@link #errorCode()}
         * @param message as {@link #message()}
         * @param userMayHaveBeenCreated as {@link #userMayHaveBeenCreated()}
         * @param attempts as {@link #attempts()}
         * @throws NullPointerException if {@code login}, {@code oldUserId}, {@code step} or {@code message} is
         *     {@code null}
         */
        public Failed {
            Objects.requireNonNull(login, "login");
            Objects.requireNonNull(oldUserId, "oldUserId");
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(message, "message");
        }
    }
}

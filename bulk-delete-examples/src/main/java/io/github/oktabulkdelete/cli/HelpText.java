package io.github.oktabulkdelete.cli;

/**
 * The help text of {@link BulkDeleteCommand}: its description, exit statuses and examples, as constants for the
 * {@code @Command} annotation, so that the command class reads as the flow.
 *
 * <p>Constants only; thread-safe.
 *
 * <pre>{@code
 * @Command(description = {HelpText.INPUT, "", HelpText.WHAT_IT_DOES})
 * }</pre>
 */
final class HelpText {

    static final String INPUT =
            "Reads the logins from the Okta Password Health Report (Admin Console > Reports > Okta Password Health),"
            + " from any CSV with a login, username or email column, or from a plain list, one login per line.";

    static final String WHAT_IT_DOES =
            "A dry run by default: it looks every user up and says what it would do (--plan-out FILE keeps that as a"
            + " plan). With --execute it plans, then applies: it checks every login the same way and writes the"
            + " plan, shows how many users it will delete, asks for confirmation, then fetches each planned user"
            + " by id, deactivates it (if needed), deletes it and checks it is gone. --execute --plan FILE applies"
            + " a plan made earlier, with no check pass. It never deletes the owner of its own API"
            + " token, a user on the protected list, or a user whose login is not exactly the one given (Okta"
            + " resolves login shortnames: 'jsmith' can name jsmith@corp.com).";

    static final String CONNECTION =
            "Connection: the Okta SDK's own configuration (~/.okta/okta.yaml, OKTA_CLIENT_ORGURL,"
            + " OKTA_CLIENT_TOKEN), or --org-url with the token from an environment variable or typed at a"
            + " prompt. A token is never accepted as an argument: other users can read arguments with ps.";

    static final String JOURNAL =
            "Journal and resume: --execute records in a journal (JSON Lines, each record forced to disk) each"
            + " user's intent before its first change and the outcome of every login: the file --journal names, or"
            + " else"
            + " okta-bulk-delete-<UTC time>.journal.jsonl in the folder of --report, or in the working folder"
            + " without --report; its path is printed first. If the run is interrupted, killed or stopped, run"
            + " the same command with --journal FILE --resume: the logins the journal shows as finished (deleted,"
            + " not found, skipped) are left alone, a user the run was changing is looked up by the id it recorded"
            + " (gone: reported deleted, by that run), the rest of the run's plan is applied, and the report"
            + " covers both runs.";

    static final String STOPPING =
            "Stopping: Ctrl-C or SIGTERM, or --max-duration, stops starting new logins, gives the logins in flight"
            + " --grace-period to finish, writes the journal and the report, and exits with status 3. Logins"
            + " still in flight after the grace period are named, their outcome unknown: reported not attempted"
            + " if no change of theirs was sent, failed (the change may have been made) if their deactivate or"
            + " DELETE was; --resume looks them up again.";

    static final String EXIT_OK =
            "0:no login failed (dry run, or every login deleted, not found or skipped on purpose)";

    static final String EXIT_FAILED =
            "1:at least one login failed; the report says which and why";

    static final String EXIT_USAGE =
            "2:bad usage or input (nothing was changed), including --execute without --yes when there is no"
            + " terminal to confirm on";

    static final String EXIT_STOPPED =
            "3:the run was stopped: authentication or permission failure, --max-deletions, confirmation declined,"
            + " Ctrl-C or SIGTERM, --max-duration; the logins not attempted can be run again safely (--resume)";

    static final String EXAMPLE_1 = "  okta-bulk-delete --demo";
    static final String EXAMPLE_2 = "  okta-bulk-delete --csv report.csv";
    static final String EXAMPLE_3 =
            "  okta-bulk-delete --csv report.csv --execute --report out.csv";
    static final String EXAMPLE_4 =
            "  okta-bulk-delete --csv report.csv --execute --journal run.jsonl";
    static final String EXAMPLE_5 =
            "  okta-bulk-delete --csv report.csv --execute --journal run.jsonl --resume";
    static final String EXAMPLE_6 =
            "  okta-bulk-delete --csv report.csv --plan-out users.plan.jsonl"
            + "; okta-bulk-delete --execute --plan users.plan.jsonl";
    static final String EXAMPLE_7 =
            "  okta-bulk-delete - --execute --yes --max-deletions 500 < logins.txt";

    private HelpText() {
    }
}

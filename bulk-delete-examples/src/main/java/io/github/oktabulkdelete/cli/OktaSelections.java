package io.github.oktabulkdelete.cli;

import io.github.oktabulkdelete.BulkUserDeleter;
import io.github.oktabulkdelete.OktaSelectionException;
import io.github.oktabulkdelete.OktaUserSelection;
import io.github.oktabulkdelete.Sleeper;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;

/**
 * Reads the users {@code --search}, {@code --group} and {@code --deactivated-for} select in Okta, every page, before
 * anything changes, and adds them to the run's {@link LoginInputs} as frozen lists: the count confirmed is the set
 * listed, and deleting cannot make a search skip or repeat users. A search Okta rejects (400 {@code E0000031}), a
 * group that does not exist or whose name several groups share, is a bad-input error (exit status 2) before any
 * user is touched.
 *
 * <p>The selecting deleter has the run's pace; the run's deleters derive from it ({@link LoginInputs#selector()}),
 * so that the listing and the deletion share one rate limiter. Stateless; not instantiable.
 *
 * <pre>{@code
 * OktaSelections.freezeInto(input, inputs, org, pace, clock, sleeper, err);
 * }</pre>
 */
final class OktaSelections {

    private OktaSelections() {
    }

    /**
     * Lists the selections and adds them to the inputs; does nothing when the input selects nothing in Okta.
     *
     * @throws ExitException (bad input) if Okta rejects a selection; nothing was changed
     */
    static void freezeInto(InputOptions input, LoginInputs inputs, OktaConnection.Connected org, PaceOptions pace,
            Clock clock, Sleeper sleeper, PrintWriter err) {
        if (!input.selectsFromOkta()) {
            return;
        }
        BulkUserDeleter selector = pace.applyTo(BulkUserDeleter.builder(org.client())).clock(clock).sleeper(sleeper)
                .build();
        if (input.search != null) {
            freeze(inputs, selector, selector.selectBySearch(input.search), "Okta search '" + input.search + "'",
                    err);
        }
        if (input.deactivatedFor != null) {
            OktaUserSelection stale = selector.selectDeactivatedBefore(clock.instant().minus(input.deactivatedFor));
            freeze(inputs, selector, stale, "deactivated for more than " + format(input.deactivatedFor) + " ("
                    + stale.description() + ")", err);
        }
        if (input.group != null) {
            freeze(inputs, selector, selector.selectGroupMembers(input.group), "members of group '" + input.group
                    + "'", err);
        }
    }

    /** @return {@code 90d} for whole days, as {@code --deactivated-for} is usually written; else as the converter */
    static String format(java.time.Duration duration) {
        return !duration.isZero() && duration.toSeconds() % 86_400 == 0 && duration.toNanosPart() == 0
                ? duration.toDays() + "d" : DurationConverter.format(duration);
    }

    private static void freeze(LoginInputs inputs, BulkUserDeleter selector, OktaUserSelection selection,
            String what, PrintWriter err) {
        List<String> logins;
        try {
            logins = selection.freeze();
        } catch (OktaSelectionException e) {
            String message = "cannot select users in Okta: " + e.getMessage();
            throw switch (e.reason()) {
                case INVALID_SEARCH, GROUP_NOT_FOUND, GROUP_AMBIGUOUS -> ExitException.badInput(message);
                case REQUEST_FAILED, INTERRUPTED -> ExitException.connectionFailed(message);
            };
        }
        String description = what + ": " + LoginInputs.plural(logins.size(), "user");
        err.println("  input: " + description);
        inputs.addSelected(description, logins, selector);
    }
}

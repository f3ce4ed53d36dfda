package io.github.oktabulkdelete.cli;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The input options: where the logins come from ({@code --csv}, {@code --login}, {@code --column}; the command's
 * positional files join {@code --csv}; and from Okta: {@code --search}, {@code --group}, {@code --deactivated-for},
 * frozen by {@link OktaSelections} before anything changes).
 *
 * <p>Filled by picocli, then read by one thread; not thread-safe.
 *
 * <pre>{@code
 * input.validate(positionalFiles);
 * try (LoginInputs logins = input.open(positionalFiles, stdin)) { ... }
 * }</pre>
 */
final class InputOptions {

    @Option(names = "--csv", paramLabel = "FILE",
            description = "A CSV or list of logins; repeatable. '-' reads standard input.")
    List<String> csv = new ArrayList<>();

    @Option(names = "--login", paramLabel = "LOGIN", description = "A login; repeatable.")
    List<String> logins = new ArrayList<>();

    @Option(names = "--column", paramLabel = "NAME",
            description = "The CSV column that holds the logins (default: Login, login, username or email,"
                    + " case-insensitively).")
    String column;

    @Option(names = "--search", paramLabel = "EXPR",
            description = "Also the users an Okta search finds (GET /api/v1/users?search=EXPR, deactivated users"
                    + " included), such as 'profile.department eq \"Contractors\"'.")
    String search;

    @Option(names = "--group", paramLabel = "NAME_OR_ID",
            description = "Also the members of an Okta group, by id (00g...) or exact name.")
    String group;

    @Option(names = "--deactivated-for", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Also the users deactivated for longer than DURATION (such as 90d): status eq"
                    + " \"DEPROVISIONED\" and statusChanged before now minus DURATION.")
    Duration deactivatedFor;

    /** @return whether some logins come from Okta ({@code --search}, {@code --group}, {@code --deactivated-for}) */
    boolean selectsFromOkta() {
        return search != null || group != null || deactivatedFor != null;
    }

    /** @return the files to read: {@code --csv} first, then the positional files; {@code -} is standard input */
    List<String> files(List<String> positional) {
        List<String> all = new ArrayList<>(csv);
        all.addAll(positional);
        return all;
    }

    /** @return whether any login or file was given */
    boolean any(List<String> positional) {
        return !files(positional).isEmpty() || !logins.isEmpty() || selectsFromOkta();
    }

    /**
     * Checks that there is something to read.
     *
     * @throws ExitException (usage) if no login or file was given
     */
    void validate(List<String> positional) {
        if (!any(positional)) {
            throw ExitException.usage("no logins: give --csv FILE (the Okta Password Health Report or any CSV of"
                    + " logins), --login LOGIN, - to read standard input, or select users in Okta with --search EXPR,"
                    + " --group NAME_OR_ID or --deactivated-for DURATION; or try --demo");
        }
        if (search != null && search.isBlank()) {
            throw ExitException.usage("--search is blank: give an Okta search expression, such as"
                    + " --search 'profile.department eq \"Contractors\"'");
        }
        if (group != null && group.isBlank()) {
            throw ExitException.usage("--group is blank: give a group's id (00g...) or its exact name");
        }
        if (deactivatedFor != null && deactivatedFor.isZero()) {
            throw ExitException.usage("--deactivated-for 0 would select every deactivated user: give how long they"
                    + " must have been deactivated, such as --deactivated-for 90d");
        }
    }

    /**
     * Opens the input: checks every file and counts its logins.
     *
     * @throws ExitException (usage) if a file cannot be read or holds no usable login
     */
    LoginInputs open(List<String> positional, InputStream stdin) {
        try {
            return LoginInputs.open(files(positional), logins, column, stdin);
        } catch (IllegalArgumentException e) {
            throw ExitException.usage(e.getMessage());
        } catch (UncheckedIOException e) {
            throw ExitException.usage("cannot read the input: " + e.getCause().getMessage());
        }
    }

    /** @return the inputs as the journal's run record names them: files, and how many {@code --login} values */
    String describe(List<String> positional) {
        List<String> inputs = files(positional);
        if (!logins.isEmpty()) {
            inputs.add(LoginInputs.plural(logins.size(), "--login value"));
        }
        if (search != null) {
            inputs.add("--search " + search);
        }
        if (group != null) {
            inputs.add("--group " + group);
        }
        if (deactivatedFor != null) {
            inputs.add("--deactivated-for " + OktaSelections.format(deactivatedFor));
        }
        return String.join(", ", inputs);
    }
}

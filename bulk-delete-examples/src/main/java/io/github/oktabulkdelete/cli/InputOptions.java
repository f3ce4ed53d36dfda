package io.github.oktabulkdelete.cli;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The input options: where the logins come from ({@code --csv}, {@code --login}, {@code --column}; the command's
 * positional files join {@code --csv}).
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

    /** @return the files to read: {@code --csv} first, then the positional files; {@code -} is standard input */
    List<String> files(List<String> positional) {
        List<String> all = new ArrayList<>(csv);
        all.addAll(positional);
        return all;
    }

    /** @return whether any login or file was given */
    boolean any(List<String> positional) {
        return !files(positional).isEmpty() || !logins.isEmpty();
    }

    /**
     * Checks that there is something to read.
     *
     * @throws ExitException (usage) if no login or file was given
     */
    void validate(List<String> positional) {
        if (!any(positional)) {
            throw ExitException.usage("no logins: give --csv FILE (the Okta Password Health Report or any CSV of"
                    + " logins), --login LOGIN, or - to read standard input; or try --demo");
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
        return String.join(", ", inputs);
    }
}

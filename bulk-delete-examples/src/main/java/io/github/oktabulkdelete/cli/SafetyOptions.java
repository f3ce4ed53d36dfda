package io.github.oktabulkdelete.cli;

import io.github.oktabulkdelete.LoginSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The safety options: whether to delete at all ({@code --execute}, {@code --yes}), whom never to touch
 * ({@code --protect}, {@code --protect-file}) and how many at most ({@code --max-deletions}).
 *
 * <p>Filled by picocli, then read by one thread; not thread-safe.
 *
 * <pre>{@code
 * safety.validate();
 * Set<String> protect = safety.protectedLogins();
 * }</pre>
 */
final class SafetyOptions {

    @Option(names = "--execute", description = "Delete. Without it, nothing is changed (dry run).")
    boolean execute;

    @Option(names = {"-y", "--yes"},
            description = "Do not ask for confirmation before deleting. Needed with --execute when there is no"
                    + " terminal.")
    boolean yes;

    @Option(names = "--protect", paramLabel = "LOGIN",
            description = "A login or user id never to touch; repeatable.")
    List<String> protect = new ArrayList<>();

    @Option(names = "--protect-file", paramLabel = "FILE",
            description = "A CSV or list of logins never to touch; repeatable.")
    List<Path> protectFiles = new ArrayList<>();

    @Option(names = "--max-deletions", paramLabel = "N",
            description = "Delete at most N users: refuse before deleting anything when the check finds more,"
                    + " and stop the run if it would ever exceed N.")
    Long maxDeletions;

    @Option(names = "--no-group-backup",
            description = "With --execute, do not list each user's groups (GET /api/v1/users/{id}/groups, one call"
                    + " per user) into the journal before deleting it. The profile is recorded either way; a restore"
                    + " then cannot put the users back in their groups.")
    boolean noGroupBackup;

    /**
     * Checks the values that need no file.
     *
     * @throws ExitException (usage) naming the option
     */
    void validate() {
        if (maxDeletions != null && maxDeletions < 0) {
            throw ExitException.usage("--max-deletions must not be negative, was " + maxDeletions);
        }
    }

    /**
     * Checks that a deletion can be confirmed: on a terminal, or by {@code --yes}. Checked after every other option.
     *
     * @throws ExitException (usage) for {@code --execute} without {@code --yes} and without a terminal
     */
    void validateConfirmation(Terminal terminal) {
        if (execute && !yes && !terminal.isInteractive()) {
            throw ExitException.usage("--execute needs --yes when there is no terminal to confirm on (standard"
                    + " input or output is redirected)");
        }
    }

    /** @return whether {@code --max-deletions} refuses {@code wouldDelete} */
    boolean exceedsMax(long wouldDelete) {
        return maxDeletions != null && wouldDelete > maxDeletions;
    }

    /**
     * The protected logins and ids, from {@code --protect} and every {@code --protect-file}, in order.
     *
     * @throws ExitException (usage) for a blank {@code --protect} or a {@code --protect-file} that holds no login
     * @throws io.github.oktabulkdelete.InvalidLoginFileException if a protect file cannot be read as logins
     */
    Set<String> protectedLogins() {
        Set<String> logins = new LinkedHashSet<>();
        for (String login : protect) {
            if (login.isBlank()) {
                throw ExitException.usage("--protect must not be blank");
            }
            logins.add(login.strip());
        }
        for (Path file : protectFiles) {
            LoginSource source = LoginSource.of(file);
            source.validate();
            boolean[] any = {false};
            source.forEach(login -> {
                any[0] = true;
                logins.add(login);
            });
            if (!any[0]) {
                throw ExitException.usage("--protect-file " + file + " holds no login, so it would protect nobody: "
                        + "put the logins to protect in it, one per line or in a login column, or leave the option "
                        + "out. Nothing was changed.");
            }
        }
        return logins;
    }
}

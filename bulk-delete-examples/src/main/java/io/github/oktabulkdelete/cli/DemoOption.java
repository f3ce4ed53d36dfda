package io.github.oktabulkdelete.cli;

import picocli.CommandLine.Option;

/**
 * The demo option ({@code --demo}): the whole flow against a local fake org started in the process; it takes no
 * other option.
 *
 * <p>Filled by picocli, then read by one thread; not thread-safe.
 *
 * <pre>{@code
 * demoOption.validateAlone(anyOtherOptionGiven);
 * }</pre>
 */
final class DemoOption {

    @Option(names = "--demo",
            description = "Run the whole flow against a local fake Okta org started in this process: no real org"
                    + " is contacted. Writes a Password Health Report CSV for it to a temporary folder, runs a dry"
                    + " run and then a deletion over it, and prints where the files are.")
    boolean demo;

    /**
     * Checks that the demo runs on its own.
     *
     * @param anyOther whether an input, connection, {@code --execute}, {@code --report} or journal option was given
     * @throws ExitException (usage) if one was
     */
    void validateAlone(boolean anyOther) {
        if (anyOther) {
            throw ExitException.usage("--demo runs on its own, against a local fake org: it takes no input,"
                    + " connection, --execute, --report or --journal option");
        }
    }
}

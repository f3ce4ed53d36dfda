package io.github.oktabulkdelete.cli;

import java.io.Console;

/**
 * The person at the keyboard, if there is one: the CLI asks through it for confirmation and for a token, and draws
 * its progress bar only when stderr is a terminal. Tests inject a fake; {@link #system()} is the real console.
 *
 * <p>Implementations need not be thread-safe: the CLI uses one from its main thread only.
 *
 * <pre>{@code
 * Terminal terminal = Terminal.system();
 * if (terminal.isInteractive() && "yes".equals(terminal.readLine("Delete 12 users? Type yes to continue: "))) { ... }
 * }</pre>
 */
public interface Terminal {

    /** No terminal: standard input and output are files or pipes; nothing can be asked. */
    Terminal NONE = new Terminal() {
        @Override
        public boolean isInteractive() {
            return false;
        }

        @Override
        public boolean isErrorTerminal() {
            return false;
        }

        @Override
        public String readLine(String prompt) {
            return null;
        }

        @Override
        public char[] readPassword(String prompt) {
            return null;
        }
    };

    /**
     * The JVM's console, or {@link #NONE} when the JVM has none (input or output redirected).
     *
     * @return a terminal
     */
    static Terminal system() {
        Console console = System.console();
        if (console == null) {
            return NONE;
        }
        return new Terminal() {
            @Override
            public boolean isInteractive() {
                return true;
            }

            @Override
            public boolean isErrorTerminal() {
                // Java 17 cannot tell whether stderr alone is redirected; with a console it usually is not
                return !"dumb".equals(System.getenv("TERM"));
            }

            @Override
            public String readLine(String prompt) {
                return console.readLine("%s", prompt);
            }

            @Override
            public char[] readPassword(String prompt) {
                return console.readPassword("%s", prompt);
            }
        };
    }

    /**
     * Whether a person can answer: standard input and output are a terminal.
     *
     * @return {@code true} on a terminal
     */
    boolean isInteractive();

    /**
     * Whether standard error is a terminal that understands {@code \r}, so that a progress bar can be redrawn in
     * place; otherwise progress is written as a line now and then.
     *
     * @return {@code true} to redraw
     */
    boolean isErrorTerminal();

    /**
     * Asks for a line.
     *
     * @param prompt the question
     * @return the answer without its line end, or {@code null} at the end of input
     */
    String readLine(String prompt);

    /**
     * Asks for a secret without echoing it.
     *
     * @param prompt the question
     * @return the secret, or {@code null} at the end of input; the caller should clear the array after use
     */
    char[] readPassword(String prompt);
}

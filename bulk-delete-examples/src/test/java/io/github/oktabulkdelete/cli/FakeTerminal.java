package io.github.oktabulkdelete.cli;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/** A terminal whose answers a test decides, recording every prompt. */
final class FakeTerminal implements Terminal {

    private final boolean interactive;
    private final Deque<String> passwords = new ArrayDeque<>();
    private Function<String, String> answers = prompt -> null;
    final List<String> prompts = new ArrayList<>();

    private FakeTerminal(boolean interactive) {
        this.interactive = interactive;
    }

    /** Standard input and output redirected: nothing can be asked. */
    static FakeTerminal none() {
        return new FakeTerminal(false);
    }

    /** A person answers each question with {@code answers.apply(prompt)}. */
    static FakeTerminal answering(Function<String, String> answers) {
        FakeTerminal terminal = new FakeTerminal(true);
        terminal.answers = answers;
        return terminal;
    }

    FakeTerminal typingPassword(String password) {
        passwords.add(password);
        return this;
    }

    @Override
    public boolean isInteractive() {
        return interactive;
    }

    @Override
    public boolean isErrorTerminal() {
        return false;
    }

    @Override
    public String readLine(String prompt) {
        prompts.add(prompt);
        return answers.apply(prompt);
    }

    @Override
    public char[] readPassword(String prompt) {
        prompts.add(prompt);
        String password = passwords.poll();
        return password == null ? null : password.toCharArray();
    }
}

package io.github.oktabulkdelete.internal;

import io.github.oktabulkdelete.ChangeIntent;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a batch writes ahead and what it resumes from: where each {@link ChangeIntent} goes, synchronously, before
 * the change it announces, and the logins an interrupted run may have changed, by {@link LoginScreen#key}.
 *
 * @param intents records an intent durably before it returns; throws if it cannot, which halts every change
 * @param hints the logins to look up by id, by login key
 */
public record RunJournal(Consumer<ChangeIntent> intents, Map<String, ResumeHint> hints) {

    /** No journal: no intents, nothing to resume. */
    public static final RunJournal NONE = new RunJournal(intent -> { }, Map.of());

    public RunJournal {
        java.util.Objects.requireNonNull(intents, "intents");
        hints = Map.copyOf(hints);
    }
}

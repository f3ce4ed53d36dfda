package io.github.oktabulkdelete.cli;

import io.github.oktabulkdelete.DeletionOutcome;
import io.github.oktabulkdelete.JournalContents;
import io.github.oktabulkdelete.Logins;
import java.util.ArrayList;
import java.util.List;

/**
 * Warns about protected entries ({@code --protect}, {@code --protect-file}) that named no user of the run: a typo
 * there protects nobody. Judged from the check pass's own outcomes (a user protected is skipped as protected, under
 * its login or id), so it costs no request; said before anything is changed.
 *
 * <p>Stateless.
 *
 * <pre>{@code
 * ProtectedEntries.warnUnmatched(job, checkPass);
 * }</pre>
 */
final class ProtectedEntries {

    /** How many unmatched entries the warning names at most. */
    private static final int NAMED = 20;

    private ProtectedEntries() {
    }

    /**
     * The protected entries that match no login or id of a user skipped as protected.
     *
     * @param protect the protected logins and ids
     * @param protectedNames the login and id of every user skipped as protected
     * @return the entries that protected nobody, in order
     */
    static List<String> unmatched(Iterable<String> protect, List<String> protectedNames) {
        List<String> unmatched = new ArrayList<>();
        for (String entry : protect) {
            if (protectedNames.stream().noneMatch(name -> Logins.same(entry, name))) {
                unmatched.add(entry);
            }
        }
        return unmatched;
    }

    /** Prints the warning after a complete check pass, if an entry protected nobody. */
    static void warnUnmatched(Job job, PassResult check) {
        if (job.protect().isEmpty()) {
            return;
        }
        List<String> names = new ArrayList<>(check.tally().protectedNames());
        if (job.resume() != null) {
            for (DeletionOutcome outcome : job.resume().contents().outcomes()) {
                if (JournalContents.isFinal(outcome)) {
                    PassResult.Tally.addProtectedNames(outcome, names);
                }
            }
        }
        List<String> unmatched = unmatched(job.protect(), names);
        if (unmatched.isEmpty()) {
            return;
        }
        job.err().println("Warning: " + LoginInputs.plural(unmatched.size(), "protected entry")
                .replace("entrys", "entries") + " (--protect, --protect-file) named no user of this run, so "
                + (unmatched.size() == 1 ? "it protects" : "they protect") + " nobody here: "
                + String.join(", ", unmatched.subList(0, Math.min(NAMED, unmatched.size())))
                + (unmatched.size() > NAMED ? ", ..." : "") + ". If one was meant to protect a user of the input,"
                + " check it for a typo: it must be the exact login or the user id.");
    }
}

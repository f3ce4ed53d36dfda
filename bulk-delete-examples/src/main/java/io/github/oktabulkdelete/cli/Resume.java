package io.github.oktabulkdelete.cli;

import io.github.oktabulkdelete.DeletionJournal;
import io.github.oktabulkdelete.DeletionOutcome;
import io.github.oktabulkdelete.InvalidJournalException;
import io.github.oktabulkdelete.JournalContents;
import io.github.oktabulkdelete.JournalHeader;
import io.github.oktabulkdelete.OutcomeCounts;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * The resume flow ({@code --resume}): what the journal of earlier runs finished of this input, and what is left.
 * A journal with a run record and no outcome (a run killed during its check pass) resumes as a fresh run.
 *
 * <p>Immutable once read.
 *
 * <pre>{@code
 * Resume resume = Resume.read(journalFile, inputs, err);
 * Iterable<String> todo = resume.contents().remaining(inputs);
 * }</pre>
 *
 * @param contents the journal as read before this run
 * @param finished the input's logins with a final outcome there, left alone
 * @param remaining the input's logins to do
 * @param finishedCounts {@code finished} by outcome kind
 */
record Resume(JournalContents contents, long finished, long remaining, OutcomeCounts finishedCounts) {

    /**
     * Reads the journal to resume, counts what of the input it finished, and says so on {@code err}.
     *
     * @throws ExitException (usage) if the journal cannot be read or is not a journal
     */
    static Resume read(Path file, Iterable<String> inputs, PrintWriter err) {
        return of(contents(file, err), inputs, err);
    }

    /**
     * Reads the journal to resume, and says on {@code err} what of it is torn.
     *
     * @throws ExitException (usage) if the journal cannot be read or is not a journal
     */
    static JournalContents contents(Path file, PrintWriter err) {
        JournalContents contents;
        try {
            contents = DeletionJournal.read(file);
        } catch (InvalidJournalException e) {
            throw ExitException.usage("--resume: " + e.getMessage());
        } catch (NoSuchFileException e) {
            throw ExitException.usage("--resume: the journal " + file + " does not exist");
        } catch (IOException e) {
            throw ExitException.usage("--resume: cannot read the journal " + file + ": " + e.getMessage());
        }
        for (String torn : contents.tornRecords()) {
            err.println("  journal: note: " + torn);
        }
        return contents;
    }

    /**
     * Counts what of the logins (the input's, or the plan's) the journal finished, and says so on {@code err}.
     */
    static Resume of(JournalContents contents, Iterable<String> inputs, PrintWriter err) {
        long finished = 0;
        long remaining = 0;
        OutcomeCounts.Tally tally = OutcomeCounts.tally();
        for (String login : inputs) {
            DeletionOutcome outcome = login == null ? null : contents.outcome(login).orElse(null);
            if (outcome != null && JournalContents.isFinal(outcome)) {
                finished++;
                tally.add(outcome);
            } else {
                remaining++;
            }
        }
        OutcomeCounts counts = tally.counts();
        err.println("  resume: " + LoginInputs.plural(contents.runs().size(), "earlier run") + " in the journal; "
                + finished + " of the " + LoginInputs.plural(finished + remaining, "login") + " of the input"
                + " finished (" + counts.deleted() + " deleted, " + counts.notFound() + " not found, "
                + counts.skipped() + " skipped), left alone; " + remaining + " to do, including any"
                + " in flight when the last run stopped");
        return new Resume(contents, finished, remaining, counts);
    }

    /**
     * The plan the journal's last run applies (the run record's {@code plan} option), when that file exists and the
     * input given to the resume, if any, is the one the plan was made from: its resume applies the rest of that
     * plan, with no check pass.
     *
     * @param input the resume's input as {@link InputOptions#describe} names it, or {@code null} when none was given
     * @return the plan file, or {@code null}
     */
    static Path plannedFile(JournalContents contents, String input) {
        for (int i = contents.runs().size() - 1; i >= 0; i--) {
            String plan = contents.runs().get(i).options().get("plan");
            if (plan != null) {
                if (input != null && !input.equals(contents.runs().get(i).options().get("inputs"))) {
                    return null;
                }
                Path file = Path.of(plan);
                return java.nio.file.Files.isRegularFile(file) ? file : null;
            }
        }
        return null;
    }

    /**
     * Refuses to resume a journal of another org: its finished logins say nothing about this one.
     *
     * @throws ExitException (usage) if the last run of the journal was against another org
     */
    void checkSameOrg(String orgUrl) {
        if (contents.runs().isEmpty()) {
            return;
        }
        String journalOrg = contents.runs().get(contents.runs().size() - 1).orgUrl();
        String thisOrg = new JournalHeader(Instant.EPOCH, orgUrl, Map.of(), null).orgUrl();
        if (journalOrg != null && thisOrg != null && !comparable(journalOrg).equals(comparable(thisOrg))) {
            throw ExitException.usage("--resume: the journal " + contents.file() + " records a run against "
                    + journalOrg + ", not " + thisOrg + ": resume against the same org, or start a new journal");
        }
    }

    private static String comparable(String url) {
        String u = url.strip().toLowerCase(Locale.ROOT);
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }
}

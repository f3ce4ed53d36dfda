package io.github.oktabulkdelete.cli;

import io.github.oktabulkdelete.Cancellation;
import io.github.oktabulkdelete.DeletionJournal;
import io.github.oktabulkdelete.JournalHeader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The journal and stopping options ({@code --journal}, {@code --resume}, {@code --max-duration},
 * {@code --grace-period}); picks, checks and opens the journal of a run.
 *
 * <p>Filled by picocli, then read by one thread; not thread-safe.
 *
 * <pre>{@code
 * journal.validate();
 * Path file = journal.file(execute, reportFile, workingDirectory, clock);
 * journal.checkUsable(file);
 * }</pre>
 */
final class JournalOptions {

    /** Default grace period: how long logins in flight may take to finish once the run is stopped. */
    static final Duration DEFAULT_GRACE_PERIOD = Duration.ofSeconds(30);
    private static final DateTimeFormatter JOURNAL_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    @Option(names = "--journal", paramLabel = "FILE",
            description = "Record the outcome of every login in FILE (JSON Lines, appended, each record forced to"
                    + " disk before the next login). Without it, --execute writes"
                    + " okta-bulk-delete-<UTC time>.journal.jsonl next to --report, or in the working folder,"
                    + " and prints its path. A dry run keeps a journal only when given one. An existing journal"
                    + " is only continued with --resume.")
    Path file;

    @Option(names = "--resume",
            description = "Continue the run that --journal FILE recorded: the logins it shows as finished"
                    + " (deleted, not found, skipped) are left alone and counted; a user it was changing when it"
                    + " stopped is looked up by the id it recorded (gone: reported deleted, by that run); all"
                    + " others are done again. A run whose plan was complete resumes that plan, with no check pass"
                    + " and no input needed. A new run section is appended to the journal; the count to confirm and"
                    + " --max-deletions apply to what remains; --report covers both runs.")
    boolean resume;

    @Option(names = "--max-duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop after DURATION, such as 90m, 2h or PT2H (from the start, confirmation included),"
                    + " as Ctrl-C does: no new login starts, the logins in flight finish, exit status 3; resume"
                    + " later with --resume.")
    Duration maxDuration;

    @Option(names = "--grace-period", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "After Ctrl-C, SIGTERM or --max-duration, how long the logins in flight may take to"
                    + " finish (default: 30s). After it the tool exits anyway and names the logins still in"
                    + " flight: their outcome is unknown, and --resume looks them up again.")
    Duration gracePeriod = DEFAULT_GRACE_PERIOD;

    /**
     * Checks the values that need no file.
     *
     * @throws ExitException (usage) naming the option
     */
    void validate() {
        if (resume && file == null) {
            throw ExitException.usage("--resume needs --journal FILE: the journal of the run to continue (its path"
                    + " was printed when that run started)");
        }
        if (maxDuration != null && maxDuration.isZero()) {
            throw ExitException.usage("--max-duration must be more than 0, such as 90m or 2h");
        }
        if (gracePeriod.compareTo(Duration.ofDays(1)) > 0) {
            throw ExitException.usage("--grace-period must be at most 24h, was "
                    + DurationConverter.format(gracePeriod));
        }
    }

    /**
     * The journal of this run: {@code --journal}; without it, for {@code --execute}, a new file named after the time
     * in the folder of the report or the working folder; for a dry run without it, none.
     *
     * @return the file, or {@code null} for none
     */
    Path file(boolean execute, Path report, Path workingDirectory, Clock clock) {
        if (file != null) {
            return file;
        }
        if (!execute) {
            return null;
        }
        Path folder = report != null && report.toAbsolutePath().getParent() != null
                ? report.toAbsolutePath().getParent() : workingDirectory.toAbsolutePath();
        String stem = "okta-bulk-delete-" + JOURNAL_TIME.format(clock.instant());
        Path chosen = folder.resolve(stem + ".journal.jsonl");
        for (int n = 2; Files.exists(chosen); n++) {
            chosen = folder.resolve(stem + "-" + n + ".journal.jsonl");
        }
        return chosen;
    }

    /**
     * Checks that {@code journal} can be written, and holds a journal exactly when resuming.
     *
     * @throws ExitException (usage) naming the file and what to do
     */
    void checkUsable(Path journal) {
        if (journal == null) {
            return;
        }
        Path parent = journal.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw ExitException.usage("--journal: the folder " + parent + " does not exist");
        }
        if (Files.isDirectory(journal)) {
            throw ExitException.usage("--journal: " + journal + " is a folder");
        }
        boolean exists = Files.exists(journal);
        if (resume && !exists) {
            throw ExitException.usage("--resume: the journal " + journal + " does not exist. Name the journal of the"
                    + " run to continue (its path was printed when that run started), or leave out --resume to start"
                    + " a new run");
        }
        long size;
        try {
            size = exists ? Files.size(journal) : 0;
        } catch (IOException e) {
            throw ExitException.usage("--journal: cannot read " + journal + ": " + e.getMessage());
        }
        if (!resume && size > 0) {
            throw ExitException.usage("--journal " + journal + " already holds a journal: add --resume to continue"
                    + " that run (the logins it finished are left alone), or name a new file");
        }
    }

    /**
     * Opens the journal and forces its run record to disk: from then on a resume of it works, even if the process
     * dies before the first outcome.
     *
     * @throws ExitException (usage) if it cannot be written
     */
    static DeletionJournal open(Path journal, JournalHeader header, Clock clock) {
        try {
            return DeletionJournal.open(journal, header, clock);
        } catch (FileAlreadyExistsException e) {
            throw ExitException.usage("--journal " + journal + ": " + e.getReason());
        } catch (IOException e) {
            throw ExitException.usage("--journal: cannot write " + journal + ": " + e.getMessage());
        }
    }

    /**
     * The run record: where, what and how, never a credential.
     *
     * @param orgUrl the org
     * @param inputs the inputs, as {@link InputOptions#describe} names them
     * @param total the logins this run does
     * @param plan the plan this run applies (or makes, then applies), or {@code null}
     * @return the record
     */
    JournalHeader header(String orgUrl, SafetyOptions safety, PaceOptions pace, String inputs, long total,
            Path plan, Clock clock) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("mode", safety.execute ? "execute" : "dry-run");
        options.put("resume", Boolean.toString(resume));
        options.put("inputs", inputs);
        options.put("logins", Long.toString(total));
        if (plan != null) {
            options.put("plan", plan.toAbsolutePath().toString());
        }
        pace.describeIn(options);
        if (safety.maxDeletions != null) {
            options.put("maxDeletions", Long.toString(safety.maxDeletions));
        }
        if (maxDuration != null) {
            options.put("maxDuration", maxDuration.toString());
        }
        options.put("gracePeriod", gracePeriod.toString());
        options.put("protected", Integer.toString(safety.protect.size() + safety.protectFiles.size()));
        return new JournalHeader(clock.instant(), orgUrl, options, VersionProvider.implementationVersion());
    }

    /** Says where the journal is, and how to resume it. */
    void announce(Path journal, boolean resumed, PrintWriter err) {
        if (journal != null) {
            err.println("  journal: " + journal.toAbsolutePath() + (resumed ? " (resumed)" : file == null
                    ? " (to resume if the run stops: --journal " + journal.toAbsolutePath() + " --resume)" : ""));
        }
    }

    /** Says when {@code --max-duration} stops the run, if it does. */
    void announceStop(Cancellation cancellation, PrintWriter err) {
        if (maxDuration != null) {
            err.println("  stops: after " + DurationConverter.format(maxDuration) + " (at "
                    + cancellation.deadline().orElseThrow() + "), with a grace period of "
                    + DurationConverter.format(gracePeriod) + " for the logins in flight");
        }
    }

    /** Closes a journal, saying on {@code err} if that fails. */
    static void close(DeletionJournal journal, PrintWriter err) {
        if (journal != null) {
            try {
                journal.close();
            } catch (IOException e) {
                err.println("okta-bulk-delete: closing the journal failed: " + e.getMessage());
            }
        }
    }
}

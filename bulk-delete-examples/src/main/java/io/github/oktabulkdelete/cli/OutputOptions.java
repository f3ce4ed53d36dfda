package io.github.oktabulkdelete.cli;

import io.github.oktabulkdelete.DeletionOutcome;
import io.github.oktabulkdelete.JournalContents;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The output options: the report file ({@code --report}) and the progress display ({@code --no-progress}); opens the
 * report of a pass.
 *
 * <p>Filled by picocli, then read by one thread; not thread-safe.
 *
 * <pre>{@code
 * output.validate();
 * try (ReportWriter report = output.openReport(resume)) { ... }
 * }</pre>
 */
final class OutputOptions {

    @Option(names = "--report", paramLabel = "FILE",
            description = "Write one row per login to FILE: .csv or .jsonl. Columns: login, outcome, reason,"
                    + " user_id, previous_status, http_status, error_code, attempts, detail, change_may_have_been_made.")
    Path report;

    @Option(names = "--no-progress", description = "No progress display on standard error.")
    boolean noProgress;

    /**
     * Checks the report's name.
     *
     * @throws ExitException (usage) if {@code --report} is neither .csv nor .jsonl
     */
    void validate() {
        if (report != null && ReportWriter.formatOf(report).isEmpty()) {
            throw ExitException.usage("--report must name a .csv or .jsonl file, was " + report);
        }
    }

    /**
     * Checks that the report can be written where it is named.
     *
     * @throws ExitException (usage) if its folder is missing or it names a folder
     */
    void checkWritable() {
        if (report == null) {
            return;
        }
        Path parent = report.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw ExitException.usage("--report: the folder " + parent + " does not exist");
        }
        if (Files.isDirectory(report)) {
            throw ExitException.usage("--report: " + report + " is a folder");
        }
    }

    /**
     * Opens the report; a resumed run's starts with the logins that earlier runs finished, as the journal has them.
     *
     * @param resume the resumed journal, or {@code null}
     * @return the report, or {@code null} without {@code --report}
     * @throws ExitException (usage) if it cannot be written
     */
    ReportWriter openReport(Resume resume) {
        if (report == null) {
            return null;
        }
        ReportWriter writer = null;
        try {
            writer = ReportWriter.open(report);
            if (resume != null) {
                for (DeletionOutcome outcome : resume.contents().outcomes()) {
                    if (JournalContents.isFinal(outcome)) {
                        writer.write(ReportRow.of(outcome));
                    }
                }
            }
            return writer;
        } catch (IOException e) {
            close(writer, null);
            throw ExitException.usage("--report: cannot write " + report + ": " + e.getMessage());
        }
    }

    /** Writes the report of a resumed run that found nothing left to do: the earlier runs' logins. */
    void writeReportOfEarlierRuns(Resume resume, PrintWriter out, PrintWriter err) {
        close(openReport(resume), err);
        if (report != null) {
            out.println("  report: " + report.toAbsolutePath());
        }
    }

    /** Closes a report, saying on {@code err} if that fails. */
    static void close(ReportWriter writer, PrintWriter err) {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                if (err != null) {
                    err.println("okta-bulk-delete: closing the report failed: " + e.getMessage());
                }
            }
        }
    }
}

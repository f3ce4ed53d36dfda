package io.github.oktabulkdelete.cli;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes the CLI's per-login report, one {@link ReportRow} at a time, in the order the logins finish: CSV (with a
 * header row) for a {@code .csv} file, JSON Lines (one object per line, keys in column order) for {@code .jsonl}.
 *
 * <p>Every row is flushed as it is written, so a report is complete up to the last login that finished even if the
 * run is stopped. Not thread-safe: the CLI writes from the deleter's outcome consumer, one call at a time.
 *
 * <pre>{@code
 * try (ReportWriter report = ReportWriter.open(Path.of("report.csv"))) {
 *     deleter.deleteAll(logins, outcome -> report.writeUnchecked(ReportRow.of(outcome)));
 * }
 * }</pre>
 */
public interface ReportWriter extends Closeable {

    /**
     * Opens a report file for its extension, replacing any file there.
     *
     * @param file a {@code .csv} or {@code .jsonl} file
     * @return a writer that has written the header, if the format has one
     * @throws IllegalArgumentException if the extension is neither
     * @throws IOException if the file cannot be created
     */
    static ReportWriter open(Path file) throws IOException {
        return switch (formatOf(file)) {
            case "csv" -> new CsvReportWriter(file);
            case "jsonl" -> new JsonLinesReportWriter(file);
            default -> throw new IllegalArgumentException("--report must name a .csv or .jsonl file, was " + file);
        };
    }

    /**
     * The report format a file name asks for.
     *
     * @param file the file
     * @return {@code csv}, {@code jsonl}, or the empty string for anything else
     */
    static String formatOf(Path file) {
        Path name = file.getFileName();
        String lower = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        return lower.endsWith(".csv") ? "csv" : lower.endsWith(".jsonl") ? "jsonl" : "";
    }

    /**
     * Writes and flushes one row.
     *
     * @param row the row
     * @throws IOException if writing fails
     */
    void write(ReportRow row) throws IOException;

    /**
     * Writes and flushes one row, for use in a {@code Consumer}.
     *
     * @param row the row
     * @throws java.io.UncheckedIOException if writing fails
     */
    default void writeUnchecked(ReportRow row) {
        try {
            write(row);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("writing the report failed: " + e.getMessage(), e);
        }
    }
}

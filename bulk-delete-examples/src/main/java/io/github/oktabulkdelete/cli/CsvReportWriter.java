package io.github.oktabulkdelete.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The CSV report: UTF-8, a header row with {@link ReportRow#COLUMNS}, CR LF line ends, values quoted when they need
 * it (RFC 4180), an empty value for an absent one.
 *
 * <p>Not thread-safe.
 *
 * <pre>{@code
 * try (ReportWriter report = new CsvReportWriter(Path.of("report.csv"))) {
 *     report.write(ReportRow.of(outcome));
 * }
 * }</pre>
 */
public final class CsvReportWriter implements ReportWriter {

    private final CSVPrinter printer;

    /**
     * Creates the file, replacing any file there, and writes the header row.
     *
     * @param file the file
     * @throws IOException if the file cannot be created
     */
    public CsvReportWriter(Path file) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder()
                .setHeader(ReportRow.COLUMNS.toArray(String[]::new))
                .setNullString("")
                .get();
        this.printer = new CSVPrinter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), format);
        printer.flush();
    }

    @Override
    public void write(ReportRow row) throws IOException {
        printer.printRecord(row.values());
        printer.flush();
    }

    @Override
    public void close() throws IOException {
        printer.close(true);
    }
}

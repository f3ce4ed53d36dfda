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
 * <p><b>Safe to open in a spreadsheet.</b> A login comes from an input file and a detail from Okta: a value that starts
 * with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return would be run as a formula by Excel,
 * LibreOffice or Google Sheets (OWASP "CSV injection"). Such a value is written with a single quote {@code '} in
 * front, which the spreadsheet shows as text; the JSON Lines report keeps every value as it is.
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

    /** The first characters that make a spreadsheet read a cell as a formula (OWASP). */
    private static final String FORMULA_STARTS = "=+-@\t\r";

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
        printer.printRecord(row.values().stream().map(CsvReportWriter::neutralised).toArray());
        printer.flush();
    }

    /**
     * A value as a spreadsheet reads it as text: prefixed with {@code '} when it starts with a character that would
     * make it a formula.
     *
     * @param value a value, or {@code null}
     * @return the value, prefixed when needed; {@code null} and non-text values unchanged
     */
    static Object neutralised(Object value) {
        if (value instanceof String text && !text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return value;
    }

    @Override
    public void close() throws IOException {
        printer.close(true);
    }
}

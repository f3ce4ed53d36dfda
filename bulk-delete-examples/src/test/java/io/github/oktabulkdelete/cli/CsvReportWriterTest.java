package io.github.oktabulkdelete.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReportWriterTest {

    @TempDir
    Path dir;

    @Test
    void aCellThatASpreadsheetWouldRunAsAFormulaIsWrittenAsText() throws Exception {
        Path file = dir.resolve("report.csv");
        List<String> hostile = List.of("=HYPERLINK(\"http://evil\",\"x\")@corp.com", "+1+1", "-2+3", "@SUM(A1)",
                "\tcmd", "\rcmd");
        try (ReportWriter report = ReportWriter.open(file)) {
            for (String value : hostile) {
                report.write(new ReportRow(value, "failed", null, null, null, 500, null, 1, value));
            }
            report.write(new ReportRow("jsmith@corp.com", "deleted", null, "00u1", "ACTIVE", null, null, 2,
                    "a - b = c"));
        }

        List<CSVRecord> rows;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
        assertThat(rows).hasSize(hostile.size() + 1);
        for (int i = 0; i < hostile.size(); i++) {
            assertThat(rows.get(i).get("login")).isEqualTo("'" + hostile.get(i));
            assertThat(rows.get(i).get("detail")).isEqualTo("'" + hostile.get(i));
            assertThat(rows.get(i).get("outcome")).isEqualTo("failed");
            assertThat(rows.get(i).get("http_status")).isEqualTo("500");
        }
        CSVRecord plain = rows.get(hostile.size());
        assertThat(plain.get("login")).isEqualTo("jsmith@corp.com");
        assertThat(plain.get("detail")).isEqualTo("a - b = c");
        assertThat(plain.get("reason")).isEmpty();
    }
}

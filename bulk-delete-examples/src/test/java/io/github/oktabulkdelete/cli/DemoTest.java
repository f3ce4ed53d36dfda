package io.github.oktabulkdelete.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.oktabulkdelete.testing.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code --demo}, the README's first command, end to end in this JVM (waits advance a fake clock). */
class DemoTest {

    private Path demoFolder;

    @AfterEach
    void deleteDemoFiles() throws IOException {
        if (demoFolder != null) {
            try (Stream<Path> files = Files.walk(demoFolder)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    @Test
    void theDemoRunsTheWholeFlowAndPrintsItsSummary() throws IOException {
        MutableClock clock = MutableClock.at(Instant.parse("2026-11-27T10:00:00Z"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        BulkDeleteCommand command = new BulkDeleteCommand(Map.of(), new ByteArrayInputStream(new byte[0]),
                new PrintWriter(out, true), new PrintWriter(err, true), FakeTerminal.none())
                .withTime(clock, clock::advance);

        int status = command.commandLine().execute("--demo");

        String shown = out.toString();
        assertThat(status).as(err.toString()).isEqualTo(ExitStatus.OK);
        assertThat(shown)
                .contains("LOCAL FAKE Okta org")
                .contains("Summary: dry run, nothing was changed")
                .contains("would delete         300")
                .contains("Summary: 300 users deleted")
                .contains("deleted              300")
                .contains("not found              5")
                .contains("skipped                4  1 protected, 1 duplicate, 1 login mismatch, 1 token owner")
                .contains("failed                 0")
                .contains("3 retries")
                .contains("The fake org now holds 23 users")
                .contains("kept:    jsmith@corp.example")
                .contains("kept:    it-admin@corp.example")
                .contains("kept:    svc-okta-api@corp.example")
                .doesNotContain("DELETED:")
                .contains("Summary: 4 users deleted")
                .contains("restored       contractor1@corp.example as 00u");
        assertThat(err.toString()).contains("deactivated for more than 90d", ": 4 users");
        assertThat(err.toString()).contains("Checking (dry run) 309/309 100%")
                .contains("Deleting 309/309 100%");

        Path input = path(shown, "Password Health Report \\(input\\): +(\\S+)");
        Path report = path(shown, "report \\(CSV\\): +(\\S+)");
        Path dryRunReport = path(shown, "dry-run report \\(JSON Lines\\): +(\\S+)");
        demoFolder = input.getParent();
        assertThat(Files.readAllBytes(input)).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(Files.readString(input)).contains("\r\n").contains("\"Smith, John\",jsmith,Active");
        assertThat(Files.readAllLines(dryRunReport)).hasSize(309);
        try (Reader reader = Files.newBufferedReader(report, StandardCharsets.UTF_8);
                CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                        .parse(reader)) {
            List<CSVRecord> rows = parser.getRecords();
            assertThat(rows).hasSize(309);
            assertThat(rows.stream().collect(Collectors.groupingBy(r -> r.get("outcome"), Collectors.counting())))
                    .containsExactlyInAnyOrderEntriesOf(Map.of("deleted", 300L, "not_found", 5L, "skipped", 4L));
        }
    }

    private static Path path(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as(regex).isTrue();
        return Path.of(matcher.group(1));
    }
}

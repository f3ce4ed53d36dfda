package io.github.oktabulkdelete.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The JSON Lines report: UTF-8, one JSON object per line with the keys of {@link ReportRow#COLUMNS} in order,
 * {@code null} for an absent value, numbers for {@code http_status} and {@code attempts}.
 *
 * <p>Not thread-safe.
 *
 * <pre>{@code
 * try (ReportWriter report = new JsonLinesReportWriter(Path.of("report.jsonl"))) {
 *     report.write(ReportRow.of(outcome));
 * }
 * }</pre>
 */
public final class JsonLinesReportWriter implements ReportWriter {

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);

    private final Writer writer;

    /**
     * Creates the file, replacing any file there.
     *
     * @param file the file
     * @throws IOException if the file cannot be created
     */
    public JsonLinesReportWriter(Path file) throws IOException {
        this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    @Override
    public void write(ReportRow row) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        List<Object> values = row.values();
        for (int i = 0; i < ReportRow.COLUMNS.size(); i++) {
            Object value = values.get(i);
            String key = ReportRow.COLUMNS.get(i);
            if (value == null) {
                node.putNull(key);
            } else if (value instanceof Integer number) {
                node.put(key, number);
            } else if (value instanceof Boolean flag) {
                node.put(key, flag);
            } else {
                node.put(key, value.toString());
            }
        }
        writer.write(JSON.writeValueAsString(node));
        writer.write('\n');
        writer.flush();
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}

package io.github.oktabulkdelete.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.oktabulkdelete.PlannedUser;
import io.github.oktabulkdelete.SkipReason;
import io.github.oktabulkdelete.UserState;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * The JSON Lines format of a {@code DeletionPlan}, one record per line, UTF-8, each ending with LF, read and written
 * one line at a time (a plan of millions of logins is never held in memory).
 *
 * <p>First the header: {@code {"type":"plan","plan":1,"createdAt":ISO-8601,"orgUrl":...,"toolVersion":...,
 * "input":...}}; then one record per login: {@code {"type":"user","login":...,"action":DELETE|SKIP|NOT_FOUND|
 * UNCHECKED,"userId":...,"status":UserState,"reason":SkipReason,"detail":...}}; last, {@code {"type":"end",
 * "users":N}}, without which a plan is incomplete.
 */
public final class PlanCodec {

    /** The version of the format this code writes, and the newest it reads. */
    public static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private PlanCodec() {
    }

    /** A header read: the fields of {@code DeletionPlan.Header}. */
    public record Header(Instant createdAt, String orgUrl, String toolVersion, String input) {
    }

    /** A line that is not a valid record; the message says what is wrong with it. */
    public static final class BadRecord extends Exception {

        private static final long serialVersionUID = 1L;

        BadRecord(String problem) {
            super(problem);
        }
    }

    /** @return the header line, with its line feed */
    public static String header(Header header) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", "plan");
        node.put("plan", VERSION);
        node.put("createdAt", header.createdAt().toString());
        node.put("orgUrl", header.orgUrl());
        node.put("toolVersion", header.toolVersion());
        node.put("input", header.input());
        return line(node);
    }

    /** @return the line of one planned user, with its line feed */
    public static String user(PlannedUser user) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", "user");
        node.put("login", user.login());
        node.put("action", user.action().name());
        node.put("userId", user.userId());
        node.put("status", user.status() == null ? null : user.status().name());
        node.put("reason", user.reason() == null ? null : user.reason().name());
        node.put("detail", user.detail());
        return line(node);
    }

    /** @return the last line, with its line feed */
    public static String end(long users) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", "end");
        node.put("users", users);
        return line(node);
    }

    /** Reads the header line. */
    public static Header readHeader(String line) throws BadRecord {
        JsonNode node = parse(line, "plan");
        int version = node.path("plan").asInt(-1);
        if (version < 1 || version > VERSION) {
            throw new BadRecord("plan format version " + node.path("plan") + " is not one this version reads (1 to "
                    + VERSION + ")");
        }
        try {
            return new Header(Instant.parse(text(node, "createdAt", true)), text(node, "orgUrl", false),
                    text(node, "toolVersion", false), text(node, "input", false));
        } catch (DateTimeException e) {
            throw new BadRecord("createdAt is not an ISO-8601 instant");
        }
    }

    /** Reads a line after the header: a planned user, or {@code null} for the end record (whose count is checked). */
    public static PlannedUser readUser(String line, long usersSoFar) throws BadRecord {
        JsonNode node = parse(line, null);
        String type = node.path("type").asText("");
        if (type.equals("end")) {
            if (node.path("users").asLong(-1) != usersSoFar) {
                throw new BadRecord("the end record counts " + node.path("users") + " users, the plan holds "
                        + usersSoFar);
            }
            return null;
        }
        if (!type.equals("user")) {
            throw new BadRecord("a record of type '" + type + "' where a planned user was expected");
        }
        try {
            String status = text(node, "status", false);
            String reason = text(node, "reason", false);
            return new PlannedUser(text(node, "login", true),
                    PlannedUser.Action.valueOf(text(node, "action", true)), text(node, "userId", false),
                    status == null ? null : UserState.valueOf(status),
                    reason == null ? null : SkipReason.valueOf(reason), text(node, "detail", false));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new BadRecord("not a valid planned user: " + e.getMessage());
        }
    }

    private static JsonNode parse(String line, String type) throws BadRecord {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new BadRecord("not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new BadRecord("not a JSON object");
        }
        if (type != null && !type.equals(node.path("type").asText(""))) {
            throw new BadRecord("the first record is not a plan header (type \"" + type + "\"): not a plan file");
        }
        return node;
    }

    private static String text(JsonNode node, String name, boolean required) throws BadRecord {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                throw new BadRecord("'" + name + "' is missing");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new BadRecord("'" + name + "' is not a string");
        }
        return value.asText();
    }

    private static String line(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

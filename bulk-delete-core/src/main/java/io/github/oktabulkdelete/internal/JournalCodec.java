package io.github.oktabulkdelete.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.oktabulkdelete.ChangeIntent;
import io.github.oktabulkdelete.DeletionOutcome;
import io.github.oktabulkdelete.JournalHeader;
import io.github.oktabulkdelete.OutcomeKind;
import io.github.oktabulkdelete.SkipReason;
import io.github.oktabulkdelete.Step;
import io.github.oktabulkdelete.UserState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON Lines format of a {@code DeletionJournal}: one JSON object per line, UTF-8, each ending with LF.
 *
 * <p>A run record: {@code {"type":"run","journal":1,"startedAt":ISO-8601,"orgUrl":...,"toolVersion":...,
 * "options":{name:value,...}}}. An outcome record, every key always present, {@code null} when it does not apply:
 * {@code {"type":"outcome","at":ISO-8601,"login":...,"outcome":OutcomeKind,"reason":SkipReason,"userId":...,
 * "status":UserState,"deactivatedByThisRun":boolean,"step":Step,"httpStatus":int,"errorCode":...,"attempts":int,
 * "message":...,"byInterruptedRun":boolean,"changeMayHaveBeenMade":boolean}} (the last two absent in journals
 * written before they existed: read as {@code false}). An intent record, written ahead of a user's first change:
 * {@code {"type":"intent","at":ISO-8601,"login":...,"userId":...,"status":UserState,"user":{...}}} ({@code user}, the
 * user's record, is absent in intents without one: see {@link UserRecordCodec}). Records of another
 * {@code type} are skipped when read, so that later versions may add some (a reader that does not know intent
 * records skips them too).
 */
public final class JournalCodec {

    /** The version of the format this code writes, and the newest it reads. */
    public static final int VERSION = 1;

    /** The key that says what a record is. */
    public static final String TYPE = "type";
    /** The {@link #TYPE} of a run record. */
    public static final String RUN = "run";
    /** The {@link #TYPE} of an outcome record. */
    public static final String OUTCOME = "outcome";
    /** The {@link #TYPE} of an intent record. */
    public static final String INTENT = "intent";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JournalCodec() {
    }

    /** A record that cannot be read: unreadable JSON ({@link #unreadable}), or JSON that is not a valid record. */
    public static final class BadRecord extends Exception {

        private static final long serialVersionUID = 1L;

        private final boolean unreadable;

        BadRecord(String problem, boolean unreadable, Throwable cause) {
            super(problem, cause);
            this.unreadable = unreadable;
        }

        /** @return whether the line is not even JSON, as a record cut short by a crash is */
        public boolean unreadable() {
            return unreadable;
        }
    }

    /**
     * A record read: a run header, an outcome, or an intent, or none of them (a record of a type this version does
     * not know).
     */
    public record Parsed(JournalHeader header, DeletionOutcome outcome, ChangeIntent intent) {
    }

    /**
     * The intent record.
     *
     * @param intent the intent
     * @param at when it was recorded
     * @return one line of UTF-8 JSON, with its line feed
     */
    public static byte[] intent(ChangeIntent intent, Instant at) {
        ObjectNode node = JSON.createObjectNode();
        node.put(TYPE, INTENT);
        node.put("at", at.toString());
        node.put("login", intent.login());
        node.put("userId", intent.userId());
        node.put("status", intent.status().name());
        if (intent.record() != null) {
            node.set("user", UserRecordCodec.write(intent.record()));
        }
        return line(node);
    }

    /**
     * The run record.
     *
     * @param header the run
     * @return one line of UTF-8 JSON, with its line feed
     */
    public static byte[] header(JournalHeader header) {
        ObjectNode node = JSON.createObjectNode();
        node.put(TYPE, RUN);
        node.put("journal", VERSION);
        node.put("startedAt", header.startedAt().toString());
        node.put("orgUrl", header.orgUrl());
        node.put("toolVersion", header.toolVersion());
        ObjectNode options = node.putObject("options");
        header.options().forEach(options::put);
        return line(node);
    }

    /**
     * The outcome record.
     *
     * @param outcome the outcome
     * @param at when it was recorded
     * @return one line of UTF-8 JSON, with its line feed
     */
    public static byte[] outcome(DeletionOutcome outcome, Instant at) {
        ObjectNode node = JSON.createObjectNode();
        node.put(TYPE, OUTCOME);
        node.put("at", at.toString());
        node.put("login", outcome.login());
        node.put("outcome", outcome.kind().name());
        String reason = null;
        String userId = null;
        UserState status = null;
        Boolean deactivated = null;
        Step step = null;
        Integer httpStatus = null;
        String errorCode = null;
        Integer attempts = null;
        String message = null;
        boolean byInterruptedRun = false;
        boolean changeMayHaveBeenMade = false;
        if (outcome instanceof DeletionOutcome.Deleted d) {
            byInterruptedRun = d.byInterruptedRun();
            userId = d.userId();
            status = d.previousStatus();
            deactivated = d.deactivatedByThisRun();
            attempts = d.attempts();
        } else if (outcome instanceof DeletionOutcome.NotFound n) {
            attempts = n.attempts();
        } else if (outcome instanceof DeletionOutcome.Skipped s) {
            reason = s.reason().name();
            userId = s.userId();
            status = s.status();
            message = s.detail();
        } else if (outcome instanceof DeletionOutcome.Failed f) {
            step = f.step();
            httpStatus = f.httpStatus();
            errorCode = f.errorCode();
            attempts = f.attempts();
            message = f.message();
            userId = f.userId();
            changeMayHaveBeenMade = f.changeMayHaveBeenMade();
        } else if (outcome instanceof DeletionOutcome.NotAttempted n) {
            message = n.reason();
        }
        node.put("reason", reason);
        node.put("userId", userId);
        node.put("status", status == null ? null : status.name());
        node.put("deactivatedByThisRun", deactivated);
        node.put("step", step == null ? null : step.name());
        node.put("httpStatus", httpStatus);
        node.put("errorCode", errorCode);
        node.put("attempts", attempts);
        node.put("message", message);
        node.put("byInterruptedRun", byInterruptedRun);
        node.put("changeMayHaveBeenMade", changeMayHaveBeenMade);
        return line(node);
    }

    private static byte[] line(ObjectNode node) {
        try {
            // the UTF-8 generator writes a lone surrogate as a \\u escape, so that any Java string reads back as it was
            byte[] json = JSON.writeValueAsBytes(node);
            byte[] withNewline = new byte[json.length + 1];
            System.arraycopy(json, 0, withNewline, 0, json.length);
            withNewline[json.length] = '\n';
            return withNewline;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads one line.
     *
     * @param bytes holds the line, without its line feed
     * @param offset where the line starts
     * @param length how long it is
     * @param strings canonical copies of repeated texts (messages), to keep a large journal small in memory
     * @return the record
     * @throws BadRecord if the line is not a valid record
     */
    public static Parsed parse(byte[] bytes, int offset, int length, Map<String, String> strings) throws BadRecord {
        return parse(bytes, offset, length, strings, false);
    }

    /**
     * Reads one line, as {@link #parse(byte[], int, int, Map)}, with the intent's user record if asked.
     *
     * @param bytes holds the line, without its line feed
     * @param offset where the line starts
     * @param length how long it is
     * @param strings canonical copies of repeated texts
     * @param records whether to read an intent's user record (else its {@code record()} is {@code null})
     * @return the record
     * @throws BadRecord if the line is not a valid record
     */
    public static Parsed parse(byte[] bytes, int offset, int length, Map<String, String> strings, boolean records)
            throws BadRecord {
        JsonNode node;
        try {
            node = JSON.readTree(bytes, offset, length);
        } catch (IOException e) {
            String problem = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            throw new BadRecord("not a journal record (" + firstLine(problem) + ")", true, e);
        }
        if (node == null || !node.isObject()) {
            throw new BadRecord("not a journal record (not a JSON object)", false, null);
        }
        String type = text(node, TYPE, true);
        if (RUN.equals(type)) {
            return new Parsed(parseHeader(node), null, null);
        }
        if (OUTCOME.equals(type)) {
            return new Parsed(null, parseOutcome(node, strings), null);
        }
        if (INTENT.equals(type)) {
            return new Parsed(null, null, new ChangeIntent(text(node, "login", true), text(node, "userId", true),
                    UserState.parse(text(node, "status", true)), records ? UserRecordCodec.read(node.get("user"))
                    : null));
        }
        return new Parsed(null, null, null);
    }

    private static JournalHeader parseHeader(JsonNode node) throws BadRecord {
        JsonNode version = node.get("journal");
        if (version == null || !version.canConvertToInt()) {
            throw new BadRecord("the run record has no format version ('journal')", false, null);
        }
        if (version.asInt() > VERSION) {
            throw new BadRecord("the journal is in format " + version.asInt() + ", newer than this version reads ("
                    + VERSION + "): it was written by a newer version", false, null);
        }
        Instant startedAt;
        try {
            startedAt = Instant.parse(text(node, "startedAt", true));
        } catch (DateTimeException e) {
            throw new BadRecord("the run record's startedAt is not an ISO-8601 instant", false, e);
        }
        Map<String, String> options = new LinkedHashMap<>();
        JsonNode given = node.get("options");
        if (given != null && given.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> option = it.next();
                options.put(option.getKey(), option.getValue().isNull() ? "" : option.getValue().asText());
            }
        }
        return new JournalHeader(startedAt, text(node, "orgUrl", false), options, text(node, "toolVersion", false));
    }

    private static DeletionOutcome parseOutcome(JsonNode node, Map<String, String> strings) throws BadRecord {
        String login = text(node, "login", true);
        OutcomeKind kind = enumValue(OutcomeKind.class, node, "outcome", true);
        String userId = text(node, "userId", false);
        String status = text(node, "status", false);
        String message = canonical(strings, text(node, "message", kind != OutcomeKind.DELETED
                && kind != OutcomeKind.NOT_FOUND));
        try {
            return switch (kind) {
                case DELETED -> new DeletionOutcome.Deleted(login, required(userId, "userId"),
                        UserState.parse(required(status, "status")), bool(node, "deactivatedByThisRun"),
                        integer(node, "attempts"), optionalBool(node, "byInterruptedRun"));
                case NOT_FOUND -> new DeletionOutcome.NotFound(login, integer(node, "attempts"));
                case SKIPPED -> new DeletionOutcome.Skipped(login, enumValue(SkipReason.class, node, "reason", true),
                        userId, status == null ? null : UserState.parse(status), message);
                case FAILED -> new DeletionOutcome.Failed(login, enumValue(Step.class, node, "step", true),
                        integer(node, "httpStatus"), canonical(strings, text(node, "errorCode", false)), message,
                        integer(node, "attempts"), userId, optionalBool(node, "changeMayHaveBeenMade"));
                case NOT_ATTEMPTED -> new DeletionOutcome.NotAttempted(login, message);
            };
        } catch (NullPointerException e) {
            throw new BadRecord("the " + kind + " record has no " + e.getMessage(), false, e);
        }
    }

    private static String required(String value, String field) {
        if (value == null) {
            throw new NullPointerException(field);
        }
        return value;
    }

    private static String text(JsonNode node, String field, boolean required) throws BadRecord {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new BadRecord("the record has no '" + field + "'", false, null);
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new BadRecord("the record's '" + field + "' is not text", false, null);
        }
        return value.textValue();
    }

    private static int integer(JsonNode node, String field) throws BadRecord {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new BadRecord("the record's '" + field + "' is not a whole number", false, null);
        }
        return value.intValue();
    }

    private static boolean bool(JsonNode node, String field) throws BadRecord {
        JsonNode value = node.get(field);
        if (value == null || !value.isBoolean()) {
            throw new BadRecord("the record's '" + field + "' is not true or false", false, null);
        }
        return value.booleanValue();
    }

    /** A flag added after format 1 was first written: absent (or null) reads as {@code false}. */
    private static boolean optionalBool(JsonNode node, String field) throws BadRecord {
        JsonNode value = node.get(field);
        return value != null && !value.isNull() && bool(node, field);
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, JsonNode node, String field, boolean required)
            throws BadRecord {
        String name = text(node, field, required);
        if (name == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new BadRecord("the record's '" + field + "' is '" + name + "', which this version does not know "
                    + "(a journal written by a newer version?)", false, e);
        }
    }

    /** Repeated texts (the same message for thousands of logins) are kept once; at most 10,000 distinct ones. */
    private static String canonical(Map<String, String> strings, String value) {
        if (value == null) {
            return null;
        }
        String known = strings.get(value);
        if (known != null) {
            return known;
        }
        if (strings.size() < 10_000) {
            strings.put(value, value);
        }
        return value;
    }

    private static String firstLine(String message) {
        String m = String.valueOf(message);
        int newline = m.indexOf('\n');
        m = newline < 0 ? m : m.substring(0, newline);
        return m.length() <= 200 ? m : m.substring(0, 200) + "...";
    }
}

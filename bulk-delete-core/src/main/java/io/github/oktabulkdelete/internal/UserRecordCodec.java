package io.github.oktabulkdelete.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.oktabulkdelete.GroupRecord;
import io.github.oktabulkdelete.UserRecord;
import io.github.oktabulkdelete.UserState;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code user} object of an intent record: {@code {"profile":{...},"typeId":...,"status":UserState,
 * "created":ISO-8601,"credentialsProvider":{"type":...,"name":...},"groups":[{"id":...,"name":...,"type":...}]}},
 * {@code groups} {@code null} when they were not listed. Stateless and thread-safe.
 */
final class UserRecordCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private UserRecordCodec() {
    }

    static ObjectNode write(UserRecord record) {
        ObjectNode node = JSON.createObjectNode();
        node.set("profile", JSON.valueToTree(record.profile()));
        node.put("typeId", record.typeId());
        node.put("status", record.status().name());
        node.put("created", record.created() == null ? null : record.created().toString());
        ObjectNode provider = node.putObject("credentialsProvider");
        provider.put("type", record.credentialsProviderType());
        provider.put("name", record.credentialsProviderName());
        if (record.groups() == null) {
            node.putNull("groups");
        } else {
            ArrayNode groups = node.putArray("groups");
            for (GroupRecord group : record.groups()) {
                groups.addObject().put("id", group.id()).put("name", group.name()).put("type", group.type());
            }
        }
        return node;
    }

    /** The record, or {@code null} for a missing or {@code null} node. */
    static UserRecord read(JsonNode node) throws JournalCodec.BadRecord {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject() || !node.path("profile").isObject()) {
            throw new JournalCodec.BadRecord("the intent's 'user' is not a user record (no 'profile' object)", false,
                    null);
        }
        Map<String, Object> profile = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.get("profile").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> attribute = it.next();
            profile.put(attribute.getKey(), JSON.convertValue(attribute.getValue(), Object.class));
        }
        Instant created = null;
        String createdText = text(node, "created");
        if (createdText != null) {
            try {
                created = Instant.parse(createdText);
            } catch (DateTimeException e) {
                throw new JournalCodec.BadRecord("the user record's 'created' is not an ISO-8601 instant", false, e);
            }
        }
        List<GroupRecord> groups = null;
        JsonNode listed = node.get("groups");
        if (listed != null && listed.isArray()) {
            groups = new ArrayList<>(listed.size());
            for (JsonNode group : listed) {
                String id = text(group, "id");
                if (id == null) {
                    throw new JournalCodec.BadRecord("a group of the user record has no 'id'", false, null);
                }
                groups.add(new GroupRecord(id, text(group, "name"), text(group, "type")));
            }
        }
        JsonNode provider = node.path("credentialsProvider");
        return new UserRecord(profile, text(node, "typeId"), UserState.parse(text(node, "status")), created,
                text(provider, "type"), text(provider, "name"), groups);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}

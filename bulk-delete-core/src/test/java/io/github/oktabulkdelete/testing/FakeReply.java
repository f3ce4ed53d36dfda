package io.github.oktabulkdelete.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * What an endpoint handler outside {@link FakeOktaOrg} answers, before the org adds the common headers
 * ({@code Date}, rate limits, request id).
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * FakeReply reply = FakeReply.ok(json);
 * }</pre>
 *
 * @param status the HTTP status
 * @param body the JSON body, or {@code null} for none
 * @param headers extra headers, such as {@code Link}
 */
record FakeReply(int status, JsonNode body, List<Map.Entry<String, String>> headers) {

    FakeReply {
        headers = List.copyOf(headers);
    }

    static FakeReply ok(JsonNode body) {
        return new FakeReply(200, body, List.of());
    }

    static FakeReply error(int status, String errorCode, String errorSummary) {
        return new FakeReply(status, OktaErrors.body(errorCode, errorSummary), List.of());
    }

    /** 400 {@code E0000001} with one {@code errorCauses} entry, as Okta answers a validation failure. */
    static FakeReply validationFailed(String field, String cause) {
        ObjectNode body = OktaErrors.body(OktaErrors.API_VALIDATION_FAILED, "Api validation failed: " + field);
        ((ArrayNode) body.get("errorCauses")).addObject().put("errorSummary", cause);
        return new FakeReply(400, body, List.of());
    }

    static FakeReply notFound(String id, String kind) {
        return error(404, OktaErrors.NOT_FOUND, "Not found: Resource not found: " + id + " (" + kind + ")");
    }
}

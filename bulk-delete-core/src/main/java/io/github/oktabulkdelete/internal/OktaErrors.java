package io.github.oktabulkdelete.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.okta.sdk.resource.client.ApiException;
import io.github.oktabulkdelete.OktaRequestException;
import io.github.oktabulkdelete.RateLimitStatus;
import io.github.oktabulkdelete.Step;
import java.io.IOException;

/** Turns the SDK's {@link ApiException} into an {@link OktaRequestException}, reading Okta's error body. */
public final class OktaErrors {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MESSAGE = 500;

    private OktaErrors() {
    }

    public static OktaRequestException translate(Step step, String bucket, ApiException e) {
        int status = e.getCode();
        Throwable cause = e.getCause();
        if (status == 0) {
            String message = cause instanceof IOException
                    ? "transport failure: " + describe(cause)
                    : "the Okta SDK failed before any response: " + describe(cause == null ? e : cause);
            return new OktaRequestException(step, 0, null, message, null, cause == null ? e : cause);
        }
        RateLimitStatus rateLimit = RateLimitHeaders.parse(bucket, status, e.getResponseHeaders());
        String errorCode = null;
        String summary = null;
        String body = e.getResponseBody();
        if (body != null && !body.isBlank()) {
            try {
                JsonNode node = JSON.readTree(body);
                errorCode = text(node, "errorCode");
                summary = text(node, "errorSummary");
            } catch (IOException | RuntimeException notJson) {
                summary = null;
            }
        }
        if (summary == null) {
            summary = "HTTP " + status;
        }
        return new OktaRequestException(step, status, errorCode, truncate(summary), rateLimit, null);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + truncate(message));
    }

    private static String truncate(String s) {
        return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE) + "...";
    }
}

package io.github.oktabulkdelete.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.okta.sdk.resource.client.ApiException;
import io.github.oktabulkdelete.OktaRequestException;
import io.github.oktabulkdelete.RateLimitStatus;
import io.github.oktabulkdelete.Step;
import java.io.IOException;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the SDK's {@link ApiException} into an {@link OktaRequestException}, reading Okta's error body. Whatever
 * text it takes from the response or the transport failure is redacted first: the client's own credentials, and
 * anything written as {@code SSWS <token>} or {@code Bearer <token>}, become {@code ****}, so that no credential
 * echoed by a server or a proxy reaches an outcome, a stop message, a journal or a log.
 */
public final class OktaErrors {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MESSAGE = 500;
    private static final Pattern AUTHORIZATION = Pattern.compile("(?i)\\b(SSWS|Bearer)(\\s+)[^\\s\"',;]+");
    /** Shorter strings are not credentials, and replacing them would garble messages. */
    private static final int MIN_SECRET_LENGTH = 8;
    static final String REDACTED = "****";

    private OktaErrors() {
    }

    /**
     * The failure of one SDK call, with every credential redacted from what it quotes.
     *
     * @param step the step of the call
     * @param bucket the call's rate-limit bucket, such as {@code DELETE /api/v1/users/{id}}
     * @param e what the SDK threw
     * @param secrets the client's credentials at the time of the call (API token, access token), never shown
     * @return the failure, for the retry and the outcome
     */
    public static OktaRequestException translate(Step step, String bucket, ApiException e,
            Collection<String> secrets) {
        int status = e.getCode();
        Throwable cause = e.getCause();
        if (status == 0) {
            String message = cause instanceof IOException
                    ? "transport failure: " + describe(cause)
                    : "the Okta SDK failed before any response: " + describe(cause == null ? e : cause);
            return new OktaRequestException(step, 0, null, truncate(redact(message, secrets)), null,
                    cause == null ? e : cause);
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
        return new OktaRequestException(step, status, errorCode == null ? null : redact(errorCode, secrets),
                truncate(redact(summary, secrets)), rateLimit, null);
    }

    /**
     * The text with every credential replaced by {@value #REDACTED}: the given secrets wherever they appear, and the
     * value of anything written as {@code SSWS <token>} or {@code Bearer <token>}.
     *
     * @param text any text, may be {@code null}
     * @param secrets credentials to remove wherever they appear (shorter than 8 characters: ignored)
     * @return the text without them
     */
    public static String redact(String text, Collection<String> secrets) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secrets) {
            if (secret != null && secret.strip().length() >= MIN_SECRET_LENGTH) {
                result = result.replace(secret.strip(), REDACTED);
            }
        }
        return AUTHORIZATION.matcher(result).replaceAll("$1$2" + Matcher.quoteReplacement(REDACTED));
    }

    /**
     * Whether an error body is Okta's refusal to create a user whose login is taken: {@code E0000001} with a cause
     * "login: An object with this field already exists ...".
     *
     * @param body the response body, may be {@code null}
     * @return {@code true} only for that refusal
     */
    public static boolean isLoginTaken(String body) {
        if (body == null || body.isBlank()) {
            return false;
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (!"E0000001".equals(text(node, "errorCode"))) {
                return false;
            }
            for (JsonNode cause : node.path("errorCauses")) {
                String summary = text(cause, "errorSummary");
                if (summary != null && summary.startsWith("login:") && summary.contains("already exists")) {
                    return true;
                }
            }
            return false;
        } catch (IOException | RuntimeException notJson) {
            return false;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static String truncate(String s) {
        return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE) + "...";
    }
}

package io.github.oktabulkdelete.testing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Okta's error codes and error bodies, as the fake answers them.
 *
 * <p>The body is {@code {"errorCode","errorSummary","errorLink","errorId","errorCauses":[]}}, as in Okta's OpenAPI
 * spec; {@code errorLink} repeats the code, as the spec's examples do, and {@code errorId} is a fresh
 * {@code oae...} value per answer. Stateless and thread-safe.
 *
 * <pre>{@code
 * ObjectNode body = OktaErrors.body(OktaErrors.NOT_FOUND, "Not found: Resource not found: jsmith (User)");
 * }</pre>
 */
final class OktaErrors {

    /** 400: a request body or parameter was rejected. */
    static final String API_VALIDATION_FAILED = "E0000001";
    /** 400: the request body is not JSON. */
    static final String MALFORMED_BODY = "E0000003";
    /** 403. */
    static final String ACCESS_DENIED = "E0000006";
    /** 404. */
    static final String NOT_FOUND = "E0000007";
    /** 5xx. */
    static final String INTERNAL_ERROR = "E0000009";
    /** 401. */
    static final String INVALID_TOKEN = "E0000011";
    /** 405. */
    static final String METHOD_NOT_SUPPORTED = "E0000022";
    /** 400 from a filter or search the fake does not support. */
    static final String INVALID_SEARCH = "E0000031";
    /** 429, both for the rate limit and the concurrency limit. */
    static final String RATE_LIMITED = "E0000047";
    /** 410. */
    static final String GONE = "E0000156";

    static final String INVALID_TOKEN_SUMMARY = "Invalid token provided";
    static final String RATE_LIMITED_SUMMARY = "API call exceeded rate limit due to too many requests.";
    static final String METHOD_NOT_SUPPORTED_SUMMARY = "The endpoint does not support the provided HTTP method";
    static final String INVALID_SEARCH_SUMMARY = "Invalid search criteria.";

    private static final char[] ALPHANUMERIC =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private OktaErrors() {
    }

    /**
     * An Okta error body.
     *
     * @param errorCode for example {@code E0000007}
     * @param errorSummary the human-readable summary
     * @return a new JSON object with an empty {@code errorCauses} array
     */
    static ObjectNode body(String errorCode, String errorSummary) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("errorCode", errorCode);
        body.put("errorSummary", errorSummary);
        body.put("errorLink", errorCode);
        body.put("errorId", "oae" + randomAlphanumeric(22));
        body.putArray("errorCauses");
        return body;
    }

    /**
     * The error code Okta uses for an HTTP status: 401 E0000011, 403 E0000006, 404 E0000007, 405 E0000022,
     * 410 E0000156, 429 E0000047, other 4xx E0000001, 5xx E0000009.
     *
     * @param httpStatus an error status, 400 to 599
     * @return the code
     */
    static String defaultCode(int httpStatus) {
        switch (httpStatus) {
            case 401: return INVALID_TOKEN;
            case 403: return ACCESS_DENIED;
            case 404: return NOT_FOUND;
            case 405: return METHOD_NOT_SUPPORTED;
            case 410: return GONE;
            case 429: return RATE_LIMITED;
            default: return httpStatus >= 500 ? INTERNAL_ERROR : API_VALIDATION_FAILED;
        }
    }

    /**
     * The summary that goes with {@link #defaultCode(int)}.
     *
     * @param httpStatus an error status, 400 to 599
     * @return the summary
     */
    static String defaultSummary(int httpStatus) {
        switch (httpStatus) {
            case 401: return INVALID_TOKEN_SUMMARY;
            case 403: return "You do not have permission to perform the requested action";
            case 404: return "Not found: Resource not found";
            case 405: return METHOD_NOT_SUPPORTED_SUMMARY;
            case 410: return "The resource is no longer available";
            case 429: return RATE_LIMITED_SUMMARY;
            default: return httpStatus >= 500 ? "Internal Server Error" : "Api validation failed";
        }
    }

    /** {@code length} random letters and digits, for Okta-looking ids. */
    static String randomAlphanumeric(int length) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = ALPHANUMERIC[random.nextInt(ALPHANUMERIC.length)];
        }
        return new String(chars);
    }

    /** {@code length} letters and digits drawn from {@code random}, for deterministic ids. */
    static String alphanumeric(Random random, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = ALPHANUMERIC[random.nextInt(ALPHANUMERIC.length)];
        }
        return new String(chars);
    }
}

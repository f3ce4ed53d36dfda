package io.github.oktabulkdelete.testing;

import java.time.Instant;
import java.util.Objects;

/**
 * One request a {@link FakeOktaOrg} received, with the status it answered; never the token.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * assertThat(org.requests())
 *         .extracting(RecordedRequest::method, RecordedRequest::status)
 *         .containsExactly(tuple("GET", 200), tuple("DELETE", 204), tuple("DELETE", 204));
 * }</pre>
 *
 * @param method the HTTP method, for example {@code DELETE}
 * @param rawPath the path as received, still percent-encoded, for example {@code /api/v1/users/jsmith%40corp.com}
 * @param rawQuery the query as received, still percent-encoded, without the {@code ?}; {@code null} if none
 * @param route the route the request was counted against
 * @param status the HTTP status answered, or 0 when the connection was dropped
 * @param authorized whether the request carried the org's token, as {@code SSWS <token>}, while it was valid
 * @param receivedAt when the request arrived, by the org's clock
 */
public record RecordedRequest(String method, String rawPath, String rawQuery, Route route, int status,
        boolean authorized, Instant receivedAt) {

    /**
     * Checks the components.
     *
     * @param method as {@link #method()}
     * @param rawPath as {@link #rawPath()}
     * @param rawQuery as {@link #rawQuery()}
     * @param route as {@link #route()}
     * @param status as {@link #status()}
     * @param authorized as {@link #authorized()}
     * @param receivedAt as {@link #receivedAt()}
     * @throws NullPointerException if a component other than {@code rawQuery} is {@code null}
     */
    public RecordedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}

package io.github.oktabulkdelete;

import com.okta.sdk.resource.client.ApiClient;
import io.github.oktabulkdelete.internal.RateLimitCapture;
import io.github.oktabulkdelete.internal.Urls;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * An Okta SDK client tuned for bulk deletion, built by {@link OktaClients#tuned()}: it owns its {@link ApiClient},
 * its connection pool and the capture of every response's {@code X-Rate-Limit-*} headers, and {@link #close()}
 * closes its HTTP client.
 *
 * <p>Hand it to {@link BulkUserDeleter#builder(TunedOktaClient)}, which then knows the pool size (and caps its
 * concurrency by it) and sees the rate-limit headers of every response, successes included. The SDK client
 * ({@link #apiClient()}) can serve other SDK calls of the application too; every deleter built on this client stops
 * working when it is closed.
 *
 * <p>Thread-safe: one client serves any number of deleters and threads. Its {@code toString()} shows the org URL
 * without credentials and never the token or the private key.
 *
 * <pre>{@code
 * try (TunedOktaClient client = OktaClients.tuned()
 *         .orgUrl("https://corp.okta.com")
 *         .apiToken(System.getenv("OKTA_CLIENT_TOKEN"))
 *         .build()) {
 *     BulkUserDeleter.builder(client).maxConcurrency(8).build().deleteAll(logins);
 * }
 * }</pre>
 */
public final class TunedOktaClient implements Closeable {

    private final ApiClient apiClient;
    private final int connectionPoolSize;
    private final RateLimitCapture rateLimitCapture;

    TunedOktaClient(ApiClient apiClient, int connectionPoolSize, RateLimitCapture rateLimitCapture) {
        this.apiClient = Objects.requireNonNull(apiClient, "apiClient");
        this.connectionPoolSize = connectionPoolSize;
        this.rateLimitCapture = Objects.requireNonNull(rateLimitCapture, "rateLimitCapture");
    }

    /**
     * The SDK client, for {@code UserApi} and the other SDK APIs. Do not close its HTTP client yourself: close this
     * tuned client.
     *
     * @return the SDK client this tuned client owns
     */
    public ApiClient apiClient() {
        return apiClient;
    }

    /**
     * The size of the connection pool, which caps how many requests can be in flight.
     *
     * @return the pool size, from 1 to 75 (default 8)
     */
    public int connectionPoolSize() {
        return connectionPoolSize;
    }

    /** The rate-limit headers its interceptor captures from every response, for the deleters built on it. */
    RateLimitCapture rateLimitCapture() {
        return rateLimitCapture;
    }

    /**
     * Closes the HTTP client and its connection pool. Closing twice does nothing more.
     *
     * @throws UncheckedIOException if closing fails
     */
    @Override
    public void close() {
        try {
            apiClient.getHttpClient().close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the Okta HTTP client failed", e);
        }
    }

    @Override
    public String toString() {
        String base = apiClient.getBasePath();
        return "TunedOktaClient{orgUrl=" + (base == null ? "unset" : Urls.withoutCredentials(base))
                + ", connectionPoolSize=" + connectionPoolSize + '}';
    }
}

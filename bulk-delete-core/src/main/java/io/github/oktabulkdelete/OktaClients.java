package io.github.oktabulkdelete;

import com.okta.sdk.resource.client.ApiClient;
import io.github.oktabulkdelete.internal.RateLimitCapture;
import io.github.oktabulkdelete.internal.TunedClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Builds {@link TunedOktaClient}s: Okta SDK clients tuned for bulk deletion; and closes plain SDK clients.
 *
 * <p>A tuned client starts from the SDK's usual configuration ({@code ~/.okta/okta.yaml}, the
 * {@code OKTA_CLIENT_ORGURL} / {@code OKTA_CLIENT_TOKEN} environment variables, {@code okta.client.*} system
 * properties), overridden by what the builder is given, and then:
 * <ul>
 *   <li>turns the SDK's own retry off, so that it does not stack under {@link BulkUserDeleter}'s;
 *   <li>turns the SDK's cache off, so that a lookup never returns a user already deleted;
 *   <li>sizes the connection pool (default 50, the deleter's default {@code maxConcurrency}, so that the pool never
 *       caps it; connections are opened as needed; the SDK's is 5 per host, which silently caps concurrency);
 *   <li>captures the {@code X-Rate-Limit-*} headers of every response, which the SDK drops on success.
 * </ul>
 * {@link BulkUserDeleter#builder(TunedOktaClient)} uses all of that. The builder is not thread-safe; the client it
 * builds is. Neither the token nor the private key ever appears in a {@code toString()} or message.
 *
 * <pre>{@code
 * try (TunedOktaClient client = OktaClients.tuned()
 *         .orgUrl("https://corp.okta.com")
 *         .apiToken(System.getenv("OKTA_CLIENT_TOKEN"))
 *         .build()) {
 *     BulkUserDeleter.builder(client).build().deleteAll(logins);   // adaptive pacing, up to 50 in flight
 * }
 * }</pre>
 */
public final class OktaClients {

    private OktaClients() {
    }

    /**
     * Starts building a tuned client.
     *
     * @return a builder with the defaults
     */
    public static Builder tuned() {
        return new Builder();
    }

    /**
     * Closes the HTTP client under a plain {@code ApiClient}, which has no {@code close()} of its own. A
     * {@link TunedOktaClient} closes itself: {@link TunedOktaClient#close()}.
     *
     * @param client the client
     * @throws UncheckedIOException if closing fails
     */
    public static void close(ApiClient client) {
        Objects.requireNonNull(client, "client");
        try {
            client.getHttpClient().close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the Okta HTTP client failed", e);
        }
    }

    /**
     * Settings of a tuned client; whatever is not set comes from the SDK's configuration sources.
     *
     * <pre>{@code
     * TunedOktaClient client = OktaClients.tuned().orgUrl(url).apiToken(token).build();
     * }</pre>
     */
    public static final class Builder {

        private String orgUrl;
        private String apiToken;
        private String clientId;
        private Set<String> scopes;
        private String privateKeyPem;
        private Path privateKeyFile;
        private String keyId;
        private int connectionPoolSize = PaceOptions.DEFAULT_MAX_CONCURRENCY;
        private Duration timeout = Duration.ofSeconds(30);
        private boolean allowInsecureHttp;

        private Builder() {
        }

        /**
         * The org's URL, such as {@code https://corp.okta.com}.
         *
         * @param orgUrl the URL
         * @return this builder
         */
        public Builder orgUrl(String orgUrl) {
            this.orgUrl = Objects.requireNonNull(orgUrl, "orgUrl");
            return this;
        }

        /**
         * An SSWS API token. Prefer reading it from the environment or a secret store to putting it in code.
         *
         * @param apiToken the token
         * @return this builder
         */
        public Builder apiToken(String apiToken) {
            Objects.requireNonNull(apiToken, "apiToken");
            if (apiToken.isBlank()) {
                throw new IllegalArgumentException("apiToken must not be blank");
            }
            this.apiToken = apiToken;
            return this;
        }

        /**
         * OAuth 2.0 private-key mode: the service app's client id.
         *
         * @param clientId the client id
         * @return this builder
         */
        public Builder clientId(String clientId) {
            this.clientId = Objects.requireNonNull(clientId, "clientId");
            return this;
        }

        /**
         * OAuth 2.0 private-key mode: the scopes to request; {@code okta.users.manage} to delete,
         * {@code okta.users.read} is enough for a dry run.
         *
         * @param scopes the scopes
         * @return this builder
         */
        public Builder scopes(Set<String> scopes) {
            this.scopes = new LinkedHashSet<>(Objects.requireNonNull(scopes, "scopes"));
            return this;
        }

        /**
         * OAuth 2.0 private-key mode: the PEM text of the private key.
         *
         * @param pem the key
         * @return this builder
         */
        public Builder privateKey(String pem) {
            this.privateKeyPem = Objects.requireNonNull(pem, "pem");
            this.privateKeyFile = null;
            return this;
        }

        /**
         * OAuth 2.0 private-key mode: a PEM file holding the private key.
         *
         * @param file the file
         * @return this builder
         */
        public Builder privateKey(Path file) {
            this.privateKeyFile = Objects.requireNonNull(file, "file");
            this.privateKeyPem = null;
            return this;
        }

        /**
         * OAuth 2.0 private-key mode: the key id ({@code kid}) registered with the service app, if any.
         *
         * @param keyId the key id
         * @return this builder
         */
        public Builder keyId(String keyId) {
            this.keyId = Objects.requireNonNull(keyId, "keyId");
            return this;
        }

        /**
         * The size of the connection pool, which caps how many requests can be in flight. Default 50, the default
         * {@code maxConcurrency} of {@link BulkUserDeleter}: the pool follows the deleter's concurrency, and its
         * connections are only opened as they are needed.
         *
         * @param connectionPoolSize from 1 to 75
         * @return this builder
         */
        public Builder connectionPoolSize(int connectionPoolSize) {
            if (connectionPoolSize < 1 || connectionPoolSize > 75) {
                throw new IllegalArgumentException("connectionPoolSize must be from 1 to 75, was "
                        + connectionPoolSize);
            }
            this.connectionPoolSize = connectionPoolSize;
            return this;
        }

        /**
         * The connect and response timeout, whole seconds. Default 30 s.
         *
         * @param timeout at least 1 second
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.toSeconds() < 1) {
                throw new IllegalArgumentException("timeout must be at least 1 second, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * Allows an {@code http://} org URL, for local fake orgs only. Default {@code false}: the SDK refuses them.
         *
         * @param allowInsecureHttp whether to allow plain HTTP
         * @return this builder
         */
        public Builder allowInsecureHttp(boolean allowInsecureHttp) {
            this.allowInsecureHttp = allowInsecureHttp;
            return this;
        }

        /**
         * Builds the client.
         *
         * @return a tuned client, which the caller owns and closes
         * @throws IllegalArgumentException if the configuration is incomplete or invalid (the SDK's message says
         *     what is missing)
         * @throws IllegalStateException if the settings conflict
         */
        public TunedOktaClient build() {
            RateLimitCapture capture = new RateLimitCapture();
            ApiClient client = TunedClients.build(new TunedClients.Settings(orgUrl, apiToken, clientId, scopes,
                    privateKeyPem, privateKeyFile, keyId, connectionPoolSize, timeout, allowInsecureHttp), capture);
            return new TunedOktaClient(client, connectionPoolSize, capture);
        }

        @Override
        public String toString() {
            return "OktaClients.Builder{orgUrl=" + orgUrl + ", apiToken=" + (apiToken == null ? "unset" : "****")
                    + ", clientId=" + clientId + ", privateKey="
                    + (privateKeyPem == null && privateKeyFile == null ? "unset" : "****")
                    + ", connectionPoolSize=" + connectionPoolSize + '}';
        }
    }
}

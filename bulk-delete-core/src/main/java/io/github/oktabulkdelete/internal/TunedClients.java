package io.github.oktabulkdelete.internal;

import com.okta.commons.configcheck.ConfigurationValidator;
import com.okta.sdk.authc.credentials.TokenClientCredentials;
import com.okta.sdk.cache.Caches;
import com.okta.sdk.client.AuthorizationMode;
import com.okta.sdk.resource.client.ApiClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * Builds the SDK {@link ApiClient} of a tuned client: the SDK's retry and cache off, a connection pool of the chosen
 * size, and an interceptor that hands every response's rate-limit headers to the given capture. Keeps nothing: the
 * public {@code TunedOktaClient} owns what is built here.
 */
public final class TunedClients {

    /** The settings of one tuned client; {@code null} means "from the SDK's configuration sources". */
    public record Settings(String orgUrl, String apiToken, String clientId, Set<String> scopes, String privateKeyPem,
            Path privateKeyFile, String keyId, int connectionPoolSize, Duration timeout, boolean allowInsecureHttp) {
        @Override
        public String toString() {
            return "Settings{orgUrl=" + orgUrl + ", apiToken=" + (apiToken == null ? "none" : "****")
                    + ", clientId=" + clientId + ", scopes=" + scopes + ", privateKey="
                    + (privateKeyPem == null && privateKeyFile == null ? "none" : "****")
                    + ", connectionPoolSize=" + connectionPoolSize + ", timeout=" + timeout
                    + ", allowInsecureHttp=" + allowInsecureHttp + '}';
        }
    }

    /** A syntactically valid https URL that stands in while the SDK validates an allowed http URL. */
    private static final String HTTPS_STAND_IN = "https://insecure-http-allowed.okta.com";

    private TunedClients() {
    }

    /** Builds the client; its interceptor records every response's rate-limit headers into {@code capture}. */
    public static ApiClient build(Settings s, RateLimitCapture capture) {
        TunedClientBuilder builder = new TunedClientBuilder(s.connectionPoolSize(), capture);
        builder.setRetryMaxAttempts(0);
        builder.setCacheManager(Caches.newDisabledCacheManager());
        builder.setConnectionTimeout(Math.toIntExact(Math.max(1, s.timeout().toSeconds())));
        boolean insecure = false;
        if (s.orgUrl() != null) {
            checkOrgUrl(s.orgUrl(), s.allowInsecureHttp());
            insecure = s.orgUrl().regionMatches(true, 0, "http://", 0, 7);
            builder.setOrgUrl(insecure ? HTTPS_STAND_IN : s.orgUrl());
        }
        boolean privateKeyMode = s.privateKeyPem() != null || s.privateKeyFile() != null;
        if (privateKeyMode) {
            if (insecure) {
                throw new IllegalStateException("OAuth 2.0 private-key authentication needs an https org URL");
            }
            builder.setAuthorizationMode(AuthorizationMode.PRIVATE_KEY);
            if (s.clientId() != null) {
                builder.setClientId(s.clientId());
            }
            if (s.scopes() != null && !s.scopes().isEmpty()) {
                builder.setScopes(s.scopes());
            }
            if (s.privateKeyFile() != null) {
                builder.setPrivateKey(s.privateKeyFile());
            } else {
                builder.setPrivateKey(s.privateKeyPem());
            }
            if (s.keyId() != null) {
                builder.setKid(s.keyId());
            }
        } else if (s.apiToken() != null) {
            builder.setClientCredentials(new TokenClientCredentials(s.apiToken()));
        }
        ApiClient client = builder.build();
        if (insecure) {
            client.setBasePath(s.orgUrl().replaceAll("/+$", ""));
        }
        return client;
    }

    /**
     * Refuses an {@code http://} URL unless allowed, and any URL the SDK would refuse, with a message that shows the
     * URL without credentials (the SDK's own message would echo a {@code user:password@} or a query).
     */
    static void checkOrgUrl(String orgUrl, boolean allowInsecureHttp) {
        String shown = Urls.withoutCredentials(orgUrl);
        if (orgUrl.strip().regionMatches(true, 0, "http://", 0, 7) && !allowInsecureHttp) {
            throw new IllegalArgumentException("orgUrl must start with https:// (was " + shown + "): Okta serves its "
                    + "API over https only, and a token sent over http can be read on the way. allowInsecureHttp(true) "
                    + "allows http:// for a local fake org in tests.");
        }
        try {
            ConfigurationValidator.assertOrgUrl(orgUrl, allowInsecureHttp);
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage()).replace(orgUrl, shown);
            throw new IllegalArgumentException("orgUrl is not a usable Okta URL: " + message);
        }
    }
}

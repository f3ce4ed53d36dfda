package io.github.oktabulkdelete.cli;

import io.github.oktabulkdelete.OktaClients;
import io.github.oktabulkdelete.TunedOktaClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The connection to the org: builds the Okta client from the {@link ConnectionOptions} and the environment (the one
 * place of the CLI that builds a client), asks for the API token on the terminal when needed, and remembers every
 * secret it handled (the token, the lines of a private key) so that {@link #redact(String)} keeps them out of every
 * message.
 *
 * <p>One per command run; not thread-safe, except {@link #redact(String)}, which may be called from any thread.
 *
 * <pre>{@code
 * OktaConnection connection = new OktaConnection(env, terminal);
 * List<String> scopes = OktaConnection.scopesFor(execute, false);
 * try (OktaConnection.Connected org = connection.connect(options, scopes, pace.poolSize())) {
 *     BulkUserDeleter.builder(org.client())...;
 * }
 * }</pre>
 */
final class OktaConnection {

    /**
     * A client, with where it points and how it authenticates, for messages; closing it closes the client.
     *
     * @param client the tuned client
     * @param orgUrl the org URL
     * @param credentials how it authenticates, never a secret
     */
    record Connected(TunedOktaClient client, String orgUrl, String credentials) implements AutoCloseable {
        @Override
        public void close() {
            client.close();
        }
    }

    private final Map<String, String> env;
    private final Terminal terminal;
    private final Set<String> secrets = java.util.Collections.synchronizedSet(new LinkedHashSet<>());

    /**
     * @param env the environment variables (the token is read from them, never from an argument)
     * @param terminal where a token may be typed
     */
    OktaConnection(Map<String, String> env, Terminal terminal) {
        this.env = env;
        this.terminal = terminal;
    }

    /**
     * The OAuth 2.0 scopes a run needs, as Okta's API spec names them per endpoint: reading users (lookups, a
     * user's groups) or managing them (deactivate, delete, create), and reading groups (a group's members, a group
     * by id) when the run does.
     *
     * @param manageUsers whether the run changes users ({@code --execute})
     * @param readGroups whether the run reads groups ({@code --group}, {@code restore})
     * @return the scopes, e.g. {@code [okta.users.manage, okta.groups.read]}
     */
    static List<String> scopesFor(boolean manageUsers, boolean readGroups) {
        String users = manageUsers ? "okta.users.manage" : "okta.users.read";
        return readGroups ? List.of(users, "okta.groups.read") : List.of(users);
    }

    /**
     * Builds the client.
     *
     * @param options the connection options
     * @param defaultScopes the OAuth 2.0 scopes the run needs, when {@code --scopes} does not name them
     *     ({@link #scopesFor(boolean, boolean)})
     * @param poolSize the connection pool: at least the run's concurrency (a pool caps it)
     * @return the connection
     * @throws ExitException (usage) if the configuration is incomplete or unsafe; (stopped) if OAuth 2.0 could not
     *     get an access token
     */
    Connected connect(ConnectionOptions options, List<String> defaultScopes, int poolSize) {
        String orgUrl = options.orgUrl != null ? options.orgUrl : env.get("OKTA_CLIENT_ORGURL");
        if (orgUrl != null && orgUrl.strip().regionMatches(true, 0, "http://", 0, 7) && !options.allowInsecureHttp) {
            throw ExitException.usage((options.orgUrl != null ? "--org-url" : "OKTA_CLIENT_ORGURL")
                    + " is a plain http:// URL: the API token would be sent unencrypted. Use the org's https:// URL"
                    + " (--allow-insecure-http is for a local fake org only, never for a real org)");
        }
        OktaClients.Builder builder = OktaClients.tuned()
                .connectionPoolSize(poolSize)
                .allowInsecureHttp(options.allowInsecureHttp);
        if (orgUrl != null && !orgUrl.isBlank()) {
            builder.orgUrl(orgUrl.strip());
        }
        String credentials;
        if (options.clientId != null) {
            List<String> scopes = options.scopes != null ? options.scopes : defaultScopes;
            rememberPrivateKey(options.privateKey);
            builder.clientId(options.clientId).privateKey(options.privateKey).scopes(new LinkedHashSet<>(scopes));
            if (options.keyId != null) {
                builder.keyId(options.keyId);
            }
            credentials = "OAuth 2.0 client " + options.clientId + ", scopes " + String.join(" ", scopes);
        } else {
            String name = options.tokenEnv;
            String token = env.get(name);
            if (token != null && !token.isBlank()) {
                secrets.add(token.strip());
                builder.apiToken(token.strip());
                credentials = "API token from $" + name;
            } else if (options.orgUrl != null || !ConnectionOptions.DEFAULT_TOKEN_ENV.equals(name)) {
                builder.apiToken(promptForToken(name, orgUrl));
                credentials = "API token typed at the prompt";
            } else {
                credentials = "API token from the Okta SDK's configuration";
            }
        }
        TunedOktaClient client;
        try {
            client = builder.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw ExitException.usage("cannot set up the Okta client: " + e.getMessage() + " (use --org-url with"
                    + " $" + options.tokenEnv + ", set OKTA_CLIENT_ORGURL and OKTA_CLIENT_TOKEN, or write"
                    + " ~/.okta/okta.yaml)");
        } catch (RuntimeException e) {
            // OAuth 2.0 asks the org for an access token as the client is built: the org is unreachable or said no
            throw ExitException.connectionFailed("could not connect to the org (" + credentials + "): "
                    + e.getMessage());
        }
        return new Connected(client, client.apiClient().getBasePath(), credentials);
    }

    /**
     * {@code text} with every secret this connection handled replaced by {@code ****}.
     *
     * @param text a message
     * @return the message, safe to print
     */
    String redact(String text) {
        String result = text;
        synchronized (secrets) {
            for (String secret : secrets) {
                result = result.replace(secret, "****");
            }
        }
        return result;
    }

    /** The lines of a private key are secrets too: no message of this command may show them. */
    private void rememberPrivateKey(Path file) {
        try {
            for (String line : Files.readAllLines(file)) {
                String value = line.strip();
                if (value.length() >= 16 && !value.startsWith("-----")) {
                    secrets.add(value);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // the SDK reports an unreadable key when it loads it
        }
    }

    private String promptForToken(String envName, String orgUrl) {
        if (!terminal.isInteractive()) {
            throw ExitException.usage("no API token: the environment variable " + envName + " is not set, and"
                    + " there is no terminal to type it on. Set " + envName + " (a token is never accepted as an"
                    + " argument: other users can read arguments with ps)");
        }
        char[] typed = terminal.readPassword("Okta API token for " + orgUrl + " (typing is hidden): ");
        if (typed == null) {
            throw ExitException.usage("no API token was typed");
        }
        String token = new String(typed).strip();
        Arrays.fill(typed, '\0');
        if (token.isEmpty()) {
            throw ExitException.usage("no API token was typed");
        }
        secrets.add(token);
        return token;
    }
}

package io.github.oktabulkdelete.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The connection options: which org, and how to authenticate (an API token from the environment or a prompt, or
 * OAuth 2.0 with a private key). {@link OktaConnection} turns them into a client.
 *
 * <p>Filled by picocli, then read by one thread; not thread-safe.
 *
 * <pre>{@code
 * connection.validate();
 * OktaConnection.Connected org = new OktaConnection(env, terminal)
 *         .connect(connection, OktaConnection.scopesFor(execute, false), pace.poolSize());
 * }</pre>
 */
final class ConnectionOptions {

    /** Where the API token is read from by default. */
    static final String DEFAULT_TOKEN_ENV = "OKTA_CLIENT_TOKEN";

    @Option(names = "--org-url", paramLabel = "URL",
            description = "The org, such as https://corp.okta.com (default: OKTA_CLIENT_ORGURL or"
                    + " ~/.okta/okta.yaml).")
    String orgUrl;

    @Option(names = "--token-env", paramLabel = "NAME",
            description = "The environment variable that holds the SSWS API token (default: ${DEFAULT-VALUE})."
                    + " If it is unset and --org-url is given, the token is asked for on the terminal.")
    String tokenEnv = DEFAULT_TOKEN_ENV;

    @Option(names = "--client-id", paramLabel = "ID",
            description = "OAuth 2.0 instead of a token: the service app's client id (with --private-key).")
    String clientId;

    @Option(names = "--private-key", paramLabel = "FILE",
            description = "OAuth 2.0: the service app's private key, a PEM file.")
    Path privateKey;

    @Option(names = "--key-id", paramLabel = "KID", description = "OAuth 2.0: the key id, if the app has several.")
    String keyId;

    @Option(names = "--scopes", paramLabel = "SCOPE", split = ",",
            description = "OAuth 2.0 scopes (default: okta.users.read for a dry run, okta.users.manage with"
                    + " --execute; and okta.groups.read with --group and for restore).")
    List<String> scopes;

    @Option(names = "--allow-insecure-http",
            description = "Allow an http:// org URL: for local fake orgs only, never for a real org.")
    boolean allowInsecureHttp;

    /**
     * Checks that the credentials are one kind, complete.
     *
     * @throws ExitException (usage) naming the options
     */
    void validate() {
        if ((clientId == null) != (privateKey == null)) {
            throw ExitException.usage("OAuth 2.0 needs both --client-id and --private-key");
        }
        if (clientId != null && !DEFAULT_TOKEN_ENV.equals(tokenEnv)) {
            throw ExitException.usage("use either an API token (--token-env) or OAuth 2.0 (--client-id), not both");
        }
    }

    /** @return whether any option of this group was given, for {@code --demo}, which takes none */
    boolean anyGiven() {
        return orgUrl != null || clientId != null;
    }
}

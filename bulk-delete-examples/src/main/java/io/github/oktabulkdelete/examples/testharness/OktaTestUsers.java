package io.github.oktabulkdelete.examples.testharness;

import io.github.oktabulkdelete.BulkDeleteResult;
import io.github.oktabulkdelete.BulkUserDeleter;
import io.github.oktabulkdelete.DeletionOutcome;
import io.github.oktabulkdelete.Logins;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Example: a JUnit 5 extension that deletes, after each test, the Okta users the test created, so that integration
 * tests against a test org leave nothing behind. Copy it into your own test sources.
 *
 * <p>A test registers each login it creates with {@link #created(String)}; after the test, the extension deletes them
 * all in one batch through a {@link BulkUserDeleter}, and fails the test if any is left behind (a leak shows up where
 * it happened, not as clutter weeks later). As a guard against pointing a test suite at the wrong org, it accepts only
 * logins in the test domain it was given: it can never delete a real employee.
 *
 * <p>Thread-safe: tests running in parallel may share one instance; each deletes what was registered by the time it
 * ends.
 *
 * <pre>{@code
 * @RegisterExtension
 * final OktaTestUsers testUsers = OktaTestUsers.inDomain("it.corp.example", deleter);
 *
 * @Test
 * void signupCreatesAnActiveUser() {
 *     String login = testUsers.created(signup.register("new.hire@it.corp.example"));
 *     ...
 * }
 * }</pre>
 */
public final class OktaTestUsers implements AfterEachCallback {

    private final String domainSuffix;
    private final BulkUserDeleter deleter;
    private final Queue<String> created = new ConcurrentLinkedQueue<>();

    private OktaTestUsers(String domain, BulkUserDeleter deleter) {
        this.domainSuffix = "@" + Logins.key(domain);
        this.deleter = deleter;
    }

    /**
     * An extension that deletes test users of one domain.
     *
     * @param domain the test users' e-mail domain, such as {@code it.corp.example}
     * @param deleter the deleter, not a dry run
     * @return the extension
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if the domain is blank or the deleter is a dry run
     */
    public static OktaTestUsers inDomain(String domain, BulkUserDeleter deleter) {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(deleter, "deleter");
        if (domain.isBlank() || domain.contains("@")) {
            throw new IllegalArgumentException("domain must be a domain such as it.corp.example, was '" + domain + "'");
        }
        if (deleter.isDryRun()) {
            throw new IllegalArgumentException("deleter must not be a dry run: nothing would be cleaned up");
        }
        return new OktaTestUsers(domain.strip(), deleter);
    }

    /**
     * Registers a user the test created, to be deleted after the test.
     *
     * @param login the login
     * @return the login, for chaining
     * @throws IllegalArgumentException if the login is not in the test domain
     */
    public String created(String login) {
        Objects.requireNonNull(login, "login");
        if (!Logins.key(login).endsWith(domainSuffix)) { // compared as the deleter compares logins
            throw new IllegalArgumentException("'" + login + "' is not a test user (not in " + domainSuffix.substring(1)
                    + "): it will not be deleted");
        }
        created.add(login);
        return login;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<String> logins = new ArrayList<>();
        for (String login = created.poll(); login != null; login = created.poll()) {
            logins.add(login);
        }
        if (logins.isEmpty()) {
            return;
        }
        BulkDeleteResult result = deleter.deleteAll(logins);
        List<String> leftBehind = result.outcomes().stream()
                .filter(o -> !(o instanceof DeletionOutcome.Deleted || o instanceof DeletionOutcome.NotFound))
                .map(o -> o.login() + " (" + describe(o) + ")")
                .toList();
        if (!leftBehind.isEmpty()) {
            throw new AssertionError(context.getDisplayName() + " left test users behind in Okta: "
                    + String.join(", ", leftBehind));
        }
    }

    private static String describe(DeletionOutcome outcome) {
        if (outcome instanceof DeletionOutcome.Failed f) {
            return f.step() + " failed: HTTP " + f.httpStatus() + " " + f.message();
        }
        if (outcome instanceof DeletionOutcome.Skipped s) {
            return "skipped: " + s.detail();
        }
        return outcome.kind().toString();
    }
}

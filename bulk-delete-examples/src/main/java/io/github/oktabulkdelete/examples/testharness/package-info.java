/**
 * Example of embedding {@link io.github.oktabulkdelete.BulkUserDeleter} in an integration-test harness:
 * {@link io.github.oktabulkdelete.examples.testharness.OktaTestUsers}, a JUnit 5 extension that deletes the Okta users
 * each test created. It lives in main sources so that it can be copied; its test in this module runs it against
 * {@code FakeOktaOrg}.
 *
 * <pre>{@code
 * @RegisterExtension
 * final OktaTestUsers testUsers = OktaTestUsers.inDomain("it.corp.example", deleter);
 * }</pre>
 */
package io.github.oktabulkdelete.examples.testharness;

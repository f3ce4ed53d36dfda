/**
 * Test fixtures published in the core's test-jar: {@link io.github.oktabulkdelete.testing.FakeOktaOrg}, a stateful
 * fake Okta org on a loopback port with Okta's users API, rate-limit buckets and headers, concurrency limit, error
 * bodies and injectable {@link io.github.oktabulkdelete.testing.Fault}s, and
 * {@link io.github.oktabulkdelete.testing.MutableClock}, a clock tests advance instead of sleeping.
 *
 * <pre>{@code
 * MutableClock clock = MutableClock.at(Instant.parse("2025-01-01T00:00:00Z"));
 * try (FakeOktaOrg org = FakeOktaOrg.builder().clock(clock).start()) {
 *     org.addUser("jsmith@corp.com", UserStatus.ACTIVE);
 *     // point the code under test at org.orgUrl() with org.apiToken()
 * }
 * }</pre>
 */
package io.github.oktabulkdelete.testing;

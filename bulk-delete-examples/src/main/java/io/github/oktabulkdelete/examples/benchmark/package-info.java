/**
 * {@link io.github.oktabulkdelete.examples.benchmark.BulkDeleteBenchmark}: how fast users are deleted against a
 * {@code FakeOktaOrg} with Okta's rate limits, by Okta's Postman recipe, a plain SDK loop, and
 * {@code BulkUserDeleter} with fixed and adaptive pacing; and the streaming form's memory over a million logins.
 */
package io.github.oktabulkdelete.examples.benchmark;

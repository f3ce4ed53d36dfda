/**
 * {@link io.github.oktabulkdelete.examples.benchmark.BulkDeleteBenchmark}: how fast the flow an admin runs deletes
 * users against a {@code FakeOktaOrg} with Okta's rate limits (the CLI's {@code --execute} and
 * {@code --execute --plan}, end to end, and the library alone), beside Okta's Postman recipe and a plain SDK loop;
 * and the streaming form's memory over a million logins.
 */
package io.github.oktabulkdelete.examples.benchmark;

/**
 * Bulk deletion of Okta users on the official Okta Java SDK.
 *
 * <p>The entry point is {@link io.github.oktabulkdelete.BulkUserDeleter}: build one with
 * {@link io.github.oktabulkdelete.BulkUserDeleter#builder(io.github.oktabulkdelete.TunedOktaClient)}, hand it any
 * {@link java.lang.Iterable} of logins, and read one {@link io.github.oktabulkdelete.DeletionOutcome} per login from
 * the {@link io.github.oktabulkdelete.BulkDeleteResult}. {@link io.github.oktabulkdelete.OktaClients#tuned()} builds
 * a {@link io.github.oktabulkdelete.TunedOktaClient}: an SDK client tuned for bulk work (the SDK's own retry and
 * cache off, a connection pool as large as the concurrency, and every response's rate-limit headers captured), which
 * the caller closes.
 *
 * <pre>{@code
 * // the org and token from ~/.okta/okta.yaml or the OKTA_CLIENT_* variables
 * try (TunedOktaClient client = OktaClients.tuned().connectionPoolSize(8).build()) {
 *     BulkUserDeleter deleter = BulkUserDeleter.builder(client).maxConcurrency(8).build();
 *     BulkDeleteResult result = deleter.deleteAll(List.of("jsmith@corp.example", "adoe@corp.example"));
 * }
 * }</pre>
 *
 * <p>Everything under {@code io.github.oktabulkdelete.internal} is implementation and may change in any release.
 */
package io.github.oktabulkdelete;

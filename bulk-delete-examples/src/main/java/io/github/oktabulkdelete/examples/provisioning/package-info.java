/**
 * Example of embedding {@link io.github.oktabulkdelete.BulkUserDeleter} in a provisioning service:
 * {@link io.github.oktabulkdelete.examples.provisioning.OffboardingService} shares one deleter between all its
 * requests, maps each outcome to the service's own record, runs jobs in the background that its admin page watches
 * ({@link io.github.oktabulkdelete.examples.provisioning.JobStatus}) and stops, and sends its meters to a registry;
 * {@link io.github.oktabulkdelete.examples.provisioning.ProvisioningExample} runs it against a local fake org.
 *
 * <pre>{@code
 * TunedOktaClient client = OktaClients.tuned().build(); // closed when the service stops
 * OffboardingService service = OffboardingService.create(client);
 * }</pre>
 */
package io.github.oktabulkdelete.examples.provisioning;

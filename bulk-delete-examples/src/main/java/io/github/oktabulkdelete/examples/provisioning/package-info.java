/**
 * Example of embedding {@link io.github.oktabulkdelete.BulkUserDeleter} in a provisioning service:
 * {@link io.github.oktabulkdelete.examples.provisioning.OffboardingService} shares one deleter between all its
 * requests and maps each outcome to the service's own record;
 * {@link io.github.oktabulkdelete.examples.provisioning.ProvisioningExample} runs it against a local fake org.
 *
 * <pre>{@code
 * TunedOktaClient client = OktaClients.tuned().build(); // closed when the service stops
 * OffboardingService service = OffboardingService.create(client);
 * }</pre>
 */
package io.github.oktabulkdelete.examples.provisioning;

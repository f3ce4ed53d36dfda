package io.github.oktabulkdelete.examples.benchmark;

import io.github.oktabulkdelete.testing.FakeOktaOrg;
import java.util.List;

/** One way of deleting users, measured by {@link BulkDeleteBenchmark}. */
interface Variant {

    /** @return a short name for tables */
    String name();

    /**
     * How many users this variant deletes in a scenario.
     *
     * @param scenario the scenario
     * @return the user count
     */
    int users(Scenario scenario);

    /**
     * Deletes the users.
     *
     * @param org the fake org, with the users in it
     * @param logins their logins
     * @param scale how much faster than Okta's clock the fake org runs
     * @return how many logins the variant itself reported as failed
     * @throws Exception if the variant cannot run at all
     */
    int run(FakeOktaOrg org, List<String> logins, int scale) throws Exception;
}

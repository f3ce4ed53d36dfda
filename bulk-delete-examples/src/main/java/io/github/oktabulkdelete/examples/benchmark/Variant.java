package io.github.oktabulkdelete.examples.benchmark;

import io.github.oktabulkdelete.testing.FakeOktaOrg;
import java.nio.file.Path;
import java.util.List;

/** One way of deleting users, measured by {@link BulkDeleteBenchmark}. */
interface Variant {

    /**
     * What one variant did: the time its measured part took, and what it said.
     *
     * @param seconds real seconds of the measured part
     * @param checkSeconds real seconds of a check pass: within {@code seconds} for the CLI's plain
     *     {@code --execute}, before them (not counted) for {@code --plan-out}; {@code NaN} for none
     * @param failed how many logins the variant itself reported as failed
     * @param note anything to say, such as an exit status; empty for nothing
     */
    record Run(double seconds, double checkSeconds, int failed, String note) {
    }

    /** @return a short name for tables */
    String name();

    /**
     * How many users this variant deletes in a scenario.
     *
     * @param scenario the scenario
     * @param fullRun the users of a full run: about three windows at the ceiling
     * @return the user count
     */
    int users(Scenario scenario, int fullRun);

    /**
     * @return why the variant cannot run in this build (such as a CLI option not there yet), or {@code null}
     */
    default String unavailable() {
        return null;
    }

    /**
     * Deletes the users, timing the part to measure.
     *
     * @param org the fake org, with the users in it
     * @param logins their logins
     * @param scale how much faster than Okta's clock the fake org runs
     * @param work a folder for the variant's files (input, plan, journal, report)
     * @return what it did
     * @throws Exception if the variant cannot run at all
     */
    Run run(FakeOktaOrg org, List<String> logins, int scale, Path work) throws Exception;

    /** Times {@code body} in real seconds. */
    static double time(ThrowingRunnable body) throws Exception {
        long start = System.nanoTime();
        body.run();
        return (System.nanoTime() - start) / 1e9;
    }

    /** A body to time. */
    @FunctionalInterface
    interface ThrowingRunnable {
        /** @throws Exception whatever the body throws */
        void run() throws Exception;
    }
}

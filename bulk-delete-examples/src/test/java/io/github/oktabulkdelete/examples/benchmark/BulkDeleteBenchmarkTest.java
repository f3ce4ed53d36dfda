package io.github.oktabulkdelete.examples.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.oktabulkdelete.testing.Route;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A smoke test of the benchmark: one tiny variant, the CLI's plain {@code --execute --yes}, runs end to end against
 * a fake org of a scenario with time sped up 60 times (1 s windows), far under its limits; and the ceilings are the
 * issue's arithmetic computed from the presets.
 */
class BulkDeleteBenchmarkTest {

    @TempDir
    Path dir;

    @Test
    void theCeilingIsTheSmallestOfLimitOverCallsPerUserOverTheBuckets() {
        assertThat(Scenario.CALLS_PER_USER).containsEntry(Route.GET_USER, 2.0)
                .containsEntry(Route.DEACTIVATE_USER, 0.8).containsEntry(Route.DELETE_USER, 1.0);
        // GET bucket (lookups and list) 100 / 2 = 50; the write bucket 100 / (1 + 0.8) = 55.6
        assertThat(Scenario.INTEGRATOR_FREE.ceilingUsersPerMinute()).isEqualTo(50.0);
        // GET 1000 / 2 = 500; DELETE 300 / 1; deactivate 600 / 0.8 = 750
        assertThat(Scenario.WORKFORCE.ceilingUsersPerMinute()).isEqualTo(300.0);
        // GET 4000 / 2 = 2000; DELETE 1200 / 1; deactivate 1200 / 0.8 = 1500
        assertThat(Scenario.LARGE.ceilingUsersPerMinute()).isEqualTo(1200.0);
        assertThat(Scenario.LARGE.users(3)).isEqualTo(3600);
    }

    @Test
    void theCliRunsEndToEndAndEveryUserIsGone() throws Exception {
        Measurement m = BulkDeleteBenchmark.measure(Scenario.INTEGRATOR_FREE, new Tiny(CliVariant.execute()), 60, 1,
                dir);

        assertThat(m.note()).isEmpty();
        assertThat(m.deleted()).isEqualTo(10);
        assertThat(m.failed()).isZero();
        assertThat(m.checkSeconds()).isPositive().isLessThanOrEqualTo(m.seconds());
        assertThat(m.tooManyRequests()).isZero();
        assertThat(m.toCsv()).startsWith("integrator-free,CLI --execute --yes,10,10,0,");
    }

    /** A variant with 10 users. */
    private record Tiny(Variant variant) implements Variant {
        @Override
        public String name() {
            return variant.name();
        }

        @Override
        public int users(Scenario scenario, int fullRun) {
            return 10;
        }

        @Override
        public Run run(io.github.oktabulkdelete.testing.FakeOktaOrg org, java.util.List<String> logins, int scale,
                Path work) throws Exception {
            return variant.run(org, logins, scale, work);
        }
    }
}

package io.github.oktabulkdelete.examples.benchmark;

import com.okta.sdk.resource.model.UserStatus;
import io.github.oktabulkdelete.testing.FakeOktaOrg;
import io.github.oktabulkdelete.testing.RecordedRequest;
import io.github.oktabulkdelete.testing.Route;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Measures how fast users are deleted against a {@code FakeOktaOrg} that enforces Okta's rate limits, by four
 * clients one after the other on fresh users: Okta's Postman recipe, a plain SDK loop, {@code BulkUserDeleter}
 * with its defaults, and {@code BulkUserDeleter} with adaptive pacing. Then it runs the streaming form over a
 * million logins in a child JVM with a 64 MB heap.
 *
 * <p>Time is scaled: the fake org's windows are {@code 60 s / scale} long with Okta's per-minute limits, and its
 * latency is Okta's divided by the scale, so every rate and every concurrency (rate &times; latency) is Okta's;
 * rates are reported per Okta minute (per real minute divided by the scale).
 *
 * <pre>
 * java -cp bulk-delete-examples/target/okta-bulk-delete.jar \
 *     io.github.oktabulkdelete.examples.benchmark.BulkDeleteBenchmark [--scale 4] [--scenario NAME]
 *     [--out target/benchmark] [--skip-memory] [--memory-logins 1000000]
 * </pre>
 */
public final class BulkDeleteBenchmark {

    private static final List<Scenario> SCENARIOS =
            List.of(Scenario.INTEGRATOR_FREE, Scenario.WORKFORCE, Scenario.LARGE);

    private BulkDeleteBenchmark() {
    }

    /**
     * Runs the benchmark and writes {@code results.csv} and {@code memory.csv} to the output folder.
     *
     * @param args see the class description
     * @throws Exception if a run cannot start
     */
    public static void main(String[] args) throws Exception {
        int scale = 4;
        String only = null;
        Path out = Path.of("target", "benchmark");
        boolean memory = true;
        int memoryLogins = 1_000_000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--scale" -> scale = Integer.parseInt(args[++i]);
                case "--scenario" -> only = args[++i];
                case "--out" -> out = Path.of(args[++i]);
                case "--skip-memory" -> memory = false;
                case "--memory-logins" -> memoryLogins = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; options: --scale N, --scenario NAME, --out DIR, --skip-memory, --memory-logins N");
            }
        }
        Files.createDirectories(out);
        List<Measurement> measurements = new ArrayList<>();
        System.out.printf(Locale.ROOT, "Time scale 1:%d (windows of %d s, latencies / %d); rates per Okta minute%n",
                scale, 60 / scale, scale);
        for (Scenario scenario : SCENARIOS) {
            if (only != null && !scenario.name().equals(only)) {
                continue;
            }
            System.out.printf(Locale.ROOT, "%n== %s (ceiling %.0f users/min)%n", scenario.description(),
                    scenario.ceilingUsersPerMinute());
            for (Variant variant : List.of(new PostmanRecipe(), new PlainSdkLoop(), DeleterVariant.defaults(),
                    DeleterVariant.adaptive())) {
                Measurement m = measure(scenario, variant, scale);
                measurements.add(m);
                System.out.printf(Locale.ROOT,
                        "  %-42s %5d/%-5d deleted %4d failed %7.1f s %8.1f users/min %6.1f%% of ceiling "
                                + "%6d requests %5d x 429 (%.2f%%) peak heap %.0f MB%n",
                        m.variant(), m.deleted(), m.users(), m.failed(), m.seconds(), m.usersPerOktaMinute(),
                        m.percentOfCeiling(), m.requests(), m.tooManyRequests(), m.percent429(), m.peakHeapMb());
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(Measurement.CSV_HEADER);
        measurements.forEach(m -> lines.add(m.toCsv()));
        Files.write(out.resolve("results.csv"), lines, StandardCharsets.UTF_8);
        System.out.println("\nWrote " + out.resolve("results.csv"));
        if (memory) {
            runMemory(out, memoryLogins);
        }
    }

    static Measurement measure(Scenario scenario, Variant variant, int scale) throws Exception {
        int users = variant.users(scenario);
        try (FakeOktaOrg org = FakeOktaOrg.builder()
                .rateLimit(Route.GET_USER, scenario.lookupsPerMinute())
                .rateLimit(Route.DELETE_USER, scenario.changesPerMinute())
                .rateLimitWindow(Duration.ofSeconds(60).dividedBy(scale))
                .latency(scenario.latency().dividedBy(scale))
                .start()) {
            org.addUser("admin@corp.example", UserStatus.ACTIVE);
            org.setTokenOwner("admin@corp.example");
            List<String> logins = IntStream.range(0, users).mapToObj(i -> "user" + i + "@corp.example").toList();
            logins.forEach(login -> org.addUser(login, UserStatus.ACTIVE));
            HeapMeter.reset();
            long start = System.nanoTime();
            int reportedFailed = variant.run(org, logins, scale);
            double seconds = (System.nanoTime() - start) / 1e9;
            Set<String> deletedLogins = org.deletedLogins();
            int deleted = (int) logins.stream().filter(deletedLogins::contains).count();
            List<RecordedRequest> requests = org.requests();
            int tooMany = (int) requests.stream().filter(r -> r.status() == 429).count();
            double perOktaMinute = deleted / (seconds / 60.0) / scale;
            return new Measurement(scenario.name(), variant.name(), users, deleted,
                    Math.max(reportedFailed, users - deleted), seconds, perOktaMinute,
                    100.0 * perOktaMinute / scenario.ceilingUsersPerMinute(), requests.size(), tooMany,
                    HeapMeter.peakMb());
        }
    }

    private static void runMemory(Path out, int logins) throws IOException, InterruptedException {
        System.out.printf(Locale.ROOT, "%n== Streaming dry run over %,d logins in a child JVM with -Xmx64m%n", logins);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                StreamingMemoryBenchmark.class.getName(), String.valueOf(logins)).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                output.add(line);
            }
        }
        int exit = child.waitFor();
        String result = output.isEmpty() ? "" : output.get(output.size() - 1);
        String header = "logins,outcomes,skipped_dry_run,seconds,peak_heap_mb,max_heap_mb";
        Files.write(out.resolve("memory.csv"), List.of(header + ",exit_status", result + "," + exit),
                StandardCharsets.UTF_8);
        if (exit != 0) {
            output.forEach(System.out::println);
        }
        System.out.println("  " + header + "\n  " + result + (exit == 0 ? "" : "  (exit status " + exit + ")"));
        System.out.println("Wrote " + out.resolve("memory.csv"));
    }
}

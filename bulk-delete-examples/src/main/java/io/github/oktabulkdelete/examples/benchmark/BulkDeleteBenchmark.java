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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Measures the flow an admin runs (issue 10, item 6): the command-line tool end to end, in-process, as plain
 * {@code --execute --yes} and as {@code --execute --yes --plan FILE} after a {@code --plan-out} dry run, and the
 * library alone ({@code BulkUserDeleter} with its defaults on a tuned client), beside Okta's Postman recipe and a
 * plain SDK loop, each on fresh users of a {@code FakeOktaOrg} configured by a {@code RateLimits} preset (20% of the
 * users already {@code DEPROVISIONED}). Then it runs the streaming form over a million logins in a child JVM with a
 * 64 MB heap.
 *
 * <p>Time is scaled: the fake org's windows are {@code 60 s / scale} long with Okta's per-minute limits, and its
 * latency is Okta's divided by the scale, so every rate and every concurrency (rate &times; latency) is Okta's;
 * rates are reported per Okta minute (per real minute divided by the scale). The ceiling is computed from the
 * preset ({@link Scenario#ceilingUsersPerMinute()}); the library and the CLI delete about three windows' worth.
 *
 * <pre>
 * java -cp bulk-delete-examples/target/okta-bulk-delete.jar \
 *     io.github.oktabulkdelete.examples.benchmark.BulkDeleteBenchmark [--scale 4] [--windows 3]
 *     [--scenario NAME] [--variant TEXT] [--out target/benchmark] [--skip-memory] [--memory-logins 1000000]
 * </pre>
 */
public final class BulkDeleteBenchmark {

    private static final List<Scenario> SCENARIOS =
            List.of(Scenario.INTEGRATOR_FREE, Scenario.WORKFORCE, Scenario.LARGE);

    private BulkDeleteBenchmark() {
    }

    /** @return the variants, in the order they run: a new one is one line here */
    static List<Variant> variants() {
        return List.of(
                new PostmanRecipe(),
                new PlainSdkLoop(),
                new LibraryVariant(),
                CliVariant.execute(),
                CliVariant.planThenApply());
    }

    /**
     * Runs the benchmark and writes {@code results.csv} and {@code memory.csv} to the output folder.
     *
     * @param args see the class description
     * @throws Exception if a run cannot start
     */
    public static void main(String[] args) throws Exception {
        int scale = 4;
        int windows = 3;
        String only = null;
        String variantFilter = null;
        Path out = Path.of("target", "benchmark");
        boolean memory = true;
        int memoryLogins = 1_000_000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--scale" -> scale = Integer.parseInt(args[++i]);
                case "--windows" -> windows = Integer.parseInt(args[++i]);
                case "--scenario" -> only = args[++i];
                case "--variant" -> variantFilter = args[++i];
                case "--out" -> out = Path.of(args[++i]);
                case "--skip-memory" -> memory = false;
                case "--memory-logins" -> memoryLogins = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; options: --scale N,"
                        + " --windows N, --scenario NAME, --variant TEXT, --out DIR, --skip-memory,"
                        + " --memory-logins N");
            }
        }
        Files.createDirectories(out);
        List<Measurement> measurements = new ArrayList<>();
        System.out.printf(Locale.ROOT, "Time scale 1:%d (windows of %d s, latencies / %d); rates per Okta minute;"
                + " %.0f%% of the users already DEPROVISIONED%n", scale, 60 / scale, scale,
                Scenario.DEPROVISIONED_SHARE * 100);
        System.out.println("Ceiling = min over buckets of limit / calls per user in it, with calls per user "
                + Scenario.CALLS_PER_USER + " (lookup at apply + verifying GET; deactivate 0.8; DELETE)");
        for (Scenario scenario : SCENARIOS) {
            if (only != null && !scenario.name().equals(only)) {
                continue;
            }
            System.out.printf(Locale.ROOT, "%n== %s: ceiling %.0f users/min%n", scenario.description(),
                    scenario.ceilingUsersPerMinute());
            for (Variant variant : variants()) {
                if (variantFilter != null && !variant.name().contains(variantFilter)) {
                    continue;
                }
                String unavailable = variant.unavailable();
                if (unavailable != null) {
                    System.out.printf(Locale.ROOT, "  %-34s skipped: %s%n", variant.name(), unavailable);
                    continue;
                }
                Measurement m = measure(scenario, variant, scale, windows, out);
                measurements.add(m);
                System.out.println(m.toLine());
                System.out.flush();
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

    /**
     * Runs one variant on fresh users of a fresh fake org of the scenario.
     *
     * @param scenario the scenario
     * @param variant the variant
     * @param scale the time scale
     * @param windows how many windows at the ceiling the library and the CLI get users for
     * @param out the output folder (the variant's files go to a folder under it)
     * @return the figures
     * @throws Exception if the variant cannot run
     */
    static Measurement measure(Scenario scenario, Variant variant, int scale, int windows, Path out)
            throws Exception {
        int users = variant.users(scenario, scenario.users(windows));
        try (FakeOktaOrg org = FakeOktaOrg.builder().rateLimits(scenario.limits().scaled(scale)).start()) {
            org.addUser("admin@corp.example", UserStatus.ACTIVE);
            org.setTokenOwner("admin@corp.example");
            List<String> logins = org.addUsers("user", users, Scenario.DEPROVISIONED_SHARE);
            Path work = Files.createDirectories(out.resolve("runs").resolve(scenario.name())
                    .resolve(variant.name().replaceAll("[^A-Za-z0-9]+", "-")));
            try (var files = Files.list(work)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.delete(file);
                }
            }
            HeapMeter.reset();
            Variant.Run run = variant.run(org, logins, scale, work);
            Set<String> deletedLogins = org.deletedLogins();
            int deleted = (int) logins.stream().filter(deletedLogins::contains).count();
            List<RecordedRequest> requests = org.requests();
            writeTrace(work.resolve("requests.csv"), requests);
            int tooMany = (int) requests.stream().filter(r -> r.status() == 429).count();
            int getUser = (int) requests.stream().filter(r -> r.route() == Route.GET_USER).count();
            double perOktaMinute = deleted / (run.seconds() / 60.0) / scale;
            return new Measurement(scenario.name(), variant.name(), users, deleted,
                    users - deleted, run.seconds(), run.checkSeconds(), perOktaMinute,
                    scenario.ceilingUsersPerMinute(), requests.size(), getUser, tooMany, org.maxConcurrentRequests(),
                    HeapMeter.peakMb(), run.failed() == 0 || !run.note().isEmpty() ? run.note()
                    : "reported " + run.failed() + " failed");
        }
    }

    /** Every request the org answered, in order, for a look at how the run spent each window. */
    private static void writeTrace(Path file, List<RecordedRequest> requests) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("received_at_millis,route,status");
        for (RecordedRequest r : requests) {
            lines.add(r.receivedAt().toEpochMilli() + "," + r.route() + "," + r.status());
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
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

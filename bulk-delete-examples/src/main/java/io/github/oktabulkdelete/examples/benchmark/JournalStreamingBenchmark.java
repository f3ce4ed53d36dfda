package io.github.oktabulkdelete.examples.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.okta.sdk.resource.client.ApiClient;
import io.github.oktabulkdelete.BulkUserDeleter;
import io.github.oktabulkdelete.Cancellation;
import io.github.oktabulkdelete.DeletionJournal;
import io.github.oktabulkdelete.JournalContents;
import io.github.oktabulkdelete.OktaClients;
import io.github.oktabulkdelete.RestoreSummary;
import io.github.oktabulkdelete.UserRestorer;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How large a journal with the users' records gets, and whether resume and restore read it without their memory
 * growing with the records: writes a journal of 1,000,000 deleted users (an intent with the user's record, profile
 * with custom attributes and three groups, then the outcome, as a journaled run writes them), then reads it in a
 * child JVM with {@code -Xmx256m}, once as a resume does ({@link DeletionJournal#read}) and once by the real
 * {@link UserRestorer} (its dry run against an in-memory Okta: the outcome read, then the streaming pass over the
 * records). It prints the figures and writes them to {@code target/benchmark/journal-streaming.csv}. Not a test.
 *
 * <pre>{@code
 * java -cp ... io.github.oktabulkdelete.examples.benchmark.JournalStreamingBenchmark [users] [out-folder]
 * }</pre>
 */
public final class JournalStreamingBenchmark {

    private static final String HEADER = "mode,users,journal_mb,seconds,peak_heap_mb,retained_heap_mb,max_heap_mb,"
            + "deleted_or_restorable,restore_outcomes";

    private JournalStreamingBenchmark() {
    }

    /**
     * Runs it.
     *
     * @param args {@code [users [out-folder]]} (default 1,000,000 and {@code target/benchmark}); or, in the child,
     *     {@code resume|restore FILE}
     * @throws Exception if writing or a child fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 2 && (args[0].equals("resume") || args[0].equals("restore"))) {
            read(args[0], Path.of(args[1]));
            return;
        }
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path out = Path.of(args.length > 1 ? args[1] : "target/benchmark");
        Files.createDirectories(out);
        Path journal = Files.createTempFile("journal-streaming-", ".jsonl");
        try {
            long start = System.nanoTime();
            write(journal, users);
            System.out.printf(Locale.ROOT, "Wrote a journal of %,d users with records: %.0f MB in %.1f s%n", users,
                    Files.size(journal) / 1e6, (System.nanoTime() - start) / 1e9);
            List<String> lines = new ArrayList<>(List.of(HEADER + ",exit_status"));
            for (String mode : List.of("resume", "restore")) {
                lines.add(child(mode, journal));
            }
            Files.write(out.resolve("journal-streaming.csv"), lines, StandardCharsets.UTF_8);
            lines.forEach(line -> System.out.println("  " + line));
            System.out.println("Wrote " + out.resolve("journal-streaming.csv"));
        } finally {
            Files.deleteIfExists(journal);
        }
    }

    /** The journal as a run with records writes it: a run record, then per user its intent and its outcome. */
    private static void write(Path journal, int users) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Instant at = Instant.parse("2026-11-27T10:00:00Z");
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(journal), 1 << 20)) {
            file.write(("{\"type\":\"run\",\"journal\":1,\"startedAt\":\"" + at + "\",\"orgUrl\":"
                    + "\"https://corp.okta.com\",\"toolVersion\":\"bench\",\"options\":{}}\n")
                    .getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < users; i++) {
                String login = "user" + i + "@corp.example";
                String id = String.format(Locale.ROOT, "00u%017d", i);
                ObjectNode intent = json.createObjectNode().put("type", "intent").put("at", at.toString())
                        .put("login", login).put("userId", id).put("status", "ACTIVE");
                ObjectNode user = intent.putObject("user");
                ObjectNode profile = user.putObject("profile");
                profile.put("firstName", "First" + i).put("lastName", "Last" + i).put("login", login)
                        .put("email", login).put("department", "Department " + (i % 50))
                        .put("title", "Senior Engineer").put("employeeNumber", String.valueOf(100_000 + i))
                        .put("costCenter", "CC-" + (i % 300)).put("badge", i).put("isContractor", i % 3 == 0);
                profile.putArray("languages").add("en").add("fr");
                user.put("typeId", "oty0000000000000000a").put("status", "ACTIVE")
                        .put("created", "2021-03-04T05:06:07Z");
                user.putObject("credentialsProvider").put("type", "OKTA").put("name", "OKTA");
                user.putArray("groups")
                        .add(json.createObjectNode().put("id", "00g0000000000000000e").put("name", "Everyone")
                                .put("type", "BUILT_IN"))
                        .add(json.createObjectNode().put("id", "00g00000000000000" + (100 + i % 50))
                                .put("name", "Department " + (i % 50)).put("type", "OKTA_GROUP"))
                        .add(json.createObjectNode().put("id", "00g0000000000000app").put("name", "Salesforce Users")
                                .put("type", "APP_GROUP"));
                file.write(json.writeValueAsBytes(intent));
                file.write('\n');
                file.write(("{\"type\":\"outcome\",\"at\":\"" + at + "\",\"login\":\"" + login + "\",\"outcome\":"
                        + "\"DELETED\",\"reason\":null,\"userId\":\"" + id + "\",\"status\":\"ACTIVE\","
                        + "\"deactivatedByThisRun\":true,\"step\":null,\"httpStatus\":null,\"errorCode\":null,"
                        + "\"attempts\":4,\"message\":null,\"byInterruptedRun\":false,"
                        + "\"changeMayHaveBeenMade\":false}\n").getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static String child(String mode, Path journal) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                JournalStreamingBenchmark.class.getName(), mode, journal.toString()).redirectErrorStream(true)
                .start();
        List<String> output = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                output.add(line);
            }
        }
        int exit = child.waitFor();
        if (exit != 0) {
            output.forEach(line -> System.out.println("  [" + mode + "] " + line));
            return mode + ",,,,,,,,," + exit;
        }
        return output.get(output.size() - 1) + "," + exit;
    }

    /**
     * In the child: reads the journal as a resume does ({@link DeletionJournal#read}), or runs the real
     * {@link UserRestorer}, a dry run against {@link InMemoryOkta} (every login exists there, so each user is one
     * lookup and ends {@code AlreadyExists}; the groups are checked once each), and prints one CSV line.
     */
    private static void read(String mode, Path journal) throws IOException {
        HeapMeter.reset();
        long start = System.nanoTime();
        long users = 0;
        long deleted = 0;
        AtomicLong restoreOutcomes = new AtomicLong();
        JournalContents contents = null; // held until measured, as a resume holds it
        if (mode.equals("resume")) {
            contents = DeletionJournal.read(journal);
            users = contents.outcomes().size();
            deleted = contents.counts().deleted();
        } else {
            ApiClient client = InMemoryOkta.apiClient();
            RateLimiter unlimited = RateLimiter.of("unlimited", RateLimiterConfig.custom()
                    .limitForPeriod(Integer.MAX_VALUE).limitRefreshPeriod(Duration.ofSeconds(1)).build());
            BulkUserDeleter deleter = BulkUserDeleter.builder(client).rateLimiter(unlimited).connectionPoolSize(8)
                    .maxConcurrency(8).build();
            RestoreSummary summary = UserRestorer.builder(deleter).dryRun(true).build().restore(journal, List.of(),
                    outcome -> restoreOutcomes.incrementAndGet(), Cancellation.create());
            OktaClients.close(client);
            users = summary.total();
            deleted = summary.alreadyExists() + summary.wouldRestore();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double peak = HeapMeter.peakMb();
        System.gc();
        double retained = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
        System.out.printf(Locale.ROOT, "%s,%d,%.0f,%.1f,%.1f,%.1f,%.1f,%d,%d%n", mode, users,
                Files.size(journal) / 1e6, seconds, peak, retained, Runtime.getRuntime().maxMemory() / 1048576.0,
                deleted, restoreOutcomes.get());
        if (contents != null && contents.records() < 0) {
            throw new IllegalStateException("unreachable: keeps the contents alive through the measurement");
        }
    }
}

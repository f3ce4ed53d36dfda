package io.github.oktabulkdelete.examples.benchmark;

import com.okta.sdk.resource.client.ApiClient;
import io.github.oktabulkdelete.BulkDeleteSummary;
import io.github.oktabulkdelete.BulkUserDeleter;
import io.github.oktabulkdelete.OktaClients;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The streaming form of {@code deleteAll} over a million logins, a dry run against {@link InMemoryOkta}. Run it in
 * a small heap ({@code -Xmx64m}): it prints one CSV line,
 * {@code logins,outcomes,skipped_dry_run,seconds,peak_heap_mb,max_heap_mb}.
 */
public final class StreamingMemoryBenchmark {

    private StreamingMemoryBenchmark() {
    }

    /**
     * Runs it.
     *
     * @param args the number of logins (default 1,000,000)
     */
    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        ApiClient client = InMemoryOkta.apiClient();
        RateLimiter unlimited = RateLimiter.of("unlimited", RateLimiterConfig.custom()
                .limitForPeriod(Integer.MAX_VALUE).limitRefreshPeriod(Duration.ofSeconds(1)).build());
        BulkUserDeleter deleter = BulkUserDeleter.builder(client).dryRun(true).rateLimiter(unlimited)
                .connectionPoolSize(8).maxConcurrency(8).build();
        Iterable<String> logins = () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < count;
            }

            @Override
            public String next() {
                return "user" + (next++) + "@corp.example";
            }
        };
        HeapMeter.reset();
        AtomicLong outcomes = new AtomicLong();
        long start = System.nanoTime();
        BulkDeleteSummary summary = deleter.deleteAll(logins, outcome -> outcomes.incrementAndGet());
        double seconds = (System.nanoTime() - start) / 1e9;
        OktaClients.close(client);
        System.out.printf(Locale.ROOT, "%d,%d,%d,%.1f,%.1f,%.1f%n", count, outcomes.get(),
                summary.counts().skipped(), seconds, HeapMeter.peakMb(),
                Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0));
    }
}

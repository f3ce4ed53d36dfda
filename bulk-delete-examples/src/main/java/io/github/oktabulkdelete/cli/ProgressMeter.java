package io.github.oktabulkdelete.cli;

import io.github.oktabulkdelete.BatchProgress;
import io.github.oktabulkdelete.BatchStop;
import io.github.oktabulkdelete.DeletionListener;
import io.github.oktabulkdelete.DeletionOutcome;
import io.github.oktabulkdelete.OktaRequestException;
import io.github.oktabulkdelete.OutcomeCounts;
import io.github.oktabulkdelete.SkipReason;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The CLI's progress display on stderr, drawn from the batch's own {@link BatchProgress} snapshot (the one a
 * {@code RunningBatch} gives, handed over by {@link #onBatchStarted}): done / total (when the total is known), rate,
 * time left, the count of each outcome, and what the workers wait for. Outcome events only set the cadence.
 *
 * <p>On a terminal ({@link Mode#BAR}) it redraws one line in place with {@code \r}, at most every 100 ms; otherwise
 * ({@link Mode#LINES}) it writes a line for the first login, then every 10 seconds or every 10% of the total,
 * whichever comes first, so that logs stay readable. Waits of 5 seconds or more before a retry, and a batch stop, get a line of their own in both
 * modes. The deleter calls a listener one call at a time, so this class needs no locking; {@link #finish()} is for
 * the thread that ran the batch, after it ended.
 *
 * <pre>{@code
 * ProgressMeter progress = new ProgressMeter(err, ProgressMeter.Mode.LINES, Clock.systemUTC(), "Deleting", 300, false);
 * BulkUserDeleter deleter = BulkUserDeleter.builder(client).listener(progress).build();
 * deleter.deleteAll(logins);
 * progress.finish();
 * }</pre>
 */
public final class ProgressMeter implements DeletionListener {

    /** How progress is shown. */
    public enum Mode {
        /** A bar redrawn in place, for a terminal. */
        BAR,
        /** A line now and then, for logs and pipes. */
        LINES,
        /** Nothing but retries of 5 s or more and stops. */
        OFF
    }

    static final Duration REDRAW_EVERY = Duration.ofMillis(100);
    static final Duration LINE_EVERY = Duration.ofSeconds(10);
    static final Duration LONG_WAIT = Duration.ofSeconds(5);
    private static final int BAR_WIDTH = 24;

    private final PrintWriter err;
    private final Mode mode;
    private final Clock clock;
    private final String label;
    private final long total;
    private final boolean dryRun;
    private Supplier<BatchProgress> progress = ProgressMeter::nothingYet;
    private long retries;
    private long lastDrawMillis;
    private long lastPrintedDone = -1;
    private long lastTenth;
    private int lastWidth;

    /**
     * A progress display.
     *
     * @param err where to write
     * @param mode how to show progress
     * @param clock the clock for rate, time left and throttling
     * @param label what the batch does, such as {@code Deleting}
     * @param total the number of logins, or a negative number when unknown
     * @param dryRun whether the batch is a dry run (its {@code DRY_RUN} skips are shown as "would delete")
     */
    public ProgressMeter(PrintWriter err, Mode mode, Clock clock, String label, long total, boolean dryRun) {
        this.err = err;
        this.mode = mode;
        this.clock = clock;
        this.label = label;
        this.total = total;
        this.dryRun = dryRun;
    }

    @Override
    public void onBatchStarted(Supplier<BatchProgress> progress) {
        this.progress = progress;
    }

    @Override
    public void onOutcome(DeletionOutcome outcome) {
        BatchProgress p = progress.get(); // counts this outcome already
        long done = p.finished();
        long now = clock.millis();
        if (mode == Mode.BAR) {
            if (done == 1 || now - lastDrawMillis >= REDRAW_EVERY.toMillis() || done == total) {
                redraw(now, p);
            }
        } else if (mode == Mode.LINES) {
            long tenth = total > 0 ? done * 10 / total : 0;
            boolean step = total > 0 ? tenth > lastTenth : done % 1000 == 0;
            if (done == 1 || step || now - lastDrawMillis >= LINE_EVERY.toMillis()) {
                lastTenth = tenth;
                lastDrawMillis = now;
                lastPrintedDone = done;
                err.println(status(now, p));
                err.flush();
            }
        }
    }

    @Override
    public void onRetry(String login, OktaRequestException failure, int attempt, Duration wait) {
        retries++;
        if (wait.compareTo(LONG_WAIT) >= 0) {
            message(String.format(Locale.ROOT, "waiting %d s before retrying %s (attempt %d: HTTP %d%s)",
                    (wait.toMillis() + 999) / 1000, login, attempt, failure.httpStatus(),
                    failure.errorCode() == null ? "" : " " + failure.errorCode()));
            if (mode == Mode.LINES) { // what the batch waits for, from its snapshot (this wait included)
                long now = clock.millis();
                BatchProgress p = progress.get();
                lastDrawMillis = now;
                lastPrintedDone = p.finished();
                err.println(status(now, p));
                err.flush();
            }
        }
    }

    @Override
    public void onBatchStopped(BatchStop stop) {
        message("stopping: " + stop.message());
    }

    /** Draws the final state and ends the line; call once, after the batch. */
    public void finish() {
        long now = clock.millis();
        BatchProgress p = progress.get(); // the final snapshot: the batch's summary
        if (mode == Mode.BAR) {
            redraw(now, p);
            err.println();
        } else if (mode == Mode.LINES && lastPrintedDone != p.finished()) {
            err.println(status(now, p));
        }
        err.flush();
    }

    /** @return the retries seen */
    public long retries() {
        return retries;
    }

    private void message(String text) {
        if (mode == Mode.BAR && lastWidth > 0) {
            err.print('\r' + " ".repeat(lastWidth) + '\r');
            lastWidth = 0;
        }
        err.println(label + ": " + text);
        if (mode == Mode.BAR) {
            redraw(clock.millis(), progress.get());
        }
        err.flush();
    }

    private void redraw(long now, BatchProgress p) {
        lastDrawMillis = now;
        String line = bar(p.finished()) + status(now, p);
        int width = line.length();
        err.print('\r' + line + (width < lastWidth ? " ".repeat(lastWidth - width) : ""));
        lastWidth = width;
        err.flush();
    }

    private String bar(long done) {
        if (total <= 0) {
            return "";
        }
        int filled = (int) Math.min(BAR_WIDTH, done * BAR_WIDTH / total);
        return "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] ";
    }

    /**
     * For example {@code Deleting 120/300 40% 4.0/s ETA 0:45 | deleted 100, not found 10, skipped 10, failed 0}, then
     * the retries and what the batch waits for, if anything ({@code | waiting: rate-limit reset of DELETE
     * /api/v1/users/{id}, 31 s}).
     */
    String status(long now, BatchProgress snapshot) {
        BatchProgress p = total < 0 ? snapshot : withTotal(snapshot, total);
        long done = p.finished();
        long shownTotal = p.total().orElse(-1);
        StringBuilder s = new StringBuilder(label).append(' ').append(done);
        double rate = p.loginsPerMinute() / 60;
        if (shownTotal >= 0) {
            s.append('/').append(shownTotal);
            if (shownTotal > 0) {
                s.append(' ').append(done * 100 / shownTotal).append('%');
            }
        }
        if (rate > 0) {
            s.append(String.format(Locale.ROOT, " %.1f/s", rate));
            if (shownTotal > done) {
                p.eta().ifPresent(eta -> s.append(" ETA ").append(clockTime(Math.round(eta.toMillis() / 1000.0))));
            }
        }
        s.append(" | ");
        OutcomeCounts counts = p.counts();
        long wouldDelete = counts.skipped(SkipReason.DRY_RUN);
        if (dryRun) {
            s.append("would delete ").append(wouldDelete).append(", ");
        } else {
            s.append("deleted ").append(counts.deleted()).append(", ");
        }
        s.append("not found ").append(counts.notFound())
                .append(", skipped ").append(counts.skipped() - wouldDelete)
                .append(", failed ").append(counts.failed());
        long notAttempted = counts.notAttempted();
        if (notAttempted > 0) {
            s.append(", not attempted ").append(notAttempted);
        }
        if (retries > 0) {
            s.append(" (").append(retries).append(retries == 1 ? " retry)" : " retries)");
        }
        p.waitingFor().ifPresent(w -> s.append(" | waiting: ").append(waitText(w, now)));
        return s.toString();
    }

    /** For example {@code rate-limit reset of DELETE /api/v1/users/{id}, 31 s}, or {@code pacing (delete)}. */
    static String waitText(BatchProgress.Wait wait, long now) {
        String reason = switch (wait.reason()) {
            case PACING -> "pacing";
            case RATE_LIMIT_RESET -> "rate-limit reset";
            case CONCURRENCY_LIMIT -> "concurrency limit";
            case RETRY_BACKOFF -> "retry back-off";
        };
        String what = reason + (wait.bucket() != null ? " of " + wait.bucket() : " (" + wait.route() + ")");
        if (wait.until() == null) {
            return what;
        }
        long seconds = (Math.max(0, wait.until().toEpochMilli() - now) + 999) / 1000;
        return what + ", " + seconds + " s";
    }

    /** The snapshot with the pass's total, which the core may not know (a file read lazily, a resume). */
    private static BatchProgress withTotal(BatchProgress p, long total) {
        return new BatchProgress(p.loginsRead(), p.counts(), p.httpRequests(), total, p.elapsed(), p.waits(), p.done(),
                p.stopCause());
    }

    /** Before the batch starts: nothing done. */
    private static BatchProgress nothingYet() {
        return new BatchProgress(0, OutcomeCounts.of(Map.of(), Map.of()), 0, -1, Duration.ZERO, List.of(), false,
                null);
    }

    static String clockTime(long seconds) {
        long h = seconds / 3600;
        long m = seconds / 60 % 60;
        long sec = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec)
                : String.format(Locale.ROOT, "%d:%02d", m, sec);
    }
}

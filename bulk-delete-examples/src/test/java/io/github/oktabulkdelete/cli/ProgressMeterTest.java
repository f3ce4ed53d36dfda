package io.github.oktabulkdelete.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.oktabulkdelete.BatchProgress;
import io.github.oktabulkdelete.BatchStop;
import io.github.oktabulkdelete.DeletionOutcome;
import io.github.oktabulkdelete.OktaRequestException;
import io.github.oktabulkdelete.OutcomeCounts;
import io.github.oktabulkdelete.SkipReason;
import io.github.oktabulkdelete.Step;
import io.github.oktabulkdelete.UserState;
import io.github.oktabulkdelete.testing.MutableClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressMeterTest {

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-27T10:00:00Z"));
    private final StringWriter text = new StringWriter();
    private final PrintWriter err = new PrintWriter(text, true);

    private static DeletionOutcome deleted(int i) {
        return new DeletionOutcome.Deleted("u" + i + "@corp.example", "00u" + i, UserState.ACTIVE, true, 3);
    }

    /** The batch's side: its outcome tally and waits, handed to the meter as snapshots, as the core does. */
    private final OutcomeCounts.Tally tally = OutcomeCounts.tally();
    private final List<BatchProgress.Wait> waits = new ArrayList<>();
    private final Instant start = clock.instant();

    private ProgressMeter meter(ProgressMeter.Mode mode, String label, long total, boolean dryRun) {
        ProgressMeter progress = new ProgressMeter(err, mode, clock, label, total, dryRun);
        progress.onBatchStarted(() -> new BatchProgress(tally.counts().total(), tally.counts(), 0, -1,
                Duration.between(start, clock.instant()), List.copyOf(waits), false, null));
        return progress;
    }

    /** The batch records an outcome, then tells the listener. */
    private void record(ProgressMeter progress, DeletionOutcome outcome) {
        tally.add(outcome);
        progress.onOutcome(outcome);
    }

    private List<String> lines() {
        return text.toString().lines().toList();
    }

    @Test
    void withoutATerminalItWritesTheFirstLineThenOneEveryTenthWithRateAndTimeLeft() {
        ProgressMeter progress = meter(ProgressMeter.Mode.LINES, "Deleting", 20, false);

        for (int i = 1; i <= 20; i++) {
            clock.advance(Duration.ofSeconds(1));
            record(progress, i == 5 ? new DeletionOutcome.NotFound("gone@corp.example", 1) : deleted(i));
        }
        progress.finish();

        assertThat(text.toString()).doesNotContain("\r");
        assertThat(lines()).hasSize(11);
        assertThat(lines().get(0)).isEqualTo(
                "Deleting 1/20 5% 1.0/s ETA 0:19 | deleted 1, not found 0, skipped 0, failed 0");
        assertThat(lines().get(1)).isEqualTo(
                "Deleting 2/20 10% 1.0/s ETA 0:18 | deleted 2, not found 0, skipped 0, failed 0");
        assertThat(lines().get(10)).isEqualTo("Deleting 20/20 100% 1.0/s | deleted 19, not found 1, skipped 0, failed 0");
    }

    @Test
    void withoutATerminalItAlsoWritesALineEveryTenSeconds() {
        ProgressMeter progress = meter(ProgressMeter.Mode.LINES, "Deleting", 1000, false);

        record(progress, deleted(1)); // the first line
        clock.advance(Duration.ofSeconds(9));
        record(progress, deleted(2)); // too soon
        clock.advance(Duration.ofSeconds(1));
        record(progress, deleted(3)); // ten seconds later

        assertThat(lines()).extracting(l -> l.substring(0, l.indexOf(" |")))
                .containsExactly("Deleting 1/1000 0%", "Deleting 3/1000 0% 0.3/s ETA 55:23");
    }

    @Test
    void onATerminalItRedrawsOneLineInPlace() {
        ProgressMeter progress = meter(ProgressMeter.Mode.BAR, "Checking (dry run)", 4, true);

        for (int i = 1; i <= 4; i++) {
            clock.advance(Duration.ofMillis(500));
            record(progress, new DeletionOutcome.Skipped("u" + i, SkipReason.DRY_RUN, "00u" + i, UserState.ACTIVE,
                    "dry run"));
        }
        progress.finish();

        String shown = text.toString();
        assertThat(shown).startsWith("\r[######..................] Checking (dry run) 1/4 25% 2.0/s ETA 0:02 | "
                + "would delete 1, not found 0, skipped 0, failed 0");
        assertThat(shown).contains("\r[########################] Checking (dry run) 4/4 100% 2.0/s | would delete 4")
                .endsWith(System.lineSeparator());
        assertThat(shown.chars().filter(c -> c == '\n')).hasSize(1); // one line, redrawn
        assertThat(shown.chars().filter(c -> c == '\r')).hasSize(5);
    }

    @Test
    void anUnknownTotalShowsCountsWithoutPercentOrTimeLeft() {
        ProgressMeter progress = meter(ProgressMeter.Mode.LINES, "Deleting", -1, false);

        clock.advance(Duration.ofSeconds(2));
        record(progress, deleted(1));
        progress.finish();

        assertThat(lines()).containsExactly("Deleting 1 0.5/s | deleted 1, not found 0, skipped 0, failed 0");
    }

    @Test
    void longRetryWaitsAndStopsGetALineOfTheirOwnInEveryMode() {
        ProgressMeter progress = meter(ProgressMeter.Mode.OFF, "Deleting", 10, false);
        OktaRequestException tooMany = new OktaRequestException(Step.DELETE, 429, "E0000047", "rate limited", null,
                null);

        progress.onRetry("a@corp.example", tooMany, 1, Duration.ofMillis(300));
        progress.onRetry("a@corp.example", tooMany, 2, Duration.ofMillis(31_200));
        progress.onBatchStopped(new BatchStop(BatchStop.Cause.AUTHENTICATION_FAILED, "Okta answered 401"));
        record(progress, deleted(1));
        progress.finish();

        assertThat(lines()).containsExactly(
                "Deleting: waiting 32 s before retrying a@corp.example (attempt 2: HTTP 429 E0000047)",
                "Deleting: stopping: Okta answered 401");
        assertThat(progress.retries()).isEqualTo(2);
    }

    @Test
    void theLineShowsWhatTheBatchWaitsForFromItsSnapshot() {
        ProgressMeter progress = meter(ProgressMeter.Mode.LINES, "Deleting", 10, false);
        OktaRequestException tooMany = new OktaRequestException(Step.DELETE, 429, "E0000047", "rate limited", null,
                null);
        clock.advance(Duration.ofSeconds(1));
        record(progress, deleted(1));
        waits.add(new BatchProgress.Wait(BatchProgress.WaitReason.RATE_LIMIT_RESET, "delete",
                "DELETE /api/v1/users/{id}", clock.instant().plusMillis(30_500)));

        progress.onRetry("b@corp.example", tooMany, 1, Duration.ofMillis(30_500)); // the core shows the wait first

        assertThat(lines()).containsExactly(
                "Deleting 1/10 10% 1.0/s ETA 0:09 | deleted 1, not found 0, skipped 0, failed 0",
                "Deleting: waiting 31 s before retrying b@corp.example (attempt 1: HTTP 429 E0000047)",
                "Deleting 1/10 10% 1.0/s ETA 0:09 | deleted 1, not found 0, skipped 0, failed 0 (1 retry)"
                        + " | waiting: rate-limit reset of DELETE /api/v1/users/{id}, 31 s");
    }

    @Test
    void anOpenEndedPacingWaitNamesItsRoute() {
        assertThat(ProgressMeter.waitText(new BatchProgress.Wait(BatchProgress.WaitReason.PACING, "delete", null,
                null), clock.millis())).isEqualTo("pacing (delete)");
    }

    @Test
    void clockTimeShowsHoursOnlyWhenNeeded() {
        assertThat(ProgressMeter.clockTime(59)).isEqualTo("0:59");
        assertThat(ProgressMeter.clockTime(3600 + 61)).isEqualTo("1:01:01");
    }
}

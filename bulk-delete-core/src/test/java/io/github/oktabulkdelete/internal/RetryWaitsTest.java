package io.github.oktabulkdelete.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.oktabulkdelete.OktaRequestException;
import io.github.oktabulkdelete.RateLimitStatus;
import io.github.oktabulkdelete.Step;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RetryWaitsTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private final Clock clock = Clock.fixed(NOW.plusSeconds(3600), ZoneOffset.UTC); // local clock far off on purpose

    private static OktaRequestException tooMany(RateLimitStatus status) {
        return new OktaRequestException(Step.DELETE, 429, "E0000047", "rate limited", status, null);
    }

    private RetryWaits waits(double random) {
        return new RetryWaits(clock, Duration.ofSeconds(60), () -> random);
    }

    @Test
    void rateLimit429WaitsUntilResetMeasuredAgainstTheServerDatePlusOneSecond() {
        RateLimitStatus status = new RateLimitStatus("DELETE /api/v1/users/{id}", 429, 600, 0,
                NOW.plusSeconds(20), NOW);

        assertThat(waits(0).waitFor(tooMany(status), 1)).isEqualTo(Duration.ofSeconds(21));
        assertThat(waits(0.999).waitFor(tooMany(status), 1))
                .as("up to 10% jitter").isBetween(Duration.ofSeconds(21), Duration.ofMillis(23_100));
    }

    @Test
    void waitIsCappedWhateverTheResetSays() {
        RateLimitStatus status = new RateLimitStatus("b", 429, 600, 0, NOW.plusSeconds(3000), NOW);

        assertThat(waits(0.5).waitFor(tooMany(status), 1)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void resetInThePastWaitsOnlyTheMargin() {
        RateLimitStatus status = new RateLimitStatus("b", 429, 600, 0, NOW.minusSeconds(5), NOW);

        assertThat(waits(0).waitFor(tooMany(status), 1)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void withoutADateTheLocalClockIsUsed() {
        RateLimitStatus status = new RateLimitStatus("b", 429, 600, 0, clock.instant().plusSeconds(4), null);

        assertThat(waits(0).waitFor(tooMany(status), 1)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void concurrency429BacksOffBrieflyInsteadOfTrustingItsResetEstimate() {
        RateLimitStatus status = new RateLimitStatus("b", 429, 0, 0, NOW.plusSeconds(120), NOW);

        assertThat(waits(1.0).waitFor(tooMany(status), 1)).isEqualTo(Duration.ofMillis(500));
        assertThat(waits(1.0).waitFor(tooMany(status), 3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(waits(1.0).waitFor(tooMany(status), 10)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void serverErrorsAndTransportFailuresBackOffExponentiallyWithJitter() {
        OktaRequestException unavailable = new OktaRequestException(Step.DELETE, 503, null, "x", null, null);
        OktaRequestException dropped = new OktaRequestException(Step.DELETE, 0, null, "x", null, new IOException());

        assertThat(waits(0).waitFor(unavailable, 1)).isEqualTo(Duration.ofMillis(250));
        assertThat(waits(1.0).waitFor(unavailable, 2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(waits(1.0).waitFor(dropped, 30)).isEqualTo(Duration.ofSeconds(10));
    }
}

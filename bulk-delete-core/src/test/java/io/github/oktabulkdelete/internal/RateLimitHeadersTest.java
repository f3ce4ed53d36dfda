package io.github.oktabulkdelete.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.oktabulkdelete.RateLimitStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitHeadersTest {

    private static final String DATE = "Fri, 27 Nov 2026 10:00:00 GMT";
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void readsHeadersWhateverTheirCase() {
        RateLimitStatus status = RateLimitHeaders.parse("b", 200, Map.of(
                "x-rate-limit-limit", List.of("600"), "X-RATE-LIMIT-REMAINING", List.of("599"),
                "X-Rate-Limit-Reset", List.of(String.valueOf(NOW.getEpochSecond() + 42)), "date", List.of(DATE)));

        assertThat(status).isEqualTo(new RateLimitStatus("b", 200, 600, 599, NOW.plusSeconds(42), NOW));
    }

    @Test
    void duplicateResetHeadersTakeTheLatestSensibleOne() {
        RateLimitStatus status = RateLimitHeaders.parse("b", 429, Map.of("X-Rate-Limit-Reset",
                List.of(String.valueOf(NOW.getEpochSecond() + 10), String.valueOf(NOW.getEpochSecond() + 30)),
                "Date", List.of(DATE)));

        assertThat(status.reset()).isEqualTo(NOW.plusSeconds(30));
    }

    @Test
    void garbageIsTreatedAsAbsent() {
        RateLimitStatus status = RateLimitHeaders.parse("b", 429, Map.of(
                "X-Rate-Limit-Limit", List.of("lots"), "X-Rate-Limit-Remaining", List.of("-3"),
                "X-Rate-Limit-Reset", List.of("soon", "99999999999999999999", "0",
                        String.valueOf(NOW.getEpochSecond() + 10L * 24 * 3600 * 365)),
                "Date", List.of("yesterday")));

        assertThat(status.limit()).isEqualTo(-1);
        assertThat(status.remaining()).isEqualTo(-1);
        assertThat(status.serverDate()).isNull();
        assertThat(status.reset()).as("without a date only the number is checked")
                .isEqualTo(Instant.ofEpochSecond(NOW.getEpochSecond() + 10L * 24 * 3600 * 365));
        RateLimitStatus dated = RateLimitHeaders.parse("b", 429, Map.of("X-Rate-Limit-Reset",
                List.of(String.valueOf(NOW.getEpochSecond() + 10L * 24 * 3600 * 365)), "Date", List.of(DATE)));
        assertThat(dated.reset()).as("years away from the server's date is garbage").isNull();
    }

    @Test
    void noRateLimitHeadersMeansNoStatus() {
        assertThat(RateLimitHeaders.parse("b", 200, Map.of("Date", List.of(DATE)))).isNull();
        assertThat(RateLimitHeaders.parse("b", 200, (Map<String, List<String>>) null)).isNull();
    }

    @Test
    void bucketsAreNamedByMethodAndPathTemplate() {
        assertThat(RateLimitHeaders.bucketOf("get", "/api/v1/users/jsmith%40corp.com?expand=x"))
                .isEqualTo("GET /api/v1/users/{id}");
        assertThat(RateLimitHeaders.bucketOf("POST", "/api/v1/users/00u1/lifecycle/deactivate?sendEmail=false"))
                .isEqualTo("POST /api/v1/users/{id}/lifecycle/deactivate");
        assertThat(RateLimitHeaders.bucketOf("GET", "/api/v1/users?filter=x")).isEqualTo("GET /api/v1/users");
        assertThat(RateLimitHeaders.bucketOf("GET", "/api/v1/groups")).isEqualTo("GET /api/v1/groups");
    }
}

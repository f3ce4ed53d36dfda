package io.github.oktabulkdelete;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import com.okta.sdk.resource.client.ApiClient;
import io.github.oktabulkdelete.internal.OktaGateway;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.retry.Retry;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class BulkUserDeleterBuilderTest {

    private final OktaGateway gateway = mock(OktaGateway.class);

    static Stream<Arguments> invalidSettings() {
        return Stream.of(
                bad("requestsPerMinute 0", b -> b.requestsPerMinute(0), IllegalArgumentException.class,
                        "requestsPerMinute"),
                bad("requestsPerMinute too high", b -> b.requestsPerMinute(1_000_001),
                        IllegalArgumentException.class, "requestsPerMinute"),
                bad("maxConcurrency 0", b -> b.maxConcurrency(0), IllegalArgumentException.class, "maxConcurrency"),
                bad("maxConcurrency 76", b -> b.maxConcurrency(76), IllegalArgumentException.class,
                        "maxConcurrency"),
                bad("maxAttempts 0", b -> b.maxAttempts(0), IllegalArgumentException.class, "maxAttempts"),
                bad("maxRetryWait zero", b -> b.maxRetryWait(Duration.ZERO), IllegalArgumentException.class,
                        "maxRetryWait"),
                bad("maxRetryWait null", b -> b.maxRetryWait(null), NullPointerException.class, "maxRetryWait"),
                bad("maxDeletions negative", b -> b.maxDeletions(-1), IllegalArgumentException.class,
                        "maxDeletions"),
                bad("connectionPoolSize 0", b -> b.connectionPoolSize(0), IllegalArgumentException.class,
                        "connectionPoolSize"),
                bad("protectedLogins null", b -> b.protectedLogins(null), NullPointerException.class,
                        "protectedLogins"),
                bad("protectedLogins null element", b -> b.protectedLogins(Arrays.asList("a", null)),
                        NullPointerException.class, "protectedLogins"),
                bad("protectedLogins blank element", b -> b.protectedLogins(List.of(" ")),
                        IllegalArgumentException.class, "protectedLogins"),
                bad("listener null", b -> b.listener(null), NullPointerException.class, "listener"),
                bad("rateLimiter null", b -> b.rateLimiter(null), NullPointerException.class, "rateLimiter"),
                bad("retry null", b -> b.retry(null), NullPointerException.class, "retry"),
                bad("clock null", b -> b.clock(null), NullPointerException.class, "clock"),
                bad("sleeper null", b -> b.sleeper(null), NullPointerException.class, "sleeper"),
                bad("rate limiter and rate", b -> b.rateLimiter(RateLimiter.ofDefaults("x")).requestsPerMinute(5)
                        .build(), IllegalStateException.class, "rateLimiter"),
                bad("retry and maxAttempts", b -> b.retry(Retry.ofDefaults("x")).maxAttempts(3).build(),
                        IllegalStateException.class, "retry"));
    }

    private static Arguments bad(String name, Consumer<BulkUserDeleter.Builder> misuse,
            Class<? extends Throwable> type, String namedParameter) {
        return Arguments.of(name, misuse, type, namedParameter);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSettings")
    void misuseFailsFastNamingTheParameterWithoutAnyCall(String name, Consumer<BulkUserDeleter.Builder> misuse,
            Class<? extends Throwable> type, String namedParameter) {
        BulkUserDeleter.Builder builder = BulkUserDeleter.builder(gateway, 8);

        assertThatThrownBy(() -> misuse.accept(builder)).isInstanceOf(type).hasMessageContaining(namedParameter);
        verifyNoInteractions(gateway);
    }

    @Test
    void nullClientAndNullInputFailFast() {
        assertThatThrownBy(() -> BulkUserDeleter.builder((ApiClient) null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("apiClient");
        assertThatThrownBy(() -> BulkUserDeleter.builder((TunedOktaClient) null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("client");
        BulkUserDeleter deleter = BulkUserDeleter.builder(gateway, 8).build();
        assertThatThrownBy(() -> deleter.deleteAll(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("logins");
        assertThatThrownBy(() -> deleter.deleteAll(List.of(), (Consumer<DeletionOutcome>) null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("consumer");
        verifyNoInteractions(gateway);
    }

    @Test
    void concurrencyIsCappedByTheConnectionPool() {
        assertThat(BulkUserDeleter.builder(gateway, 3).maxConcurrency(8).build().maxConcurrency()).isEqualTo(3);
        assertThat(BulkUserDeleter.builder(gateway, null).maxConcurrency(8).build().maxConcurrency())
                .as("a plain client's pool is the SDK's 5").isEqualTo(5);
        assertThat(BulkUserDeleter.builder(gateway, null).connectionPoolSize(20).maxConcurrency(8).build()
                .maxConcurrency()).isEqualTo(8);
    }

    @Test
    void buildCopiesTheBuilderSoLaterChangesDoNotLeakIn() {
        BulkUserDeleter.Builder builder = BulkUserDeleter.builder(gateway, 8).dryRun(true)
                .protectedLogins(Set.of("Admin@Corp.example"));
        BulkUserDeleter deleter = builder.build();
        builder.dryRun(false).protectedLogins(Set.of());

        assertThat(deleter.isDryRun()).isTrue();
        assertThat(deleter.protectedLogins()).containsExactly("admin@corp.example");
        assertThat(deleter.newBuilder().build().isDryRun()).isTrue();
        assertThatThrownBy(() -> deleter.protectedLogins().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void derivedDeletersShareThePacerUnlessTheirPaceSettingsDiffer() {
        BulkUserDeleter adaptive = BulkUserDeleter.builder(gateway, 8).adaptivePacing(true).build();
        BulkUserDeleter fixed = BulkUserDeleter.builder(gateway, 8).adaptivePacing(false).build();

        assertThat(adaptive.newBuilder().dryRun(true).listener(DeletionListener.NONE).maxAttempts(2).build()
                .settings().pacer()).as("settings that are not the pace keep it").isSameAs(adaptive.settings().pacer());
        assertThat(adaptive.newBuilder().build().newBuilder().build().settings().pacer()).as("down the generations")
                .isSameAs(adaptive.settings().pacer());
        assertThat(fixed.newBuilder().requestsPerMinute(300).build().settings().pacer())
                .as("the default rate, set explicitly, is the same pace").isSameAs(fixed.settings().pacer());
        assertThat(adaptive.newBuilder().maxShareOfLimit(0.5).build().settings().pacer())
                .isNotSameAs(adaptive.settings().pacer());
        assertThat(adaptive.newBuilder().maxConcurrency(2).build().settings().pacer())
                .isNotSameAs(adaptive.settings().pacer());
        assertThat(fixed.newBuilder().requestsPerMinute(100).build().settings().pacer())
                .isNotSameAs(fixed.settings().pacer());
        assertThat(fixed.newBuilder().adaptivePacing(true).build().settings().pacer())
                .isNotSameAs(fixed.settings().pacer());
        assertThat(BulkUserDeleter.builder(gateway, 8).build().settings().pacer()).as("a new builder: a new pace")
                .isNotSameAs(fixed.settings().pacer());
    }
}

package io.github.oktabulkdelete;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.okta.sdk.resource.model.UserStatus;
import io.github.oktabulkdelete.testing.FakeOktaOrg;
import io.github.oktabulkdelete.testing.Fault;
import io.github.oktabulkdelete.testing.MutableClock;
import io.github.oktabulkdelete.testing.Route;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The SLF4J MDC keys {@code okta.login} and {@code okta.step} on the worker threads while a login is worked on, as
 * a logback appender sees them in the log events of those threads: the application's own lines (logged from listener
 * calls, which run on the worker thread in the middle of the login's work: a rate-limit reading after each response,
 * a retry; or after it: its outcome) and the library's.
 */
class LogContextTest {

    private static final String TOKEN_OWNER = "admin@corp.example";

    /** What the MDC held at one listener call, on which thread. */
    record Seen(String event, String thread, String login, String step, Map<String, String> all) {
    }

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-27T10:00:00Z"));
    private final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
    private FakeOktaOrg org;
    private TunedOktaClient client;

    @BeforeEach
    void startOrg() {
        org = FakeOktaOrg.start();
        org.addUser(TOKEN_OWNER, UserStatus.ACTIVE);
        org.setTokenOwner(TOKEN_OWNER);
        client = org.tunedClientBuilder()
                .connectionPoolSize(2).build();
    }

    @AfterEach
    void stopOrg() {
        client.close();
        org.close();
    }

    /** A logback appender that keeps each event's message, thread and MDC. */
    private final class RecordingAppender extends AppenderBase<ILoggingEvent> {
        @Override
        protected void append(ILoggingEvent event) {
            Map<String, String> mdc = event.getMDCPropertyMap();
            seen.add(new Seen(event.getFormattedMessage(), event.getThreadName(), mdc.get("okta.login"),
                    mdc.get("okta.step"), new HashMap<>(mdc)));
        }
    }

    private static final org.slf4j.Logger APP_LOG = LoggerFactory.getLogger("com.corp.offboarding");
    private final List<Logger> attachedTo = new ArrayList<>();
    private final RecordingAppender appender = new RecordingAppender();

    @BeforeEach
    void attachAppender() {
        appender.start();
        for (String name : List.of("com.corp.offboarding", "io.github.oktabulkdelete")) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            logger.addAppender(appender);
            logger.setLevel(Level.INFO);
            attachedTo.add(logger);
        }
    }

    @AfterEach
    void detachAppender() {
        for (Logger logger : attachedTo) {
            logger.detachAppender(appender);
            logger.setLevel(null);
        }
        appender.stop();
    }

    private void record(String event) {
        APP_LOG.info(event);
    }

    @Test
    void workerThreadsCarryTheLoginAndItsStepWhileWorkingOnItAndNothingAfter() {
        org.addUser("ann@corp.example", UserStatus.ACTIVE);
        org.addUser("raj@corp.example", UserStatus.DEPROVISIONED);
        org.failNext(Route.DELETE_USER, 1, Fault.status(503));
        BulkUserDeleter deleter = BulkUserDeleter.builder(client).requestsPerMinute(1_000_000).maxConcurrency(1)
                .clock(clock).sleeper(clock::advance)
                .listener(new DeletionListener() {
                    @Override
                    public void onRateLimitStatus(RateLimitStatus status) {
                        record(status.bucket());
                    }

                    @Override
                    public void onRetry(String login, OktaRequestException failure, int attempt, Duration wait) {
                        record("retry " + login);
                        throw new IllegalStateException("a listener that fails"); // the library logs it
                    }

                    @Override
                    public void onOutcome(DeletionOutcome outcome) {
                        record("outcome " + outcome.login());
                    }
                }).build();

        BulkDeleteResult result = deleter.deleteAll(List.of("ann@corp.example", "raj@corp.example"));

        assertThat(result.summary().counts().deleted()).isEqualTo(2);
        List<Seen> workers = seen.stream().filter(s -> s.thread().startsWith("okta-bulk-delete-")).toList();
        assertThat(workers).filteredOn(s -> "ann@corp.example".equals(s.login()))
                .extracting(Seen::event, Seen::step)
                .containsExactly(
                        tuple("GET /api/v1/users/{id}", "lookup"),
                        tuple("POST /api/v1/users/{id}/lifecycle/deactivate", "deactivate"),
                        tuple("DELETE /api/v1/users/{id}", "delete"),          // the 503
                        tuple("retry ann@corp.example", "delete"),
                        tuple("DeletionListener.onRetry threw java.lang.IllegalStateException: a listener that "
                                + "fails; ignored", "delete"),                  // the library's own line
                        tuple("DELETE /api/v1/users/{id}", "delete"),
                        tuple("GET /api/v1/users/{id}", "verify"));
        assertThat(workers).filteredOn(s -> "raj@corp.example".equals(s.login()))
                .extracting(Seen::event, Seen::step)
                .containsExactly(
                        tuple("GET /api/v1/users/{id}", "lookup"),
                        tuple("DELETE /api/v1/users/{id}", "delete"),
                        tuple("GET /api/v1/users/{id}", "verify"));
        // the outcome is recorded after the login's work: its keys are cleared by then
        assertThat(seen).filteredOn(s -> s.event().startsWith("outcome ")).hasSize(2)
                .allSatisfy(s -> assertThat(s.all()).doesNotContainKeys("okta.login", "okta.step"));
        // the token owner's lookup is no login's work
        assertThat(seen.get(0).login()).isNull();
        assertThat(seen).allSatisfy(s -> assertThat(s.all().values()).noneMatch(v -> v.contains(org.apiToken())));
        assertThat(MDC.get("okta.login")).isNull();
    }

    @Test
    void whatTheThreadHadBeforeIsPutBack() {
        org.addUser("ann@corp.example", UserStatus.DEPROVISIONED);
        List<String> afterOutcome = Collections.synchronizedList(new ArrayList<>());
        BulkUserDeleter deleter = BulkUserDeleter.builder(client).requestsPerMinute(1_000_000).maxConcurrency(1)
                .build();
        MDC.put("okta.login", "the caller's own value");
        try {
            // the streaming consumer runs on a worker thread that never had the key
            deleter.deleteAll(List.of("ann@corp.example"), o -> afterOutcome.add(MDC.get("okta.login")));
            assertThat(MDC.get("okta.login")).isEqualTo("the caller's own value");
            assertThat(afterOutcome).containsExactly((String) null);
        } finally {
            MDC.remove("okta.login");
        }
    }
}

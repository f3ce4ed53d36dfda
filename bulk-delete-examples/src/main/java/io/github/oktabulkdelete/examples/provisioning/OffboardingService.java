package io.github.oktabulkdelete.examples.provisioning;

import io.github.oktabulkdelete.BulkDeleteResult;
import io.github.oktabulkdelete.BulkUserDeleter;
import io.github.oktabulkdelete.DeletionListener;
import io.github.oktabulkdelete.DeletionOutcome;
import io.github.oktabulkdelete.TunedOktaClient;
import io.github.oktabulkdelete.OktaRequestException;
import io.github.oktabulkdelete.RunningBatch;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Example: a provisioning service's offboarding step, which removes leavers from Okta and keeps its own record of
 * each. It holds <b>one</b> {@link BulkUserDeleter}, built once and shared by every request the service handles, so
 * that all of them draw on one rate limiter for the org; and it maps each {@link DeletionOutcome} to the service's
 * own {@link OffboardingRecord}, so that no Okta or library type leaks into the rest of the service.
 *
 * <p>For operators it runs jobs in the background ({@link #startOffboarding(List)}) that its admin page can watch
 * ({@link #status(String)}, from the deleter's {@code RunningBatch.progress()}) and stop ({@link #cancel(String,
 * String)}); its deleter's meters go to the service's {@link MeterRegistry} (a Prometheus one in production); and
 * while a worker thread works on a leaver, the SLF4J MDC holds {@code okta.login} and {@code okta.step}, so that the
 * service's log lines from its listener say which leaver they are about (with logback:
 * {@code %X{okta.login} %X{okta.step}} in the pattern).
 *
 * <p>Thread-safe: every method may be called by many request threads at once.
 *
 * <pre>{@code
 * TunedOktaClient client = OktaClients.tuned().build(); // closed when the service stops
 * OffboardingService service = OffboardingService.create(client);
 * List<OffboardingService.OffboardingRecord> records =
 *         service.offboard(List.of(new OffboardingService.Leaver("E1042", "jsmith@corp.example")));
 * String job = service.startOffboarding(leavers);      // from the HR feed
 * service.status(job).ifPresent(adminPage::show);       // from the admin page
 * }</pre>
 */
public final class OffboardingService {

    /**
     * Someone who left, as the HR feed names them.
     *
     * @param employeeId the HR id
     * @param login the Okta login
     */
    public record Leaver(String employeeId, String login) {
        /**
         * Checks the components.
         *
         * @throws NullPointerException if a component is {@code null}
         */
        public Leaver {
            Objects.requireNonNull(employeeId, "employeeId");
            Objects.requireNonNull(login, "login");
        }
    }

    /** What the service decided for a leaver. */
    public enum State {
        /** Deleted from Okta by this run. */
        REMOVED,
        /** Not in Okta (any more): nothing to do. */
        ALREADY_GONE,
        /** Kept on purpose (a break-glass account, the service's own account, a repeated request). */
        KEPT,
        /** A person must look: the login matched another user, or Okta refused for a reason a retry cannot fix. */
        NEEDS_ATTENTION,
        /** A transient failure or a stopped batch: the next offboarding run takes it up again. */
        RETRY_LATER
    }

    /**
     * The service's own record of one offboarding, free of Okta and library types.
     *
     * @param employeeId the HR id
     * @param login the Okta login
     * @param state what was decided
     * @param oktaUserId the Okta user id, when Okta had the user, else {@code null}
     * @param note a sentence for the audit log
     */
    public record OffboardingRecord(String employeeId, String login, State state, String oktaUserId, String note) {
    }

    /** Accounts the service must never remove, whatever the HR feed says. */
    static final Set<String> BREAK_GLASS = Set.of("break-glass-1@corp.example", "break-glass-2@corp.example");

    private static final Logger LOG = LoggerFactory.getLogger(OffboardingService.class);

    /** A job: its leavers and the batch deleting them. */
    private record Job(List<Leaver> leavers, RunningBatch<BulkDeleteResult> batch) {
    }

    private final BulkUserDeleter deleter;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>(); // a real service keeps them in its database
    private final AtomicInteger jobIds = new AtomicInteger();

    /**
     * A service over a deleter built elsewhere.
     *
     * @param deleter the deleter every request shares
     */
    public OffboardingService(BulkUserDeleter deleter) {
        this.deleter = Objects.requireNonNull(deleter, "deleter");
    }

    /**
     * A service with the deleter this service wants: a modest pace of 120 requests a minute, leaving most of the
     * org's rate limits to interactive traffic, and the break-glass accounts protected.
     *
     * @param client a client from {@code OktaClients.tuned()}
     * @return the service
     */
    public static OffboardingService create(TunedOktaClient client) {
        return create(client, 120);
    }

    /**
     * A service as {@link #create(TunedOktaClient)}, at another pace.
     *
     * @param client a client from {@code OktaClients.tuned()}
     * @param requestsPerMinute the pace of the service's Okta requests, all requests together
     * @return the service
     */
    public static OffboardingService create(TunedOktaClient client, int requestsPerMinute) {
        return create(client, requestsPerMinute, new SimpleMeterRegistry());
    }

    /**
     * A service as {@link #create(TunedOktaClient, int)}, whose deleter's meters ({@code okta.bulkdelete.*},
     * {@code resilience4j.*}) go to the service's registry.
     *
     * @param client an Okta client, ideally from {@code OktaClients.tuned()}
     * @param requestsPerMinute the pace of the service's Okta requests, all requests together
     * @param meters the service's meter registry
     * @return the service
     */
    public static OffboardingService create(TunedOktaClient client, int requestsPerMinute, MeterRegistry meters) {
        return new OffboardingService(BulkUserDeleter.builder(client)
                .requestsPerMinute(requestsPerMinute)
                .maxConcurrency(2)
                .protectedLogins(BREAK_GLASS)
                .meterRegistry(meters)
                .listener(new DeletionListener() {
                    @Override
                    public void onRetry(String login, OktaRequestException failure, int attempt, Duration wait) {
                        // on the worker thread: the MDC says which leaver (okta.login) and which step (okta.step)
                        LOG.info("Okta answered HTTP {}; trying again in {} ms", failure.httpStatus(),
                                wait.toMillis());
                    }
                })
                .build());
    }

    /**
     * Starts offboarding the leavers in the background and returns the job's id at once.
     *
     * @param leavers the leavers
     * @return the job's id, for {@link #status(String)}, {@link #cancel(String, String)} and
     *     {@link #records(String)}
     */
    public String startOffboarding(List<Leaver> leavers) {
        List<Leaver> copy = List.copyOf(leavers);
        String jobId = "job-" + jobIds.incrementAndGet();
        jobs.put(jobId, new Job(copy, deleter.start(copy.stream().map(Leaver::login).toList())));
        return jobId;
    }

    /**
     * The progress of a job, for the admin page: cheap, from any thread, as often as the page refreshes.
     *
     * @param jobId the job's id
     * @return its status, or empty for an unknown id
     */
    public Optional<JobStatus> status(String jobId) {
        Job job = jobs.get(jobId);
        return job == null ? Optional.empty()
                : Optional.of(JobStatus.of(jobId, job.leavers().size(), job.batch().progress()));
    }

    /**
     * Stops a job from the admin page: leavers in flight finish, the others get {@link State#RETRY_LATER}.
     *
     * @param jobId the job's id
     * @param admin who stopped it, for the audit log
     * @return whether the job exists
     */
    public boolean cancel(String jobId, String admin) {
        Job job = jobs.get(jobId);
        if (job != null) {
            job.batch().cancel("stopped by " + admin + " from the admin page");
        }
        return job != null;
    }

    /**
     * The records of a job, when it ends, one per leaver in the order given.
     *
     * @param jobId the job's id
     * @return the records to come
     * @throws IllegalArgumentException for an unknown id
     */
    public CompletableFuture<List<OffboardingRecord>> records(String jobId) {
        Job job = jobs.get(jobId);
        if (job == null) {
            throw new IllegalArgumentException("no offboarding job " + jobId);
        }
        return job.batch().result().thenApply(result -> records(job.leavers(), result));
    }

    /**
     * Removes the leavers from Okta and returns one record per leaver, in the same order.
     *
     * @param leavers the leavers
     * @return their records
     */
    public List<OffboardingRecord> offboard(List<Leaver> leavers) {
        return records(leavers, deleter.deleteAll(leavers.stream().map(Leaver::login).toList()));
    }

    private static List<OffboardingRecord> records(List<Leaver> leavers, BulkDeleteResult result) {
        List<OffboardingRecord> records = new ArrayList<>(leavers.size());
        for (int i = 0; i < leavers.size(); i++) {
            records.add(record(leavers.get(i), result.outcomes().get(i))); // outcomes are in input order
        }
        return List.copyOf(records);
    }

    static OffboardingRecord record(Leaver leaver, DeletionOutcome outcome) {
        String id = leaver.employeeId();
        String login = leaver.login();
        if (outcome instanceof DeletionOutcome.Deleted d) {
            return new OffboardingRecord(id, login, State.REMOVED, d.userId(), "removed from Okta (was "
                    + d.previousStatus() + ")");
        }
        if (outcome instanceof DeletionOutcome.NotFound) {
            return new OffboardingRecord(id, login, State.ALREADY_GONE, null, "not in Okta");
        }
        if (outcome instanceof DeletionOutcome.Skipped s) {
            State state = switch (s.reason()) {
                case PROTECTED, TOKEN_OWNER, DUPLICATE, DRY_RUN -> State.KEPT;
                case LOGIN_MISMATCH, INVALID_LOGIN, LOGIN_CHANGED, STATUS_CHANGED -> State.NEEDS_ATTENTION;
            };
            return new OffboardingRecord(id, login, state, s.userId(), s.detail());
        }
        if (outcome instanceof DeletionOutcome.Failed f) {
            boolean retryable = f.httpStatus() == 0 || f.httpStatus() == 429 || f.httpStatus() >= 500;
            return new OffboardingRecord(id, login, retryable ? State.RETRY_LATER : State.NEEDS_ATTENTION,
                    f.userId(), f.step() + " failed: HTTP " + f.httpStatus()
                    + (f.errorCode() == null ? "" : " " + f.errorCode()) + " " + f.message());
        }
        DeletionOutcome.NotAttempted n = (DeletionOutcome.NotAttempted) outcome;
        return new OffboardingRecord(id, login, State.RETRY_LATER, null, n.reason());
    }
}

package io.github.oktabulkdelete;

import com.okta.sdk.resource.client.ApiClient;
import io.github.oktabulkdelete.internal.DeleterSettings;
import io.github.oktabulkdelete.internal.DeletionRun;
import io.github.oktabulkdelete.internal.LoginScreen;
import io.github.oktabulkdelete.internal.OktaGateway;
import io.github.oktabulkdelete.internal.AdaptivePacer;
import io.github.oktabulkdelete.internal.ResumeHint;
import io.github.oktabulkdelete.internal.RunJournal;
import io.github.oktabulkdelete.internal.SdkOktaGateway;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.retry.Retry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Deletes Okta users in bulk through the Okta Java SDK: one outcome per input login, never an exception for one
 * login's failure, at a pace the org's rate limits allow.
 *
 * <p>For each login it trims and screens the input (blank, {@code me}, duplicates, protected logins get no call),
 * looks the user up ({@code GET /api/v1/users/{login}}, or the {@code search} for logins with {@code /}),
 * refuses any user whose login is not exactly the input (shortnames) or who owns the API token, then deactivates
 * the user by id if needed, deletes it by id and checks with a {@code GET} by id that it is gone (only Okta's 404
 * means it is: {@link Builder#verifyDeletions(boolean)}). Every HTTP attempt takes a permit from one Resilience4j
 * {@link RateLimiter} shared by all workers; failed attempts are retried by a Resilience4j {@link Retry}: 429
 * (waiting until {@code X-Rate-Limit-Reset}), 500 (any body), 502, 503, 504 and transport failures, with a bounded,
 * jittered back-off; never 400, 401, 403 or 404.
 * A 401, a 403 that is evidence about the token (not about one user), or answers that are not Okta's (a 404
 * without Okta's error body before any lookup succeeded) stop the batch at once: the logins not started become
 * {@link DeletionOutcome.NotAttempted}.
 *
 * <p>Instances are immutable and thread-safe, and may run several batches, even at once (they then share the rate
 * limiter, as do the deleters derived with {@link #newBuilder()}). Build one with {@link #builder(TunedOktaClient)};
 * defaults:
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><th>setting</th><th>default</th></tr>
 *   <tr><td>{@link Builder#requestsPerMinute(int)}</td><td>300, spread evenly (one request every 200 ms)</td></tr>
 *   <tr><td>{@link Builder#maxConcurrency(int)}</td><td>4, capped by the client's connection pool</td></tr>
 *   <tr><td>{@link Builder#maxAttempts(int)}</td><td>6 per request (1 + 5 retries)</td></tr>
 *   <tr><td>{@link Builder#maxRetryWait(Duration)}</td><td>60 seconds</td></tr>
 *   <tr><td>{@link Builder#adaptivePacing(boolean)}</td><td>{@code false}: a fixed rate</td></tr>
 *   <tr><td>{@link Builder#dryRun(boolean)}</td><td>{@code false}</td></tr>
 *   <tr><td>{@link Builder#verifyDeletions(boolean)}</td><td>{@code true}: a GET by id proves each deletion</td></tr>
 * </table>
 *
 * <pre>{@code
 * try (TunedOktaClient client = OktaClients.tuned().connectionPoolSize(8).build()) {
 *     BulkUserDeleter deleter = BulkUserDeleter.builder(client)
 *             .requestsPerMinute(300)
 *             .maxConcurrency(8)
 *             .protectedLogins(Set.of("admin@corp.example"))
 *             .build();
 *     BulkDeleteResult result = deleter.deleteAll(logins);
 *     result.outcomes(DeletionOutcome.Failed.class).forEach(f -> System.err.println(f.login() + ": " + f.message()));
 * }
 * }</pre>
 *
 * <p><b>Plain clients.</b> A plain {@code ApiClient} ({@link #builder(ApiClient)}) works too, with limits:
 * its success responses' rate-limit headers are not seen (only those of errors are), its concurrency is capped by
 * its connection pool (the SDK's default is 5: declare another with {@link Builder#connectionPoolSize(int)}), and
 * if its own retry is on (the SDK's default), its retries stack under ours and are not counted.
 */
public final class BulkUserDeleter {

    private final DeleterSettings settings;
    private final Builder template;

    private BulkUserDeleter(DeleterSettings settings, Builder template) {
        this.settings = settings;
        this.template = template;
    }

    /**
     * Starts building a deleter that calls Okta through a tuned client: its concurrency is capped by the client's
     * pool size, and it sees the rate-limit headers of every response. The deleter does not own the client: close
     * the client when no deleter built on it runs any more.
     *
     * @param client a client from {@link OktaClients#tuned()}
     * @return a builder with the defaults
     * @throws NullPointerException if {@code client} is {@code null}
     */
    public static Builder builder(TunedOktaClient client) {
        Objects.requireNonNull(client, "client");
        return new Builder(new SdkOktaGateway(client.apiClient(), client.rateLimitCapture()),
                client.connectionPoolSize());
    }

    /**
     * Starts building a deleter that calls Okta through a plain SDK client, with the limits the class description
     * lists; a {@link TunedOktaClient} has none of them: use {@link #builder(TunedOktaClient)} when you can.
     *
     * @param apiClient the client
     * @return a builder with the defaults
     * @throws NullPointerException if {@code apiClient} is {@code null}
     */
    public static Builder builder(ApiClient apiClient) {
        Objects.requireNonNull(apiClient, "apiClient");
        return new Builder(new SdkOktaGateway(apiClient, null), null);
    }

    /** A builder over any gateway, for tests and benchmarks in this package. */
    static Builder builder(OktaGateway gateway, Integer connectionPoolSize) {
        return new Builder(Objects.requireNonNull(gateway, "gateway"), connectionPoolSize);
    }

    /**
     * A builder holding this deleter's settings, to derive another deleter from it. The derived deleter shares this
     * one's rate limiter and adaptive pacer (what was learned of the org's rate-limit buckets) unless its builder is
     * given other pace settings: see {@link Builder#build()}.
     *
     * <pre>{@code
     * BulkUserDeleter check = deleter.newBuilder().dryRun(true).build(); // paced together with deleter
     * }</pre>
     *
     * @return a new builder; changing it does not change this deleter
     */
    public Builder newBuilder() {
        return template.copy();
    }

    /**
     * Deletes the users the logins name and returns one outcome per login, in input order.
     *
     * <p>The input is read lazily, once, on the calling thread, never further ahead than the workers need. Keep
     * the outcomes of millions of logins out of memory with {@link #deleteAll(Iterable, Consumer)}.
     *
     * @param logins the logins; {@code null} elements become {@link SkipReason#INVALID_LOGIN} skips
     * @return the outcomes and totals
     * @throws NullPointerException if {@code logins} is {@code null}
     */
    public BulkDeleteResult deleteAll(Iterable<String> logins) {
        return deleteAll(logins, Cancellation.create());
    }

    /**
     * As {@link #deleteAll(Iterable)}, stopping early when the cancellation is cancelled or reaches its deadline.
     *
     * @param logins the logins; {@code null} elements become {@link SkipReason#INVALID_LOGIN} skips
     * @param cancellation stops the batch from another thread or at a deadline
     * @return the outcomes and totals; the not-attempted logins are {@link DeletionOutcome.NotAttempted}
     * @throws NullPointerException if an argument is {@code null}
     */
    public BulkDeleteResult deleteAll(Iterable<String> logins, Cancellation cancellation) {
        Objects.requireNonNull(logins, "logins");
        Objects.requireNonNull(cancellation, "cancellation");
        List<DeletionOutcome> outcomes = new ArrayList<>();
        BulkDeleteSummary summary = new DeletionRun(settings, cancellation).execute(logins, (index, outcome) -> {
            while (outcomes.size() <= index) {
                outcomes.add(null);
            }
            outcomes.set((int) index, outcome);
        });
        return new BulkDeleteResult(outcomes, summary);
    }

    /**
     * Deletes the users the logins name, handing each outcome to a consumer as it is known, in the order the logins
     * finish; memory does not grow with the number of outcomes (duplicate detection keeps 8 to 16 bytes per login).
     *
     * <p>The consumer is called from worker threads, one call at a time. If it throws, the batch stops (so that no
     * outcome goes unrecorded): in-flight logins finish, the rest become {@link DeletionOutcome.NotAttempted}, and
     * the summary's {@link BulkDeleteSummary#stop()} says why.
     *
     * @param logins the logins; {@code null} elements become {@link SkipReason#INVALID_LOGIN} skips
     * @param consumer receives every outcome
     * @return the totals
     * @throws NullPointerException if an argument is {@code null}
     */
    public BulkDeleteSummary deleteAll(Iterable<String> logins, Consumer<? super DeletionOutcome> consumer) {
        return deleteAll(logins, consumer, Cancellation.create());
    }

    /**
     * As {@link #deleteAll(Iterable, Consumer)}, stopping early when the cancellation is cancelled or reaches its
     * deadline.
     *
     * @param logins the logins; {@code null} elements become {@link SkipReason#INVALID_LOGIN} skips
     * @param consumer receives every outcome
     * @param cancellation stops the batch from another thread or at a deadline
     * @return the totals
     * @throws NullPointerException if an argument is {@code null}
     */
    public BulkDeleteSummary deleteAll(Iterable<String> logins, Consumer<? super DeletionOutcome> consumer,
            Cancellation cancellation) {
        Objects.requireNonNull(logins, "logins");
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(cancellation, "cancellation");
        return new DeletionRun(settings, cancellation).execute(logins, (index, outcome) -> consumer.accept(outcome));
    }

    /**
     * The users an Okta search expression finds ({@code GET /api/v1/users?search=...}, deactivated users
     * included), read through this deleter's rate limiter and retry. Nothing is read yet:
     * {@link OktaUserSelection#freeze()} it before deleting.
     *
     * <pre>{@code
     * List<String> logins = deleter.selectBySearch("profile.department eq "Contractors"").freeze();
     * }</pre>
     *
     * @param expression an Okta search expression, such as {@code status eq "DEPROVISIONED"}
     * @return the selection
     * @throws NullPointerException if {@code expression} is {@code null}
     * @throws IllegalArgumentException if {@code expression} is blank
     */
    public OktaUserSelection selectBySearch(String expression) {
        return OktaUserSelection.search(settings, expression);
    }

    /**
     * The users deactivated before an instant: the search
     * {@code status eq "DEPROVISIONED" and statusChanged lt "<cutoff>"} ({@link OktaUserSelection#deactivatedBefore}).
     *
     * <pre>{@code
     * List<String> logins = deleter.selectDeactivatedBefore(Instant.now().minus(Duration.ofDays(90))).freeze();
     * }</pre>
     *
     * @param cutoff the instant; users deactivated at or after it are not selected
     * @return the selection
     * @throws NullPointerException if {@code cutoff} is {@code null}
     */
    public OktaUserSelection selectDeactivatedBefore(java.time.Instant cutoff) {
        return OktaUserSelection.search(settings, OktaUserSelection.deactivatedBefore(cutoff));
    }

    /**
     * The members of a group, named by its id ({@code 00g...}) or its exact name, read through this deleter's rate
     * limiter and retry. Nothing is read yet: {@link OktaUserSelection#freeze()} it before deleting.
     *
     * <pre>{@code
     * List<String> logins = deleter.selectGroupMembers("Contractors-Offboarded").freeze();
     * }</pre>
     *
     * @param groupNameOrId a group id, or a group name (matched exactly, case-sensitively)
     * @return the selection
     * @throws NullPointerException if {@code groupNameOrId} is {@code null}
     * @throws IllegalArgumentException if {@code groupNameOrId} is blank
     */
    public OktaUserSelection selectGroupMembers(String groupNameOrId) {
        return OktaUserSelection.group(settings, groupNameOrId);
    }

    /**
     * As {@link #deleteAll(Iterable, Consumer)} with a journal as the consumer, and the journal's write-ahead
     * intents: before each user's first change the journal records a {@link ChangeIntent}, forced to disk, and only
     * then does the change go; after it, the outcome. If the journal cannot write either, the batch stops
     * ({@link BatchStop.Cause#CONSUMER_FAILED}) and no user is changed after that. A journal so written tells a
     * resumed run ({@link #resume(JournalContents, Iterable, DeletionJournal)}) the truth after a crash at any
     * instant.
     *
     * @param logins the logins; {@code null} elements become {@link SkipReason#INVALID_LOGIN} skips
     * @param journal records each intent and each outcome
     * @return the totals
     * @throws NullPointerException if an argument is {@code null}
     */
    public BulkDeleteSummary deleteAll(Iterable<String> logins, DeletionJournal journal) {
        return deleteAll(logins, journal, outcome -> { }, Cancellation.create());
    }

    /**
     * As {@link #deleteAll(Iterable, DeletionJournal)}, stopping early on a cancellation or at its deadline.
     *
     * @param logins the logins; {@code null} elements become {@link SkipReason#INVALID_LOGIN} skips
     * @param journal records each intent and each outcome
     * @param cancellation stops the batch from another thread or at a deadline
     * @return the totals
     * @throws NullPointerException if an argument is {@code null}
     */
    public BulkDeleteSummary deleteAll(Iterable<String> logins, DeletionJournal journal, Cancellation cancellation) {
        return deleteAll(logins, journal, outcome -> { }, cancellation);
    }

    /**
     * As {@link #deleteAll(Iterable, DeletionJournal)}, also handing each outcome, once the journal recorded it, to
     * a consumer (a report, a progress line), and stopping early on a cancellation or its deadline. The consumer
     * gets every outcome, even one the journal failed to record; if either throws, the batch stops.
     *
     * @param logins the logins; {@code null} elements become {@link SkipReason#INVALID_LOGIN} skips
     * @param journal records each intent and each outcome
     * @param consumer receives every outcome after the journal, one call at a time
     * @param cancellation stops the batch from another thread or at a deadline
     * @return the totals
     * @throws NullPointerException if an argument is {@code null}
     */
    public BulkDeleteSummary deleteAll(Iterable<String> logins, DeletionJournal journal,
            Consumer<? super DeletionOutcome> consumer, Cancellation cancellation) {
        return journaled(logins, journal, consumer, cancellation, Map.of());
    }

    /**
     * Resumes the run a journal recorded, with the same logins: skips every login with a final outcome
     * ({@link JournalContents#remaining(Iterable)}), and looks each login in doubt
     * ({@link JournalContents#isInDoubt(String)}: an intent with no final outcome, or a {@code Failed} whose change
     * may have been made) up by the id recorded, not by login. Okta's 404 then makes it
     * {@link DeletionOutcome.Deleted} with {@link DeletionOutcome.Deleted#byInterruptedRun()} (the interrupted run
     * deleted it); a user still there is checked (its login must still match, it must not be protected) and
     * deactivated and deleted as usual. Every other login is done as by {@link #deleteAll(Iterable, DeletionJournal)}.
     *
     * <pre>{@code
     * JournalContents done = DeletionJournal.read(journalFile);
     * try (DeletionJournal journal = DeletionJournal.open(journalFile, header)) {
     *     deleter.resume(done, LoginSource.of(csv), journal);
     * }
     * }</pre>
     *
     * @param done the journal as read before it was opened again for this run
     * @param logins the logins of the run to resume (all of them)
     * @param journal records each intent and each outcome of this run (normally the same file as {@code done})
     * @return the totals of this run
     * @throws NullPointerException if an argument is {@code null}
     */
    public BulkDeleteSummary resume(JournalContents done, Iterable<String> logins, DeletionJournal journal) {
        return resume(done, logins, journal, outcome -> { }, Cancellation.create());
    }

    /**
     * As {@link #resume(JournalContents, Iterable, DeletionJournal)}, with a consumer and a cancellation as in
     * {@link #deleteAll(Iterable, DeletionJournal, Consumer, Cancellation)}.
     *
     * @param done the journal as read before it was opened again for this run
     * @param logins the logins of the run to resume (all of them)
     * @param journal records each intent and each outcome of this run
     * @param consumer receives every outcome after the journal, one call at a time
     * @param cancellation stops the batch from another thread or at a deadline
     * @return the totals of this run
     * @throws NullPointerException if an argument is {@code null}
     */
    public BulkDeleteSummary resume(JournalContents done, Iterable<String> logins, DeletionJournal journal,
            Consumer<? super DeletionOutcome> consumer, Cancellation cancellation) {
        Objects.requireNonNull(done, "done");
        Objects.requireNonNull(logins, "logins");
        return journaled(done.remaining(logins), journal, consumer, cancellation, done.resumeHints());
    }

    private BulkDeleteSummary journaled(Iterable<String> logins, DeletionJournal journal,
            Consumer<? super DeletionOutcome> consumer, Cancellation cancellation, Map<String, ResumeHint> hints) {
        Objects.requireNonNull(logins, "logins");
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(cancellation, "cancellation");
        return new DeletionRun(settings, cancellation, new RunJournal(journal::recordIntent, hints))
                .execute(logins, (index, outcome) -> {
                    try {
                        journal.record(outcome);
                    } finally {
                        consumer.accept(outcome); // a report still gets the outcome the journal could not record
                    }
                });
    }

    /** @return how many logins are worked on at once, after the cap by the connection pool */
    public int maxConcurrency() {
        return settings.maxConcurrency();
    }

    DeleterSettings settings() {
        return settings;
    }

    /** @return whether this deleter paces by the rate limits learned from Okta's headers */
    public boolean isAdaptivePacing() {
        return settings.pacer() instanceof AdaptivePacer;
    }

    /** @return whether this deleter only looks users up */
    public boolean isDryRun() {
        return settings.dryRun();
    }

    /** @return the protected logins and ids, lower-cased, unmodifiable */
    public Set<String> protectedLogins() {
        return settings.protectedLogins();
    }

    @Override
    public String toString() {
        return "BulkUserDeleter{maxConcurrency=" + settings.maxConcurrency() + ", adaptivePacing="
                + isAdaptivePacing() + ", dryRun=" + settings.dryRun()
                + ", protectedLogins=" + settings.protectedLogins().size() + ", retry=" + settings.retry().getName()
                + '}';
    }

    /**
     * Builds a {@link BulkUserDeleter}. Setters validate their argument at once; {@link #build()} checks that the
     * settings agree. Not thread-safe; {@code build()} copies what the builder holds, so a builder can be reused.
     *
     * <pre>{@code
     * BulkUserDeleter deleter = BulkUserDeleter.builder(client).dryRun(true).build();
     * }</pre>
     */
    public static final class Builder extends RecordOptions {

        private final OktaGateway gateway;
        private Set<String> protectedLogins = Set.of();
        private boolean dryRun;
        private boolean verifyDeletions = true;
        private long maxDeletions = Long.MAX_VALUE;
        private DeletionListener listener = DeletionListener.NONE;

        private Builder(OktaGateway gateway, Integer tunedPoolSize) {
            super(tunedPoolSize);
            this.gateway = gateway;
        }

        private Builder copy() {
            Builder b = new Builder(gateway, tunedPoolSize());
            copyRecordTo(b);
            b.protectedLogins = protectedLogins;
            b.dryRun = dryRun;
            b.verifyDeletions = verifyDeletions;
            b.maxDeletions = maxDeletions;
            b.listener = listener;
            return b;
        }

        /**
         * Logins (or user ids) never to touch, compared case-insensitively; they are skipped as
         * {@link SkipReason#PROTECTED}. Replaces any earlier set.
         *
         * @param protectedLogins the logins or ids
         * @return this builder
         * @throws NullPointerException if the collection or an element is {@code null}
         * @throws IllegalArgumentException if an element is blank
         */
        public Builder protectedLogins(Collection<String> protectedLogins) {
            Objects.requireNonNull(protectedLogins, "protectedLogins");
            Set<String> copy = new LinkedHashSet<>();
            for (String login : protectedLogins) {
                Objects.requireNonNull(login, "protectedLogins element");
                if (login.isBlank()) {
                    throw new IllegalArgumentException("protectedLogins must not hold a blank login");
                }
                copy.add(LoginScreen.key(login));
            }
            this.protectedLogins = copy;
            return this;
        }

        /**
         * Only look users up, and report each as {@link SkipReason#DRY_RUN} with the status found. Default
         * {@code false}.
         *
         * @param dryRun whether to change nothing
         * @return this builder
         */
        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        /**
         * Whether a login is reported {@link DeletionOutcome.Deleted} only after a {@code GET} by id answers Okta's
         * 404. Default {@code true}. Okta's DELETE answers 204 both when it deletes a user and when it only
         * deactivates one (someone reactivated it between this batch's deactivate and its delete, or the status
         * read was stale); the check costs one {@code GET} per user, paced like every other call. With
         * {@code false}, such a user is reported {@code Deleted} although it still exists, deactivated: turn it off
         * only where nobody else can change the users during the batch.
         *
         * @param verifyDeletions whether to check that each deleted user is gone
         * @return this builder
         */
        public Builder verifyDeletions(boolean verifyDeletions) {
            this.verifyDeletions = verifyDeletions;
            return this;
        }

        /**
         * The most users one batch may deactivate or delete: a login whose first change would exceed it is not
         * touched, and the batch stops there ({@link BatchStop.Cause#DELETION_LIMIT}). Default: no limit.
         *
         * @param maxDeletions at least 0
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder maxDeletions(long maxDeletions) {
            if (maxDeletions < 0) {
                throw new IllegalArgumentException("maxDeletions must not be negative, was " + maxDeletions);
            }
            this.maxDeletions = maxDeletions;
            return this;
        }

        /**
         * The listener of this deleter's batches. Default: none.
         *
         * @param listener the listener
         * @return this builder
         * @throws NullPointerException if {@code listener} is {@code null}
         */
        public Builder listener(DeletionListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Builds the deleter.
         *
         * <p>A deleter built from {@link BulkUserDeleter#newBuilder()} shares the pace of the deleter it came from:
         * the same rate limiter, and with adaptive pacing what was learned of the org's rate-limit buckets, so that
         * the two together stay within the org's limits and the second does not learn again what the first knew.
         * It gets a pace of its own when its builder was given other pace settings ({@code requestsPerMinute},
         * {@code rateLimiter}, {@code adaptivePacing}, {@code maxShareOfLimit}, {@code maxConcurrency},
         * {@code connectionPoolSize}, {@code clock}) than the deleter it came from; the other settings (such as
         * {@code dryRun}, {@code listener}, retry) never stop the sharing.
         *
         * @return an immutable deleter
         * @throws IllegalStateException if both a rate limiter and a rate, or both a retry and retry settings, were
         *     given
         */
        public BulkUserDeleter build() {
            Pace pace = pace();
            DeleterSettings settings = new DeleterSettings(gateway, pace.pacer(), pace.retry(), pace.sleeper(),
                    pace.clock(), pace.concurrency(), dryRun, maxDeletions, protectedLogins, listener,
                    verifyDeletions, backupGroupsSetting());
            Builder template = copy();
            template.inherit(pace);
            return new BulkUserDeleter(settings, template);
        }
    }
}

package io.github.oktabulkdelete;

import io.github.oktabulkdelete.internal.DeleterSettings;
import io.github.oktabulkdelete.internal.LoginHashes;
import io.github.oktabulkdelete.internal.LoginScreen;
import io.github.oktabulkdelete.internal.RestoreIndex;
import io.github.oktabulkdelete.internal.RestoreRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Creates deleted users again from the records a journal holds ({@link UserRecord}, written with each
 * {@link ChangeIntent}): for every login the journal reports {@link DeletionOutcome.Deleted} (or only the logins
 * named), {@code POST /api/v1/users?activate=false} with the same profile and type, in the recorded
 * {@code OKTA_GROUP}s that still exist. One {@link RestoreOutcome} per login.
 *
 * <p><b>What comes back.</b> The profile (every attribute recorded, custom ones too), the user type, the group
 * memberships (and so the apps assigned through groups); the user is {@code STAGED}, with a new id. Not the old id,
 * the password, the factors, direct app assignments or the history: Okta keeps none of them after a delete. App groups
 * and the built-in Everyone group are not sent (Everyone is automatic; app groups belong to their app or directory);
 * recorded groups that no longer exist are named in the outcome. A login a user has now is skipped
 * ({@link RestoreOutcome.AlreadyExists}): nothing is changed. Activate restored users with
 * {@code POST /api/v1/users/{id}/lifecycle/activate} or in the Admin Console.
 *
 * <p><b>How.</b> The journal is read in streaming passes, one line in memory at a time: which logins it reports
 * deleted (kept as hashes, about 80 bytes a login with what the restore remembers), then the intents and their
 * records ({@link DeletionJournal#readIntents(Path, Consumer)}), then the deletions without a record; memory does
 * not grow with the records. The calls go
 * through the pacer and retry of the deleter the restorer was built from (shared with it and with every deleter
 * derived from it), on its {@link BulkUserDeleter#maxConcurrency()} workers. A group is checked once per restore
 * ({@code GET /api/v1/groups/{groupId}}); a dry run also looks each login up instead of creating.
 *
 * <p>Immutable and thread-safe. Defaults: {@link Builder#dryRun(boolean)} {@code false}.
 *
 * <pre>{@code
 * UserRestorer restorer = UserRestorer.builder(deleter).build();   // paced together with deleter
 * for (RestoreOutcome outcome : restorer.restore(journalFile)) {
 *     if (outcome instanceof RestoreOutcome.Restored r) System.out.println(r.login() + " -> " + r.newUserId());
 * }
 * }</pre>
 */
public final class UserRestorer {

    private final DeleterSettings settings;
    private final boolean dryRun;

    private UserRestorer(DeleterSettings settings, boolean dryRun) {
        this.settings = settings;
        this.dryRun = dryRun;
    }

    /**
     * Starts building a restorer that calls Okta through a deleter's client, pacer and retry (its dry-run and
     * protection settings do not apply: a restore deletes nothing).
     *
     * @param paceFrom the deleter whose client and pace to share
     * @return a builder
     * @throws NullPointerException if {@code paceFrom} is {@code null}
     */
    public static Builder builder(BulkUserDeleter paceFrom) {
        return new Builder(Objects.requireNonNull(paceFrom, "paceFrom").settings());
    }

    /**
     * Starts building a restorer over a tuned client, with a deleter's default pace.
     *
     * @param client the client
     * @return a builder
     * @throws NullPointerException if {@code client} is {@code null}
     */
    public static Builder builder(TunedOktaClient client) {
        return builder(BulkUserDeleter.builder(client).build());
    }

    /**
     * Restores every user the journal reports deleted.
     *
     * @param journal the journal of the deletion
     * @return one outcome per login, in the order the journal recorded the users
     * @throws IOException if the journal cannot be read (an {@link InvalidJournalException} if it is not one)
     * @throws NullPointerException if {@code journal} is {@code null}
     */
    public List<RestoreOutcome> restore(Path journal) throws IOException {
        List<RestoreOutcome> outcomes = new ArrayList<>();
        restore(journal, List.of(), outcomes::add, Cancellation.create());
        return outcomes;
    }

    /**
     * Restores the users the journal reports deleted, or only those logins, handing each outcome to a consumer as it
     * is known (from worker threads, one call at a time).
     *
     * @param journal the journal of the deletion
     * @param logins the logins to restore (compared trimmed, case-insensitively), or empty for every user the
     *     journal reports deleted; a login the journal does not report deleted is {@link RestoreOutcome.NotRestorable}
     * @param consumer receives every outcome
     * @param cancellation stops the restore: the users not begun are left alone and get no outcome
     * @return how many outcomes of each kind
     * @throws IOException if the journal cannot be read
     * @throws NullPointerException if an argument is {@code null}
     */
    public RestoreSummary restore(Path journal, Collection<String> logins, Consumer<? super RestoreOutcome> consumer,
            Cancellation cancellation) throws IOException {
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(cancellation, "cancellation");
        Map<String, String> named = new LinkedHashMap<>();
        for (String login : Objects.requireNonNull(logins, "logins")) {
            named.putIfAbsent(LoginScreen.key(Objects.requireNonNull(login, "logins element")), login.strip());
        }
        RestoreIndex index = RestoreIndex.read(journal, named.keySet()); // pass 1: the deletions, as hashes
        RestoreSummary.Tally tally = new RestoreSummary.Tally(consumer);
        for (Map.Entry<String, String> login : named.entrySet()) {
            if (!index.isDeleted(login.getKey())) {
                DeletionOutcome kept = index.namedOutcome(login.getKey());
                tally.accept(new RestoreOutcome.NotRestorable(login.getValue(), kept == null
                        ? "the journal has no outcome for this login" : "the journal reports " + kept.kind()
                        + ", not DELETED"));
            }
        }
        RestoreRun run = new RestoreRun(settings, cancellation, dryRun);
        LoginHashes done = new LoginHashes(); // compact: a restore may cover millions of users
        int workers = settings.maxConcurrency();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "okta-restore");
            t.setDaemon(true);
            return t;
        });
        Semaphore free = new Semaphore(workers);
        try {
            DeletionJournal.readIntents(journal, intent -> { // pass 2: the records, one at a time
                String key = LoginScreen.key(intent.login());
                if (intent.record() == null || !named.isEmpty() && !named.containsKey(key)
                        || !index.isDeleted(key, intent.userId()) || run.isStopping() || !done.add(key)) {
                    return;
                }
                free.acquireUninterruptibly(); // no more records in memory than workers
                pool.execute(() -> {
                    try {
                        tally.accept(run.restore(intent.login(), intent.userId(), intent.record()));
                    } finally {
                        free.release();
                    }
                });
            });
        } finally {
            pool.shutdown();
            awaitQuietly(pool);
        }
        if (!run.isStopping()) { // pass 3: the users deleted without a record
            RestoreIndex.deletions(journal, deleted -> {
                String key = LoginScreen.key(deleted.login());
                if ((named.isEmpty() || named.containsKey(key)) && index.isDeleted(key, deleted.userId())
                        && done.add(key)) {
                    tally.accept(new RestoreOutcome.NotRestorable(deleted.login(), "the journal holds no record of "
                            + "this user (written by a version without records?)"));
                }
            });
        }
        return tally.summary(run.isStopping());
    }

    private static void awaitQuietly(ExecutorService pool) {
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Whether this restorer only checks (groups, logins) and creates nothing.
     *
     * @return {@code true} for a dry run
     */
    public boolean isDryRun() {
        return dryRun;
    }

    @Override
    public String toString() {
        return "UserRestorer{dryRun=" + dryRun + ", maxConcurrency=" + settings.maxConcurrency() + '}';
    }

    /**
     * Builds a {@link UserRestorer}. Not thread-safe; {@link #build()} copies what it holds.
     *
     * <pre>{@code
     * UserRestorer check = UserRestorer.builder(deleter).dryRun(true).build();
     * }</pre>
     */
    public static final class Builder {

        private final DeleterSettings settings;
        private boolean dryRun;

        private Builder(DeleterSettings settings) {
            this.settings = settings;
        }

        /**
         * Only check which groups still exist and whether a user has each login now; create nothing, and report
         * {@link RestoreOutcome.WouldRestore}. Default {@code false}.
         *
         * @param dryRun whether to create nothing
         * @return this builder
         */
        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        /**
         * Builds the restorer.
         *
         * @return an immutable restorer
         */
        public UserRestorer build() {
            return new UserRestorer(settings, dryRun);
        }
    }
}

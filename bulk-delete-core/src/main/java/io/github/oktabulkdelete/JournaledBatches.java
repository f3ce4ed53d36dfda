package io.github.oktabulkdelete;

import io.github.oktabulkdelete.internal.DeleterSettings;
import io.github.oktabulkdelete.internal.JournaledRuns;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The journaled half of {@link BulkUserDeleter}: the batches that write each change's intent ahead to a
 * {@link DeletionJournal} and record each outcome in it, their resumption, and the application of a
 * {@link DeletionPlan} (Javadoc shows these methods as the deleter's own). The bodies are in
 * {@code internal.JournaledRuns}.
 */
abstract class JournaledBatches extends UserSelections {

    JournaledBatches() {
    }

    /**
     * As {@link BulkUserDeleter#deleteAll(Iterable, Consumer)} with a journal as the consumer, and the journal's write-ahead
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
     * @param logins the logins
     * @param journal records each intent and each outcome
     * @param cancellation stops the batch from another thread or at a deadline
     * @return the totals
     */
    public BulkDeleteSummary deleteAll(Iterable<String> logins, DeletionJournal journal, Cancellation cancellation) {
        return deleteAll(logins, journal, outcome -> { }, cancellation);
    }

    /**
     * As {@link #deleteAll(Iterable, DeletionJournal)}, also handing each outcome, once the journal recorded it, to
     * a consumer (a report, a progress line; never the journal again), and stopping early on a cancellation or its
     * deadline. The consumer gets every outcome, even one the journal failed to record; if either throws, the batch
     * stops.
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
        Objects.requireNonNull(journal, "journal");
        return JournaledRuns.logins(settings(), logins, Map.of(), journal::recordIntent, journal::record, consumer,
                cancellation);
    }

    /**
     * Resumes the run a journal recorded, with the same logins: skips every login with a final outcome
     * ({@link JournalContents#remaining(Iterable)}), and looks each login in doubt
     * ({@link JournalContents#isInDoubt(String)}: an intent with no final outcome, or a {@code Failed} whose change
     * may have been made) up by the id recorded, not by login. Okta's 404 then makes it
     * {@link DeletionOutcome.Deleted} with {@link DeletionOutcome.Deleted#byInterruptedRun()}; a user still there is
     * checked and deactivated and deleted as usual, unless the interrupted run found it {@code DEPROVISIONED} and it
     * is active again: someone reactivated it, and it is skipped ({@link SkipReason#STATUS_CHANGED}). Every other
     * login is done as by
     * {@link #deleteAll(Iterable, DeletionJournal)}.
     *
     * <pre>{@code
     * JournalContents done = DeletionJournal.read(journalFile);
     * try (DeletionJournal journal = DeletionJournal.open(journalFile, header)) {
     *     deleter.resume(done, LoginSource.of(csv), journal, outcome -> { }, Cancellation.create());
     * }
     * }</pre>
     *
     * @param done the journal as read before it was opened again for this run
     * @param logins the logins of the run to resume (all of them)
     * @param journal records each intent and each outcome of this run (normally the same file as {@code done})
     * @return the totals of this run
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
     * @param consumer receives every outcome after the journal
     * @param cancellation stops the batch from another thread or at a deadline
     * @return the totals of this run
     */
    public BulkDeleteSummary resume(JournalContents done, Iterable<String> logins, DeletionJournal journal,
            Consumer<? super DeletionOutcome> consumer, Cancellation cancellation) {
        Objects.requireNonNull(done, "done");
        Objects.requireNonNull(journal, "journal");
        return JournaledRuns.logins(settings(), done.remaining(Objects.requireNonNull(logins, "logins")),
                done.resumeHints(), journal::recordIntent, journal::record, consumer, cancellation);
    }

    /**
     * Applies a plan, with no check pass: each planned deletion is fetched by its id (never by login), skipped if
     * its login changed ({@link SkipReason#LOGIN_CHANGED}) or, planned as {@code DEPROVISIONED}, it is active again
     * ({@link SkipReason#STATUS_CHANGED}), else checked as usual, deactivated if needed, deleted and verified; a
     * 404 by id is {@link DeletionOutcome.NotFound}. Planned skips and not-founds are reported as planned, with no
     * call; logins the check could not look up are looked up by login. Intents and outcomes go to the journal as
     * in {@link #deleteAll(Iterable, DeletionJournal, Consumer, Cancellation)};
     * {@link BulkUserDeleter.Builder#maxDeletions(long)} caps the changes. Checking the plan's org and age is the caller's: see {@link DeletionPlan#header()}.
     *
     * <pre>{@code
     * deleter.apply(DeletionPlan.read(planFile), journal, report::write, Cancellation.create());
     * }</pre>
     *
     * @param plan the plan
     * @param journal records each intent and each outcome
     * @param consumer receives every outcome after the journal, one call at a time
     * @param cancellation stops the batch from another thread or at a deadline
     * @return the totals
     * @throws NullPointerException if an argument is {@code null}
     */
    public BulkDeleteSummary apply(DeletionPlan plan, DeletionJournal journal,
            Consumer<? super DeletionOutcome> consumer, Cancellation cancellation) {
        Objects.requireNonNull(journal, "journal");
        return JournaledRuns.plan(settings(), Objects.requireNonNull(plan, "plan").users(), login -> false, Map.of(),
                journal::recordIntent, journal::record, consumer, cancellation);
    }

    /**
     * Resumes the {@link #apply(DeletionPlan, DeletionJournal, Consumer, Cancellation)} of a plan that a journal recorded: the plan's logins with a final outcome in
     * {@code done} are left alone, those in doubt are looked up by the id the journal recorded (as
     * {@link #resume(JournalContents, Iterable, DeletionJournal, Consumer, Cancellation)} does: Okta's 404 is
     * {@code Deleted} by the interrupted run), and the rest are applied as planned.
     *
     * @param done the journal as read before it was opened again for this run
     * @param plan the plan the interrupted run applied
     * @param journal records each intent and each outcome of this run
     * @param consumer receives every outcome after the journal, one call at a time
     * @param cancellation stops the batch from another thread or at a deadline
     * @return the totals of this run
     * @throws NullPointerException if an argument is {@code null}
     */
    public BulkDeleteSummary resume(JournalContents done, DeletionPlan plan, DeletionJournal journal,
            Consumer<? super DeletionOutcome> consumer, Cancellation cancellation) {
        Objects.requireNonNull(done, "done");
        Objects.requireNonNull(journal, "journal");
        return JournaledRuns.plan(settings(), Objects.requireNonNull(plan, "plan").users(), done::isFinished,
                done.resumeHints(), journal::recordIntent, journal::record, consumer, cancellation);
    }
}

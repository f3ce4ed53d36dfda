package io.github.oktabulkdelete.internal;

import io.github.oktabulkdelete.BulkDeleteSummary;
import io.github.oktabulkdelete.Cancellation;
import io.github.oktabulkdelete.ChangeIntent;
import io.github.oktabulkdelete.DeletionOutcome;
import io.github.oktabulkdelete.PlannedUser;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The bodies of {@code BulkUserDeleter}'s journaled entry points: a batch over logins or over a plan, whose intents
 * are written ahead to a journal and whose outcomes go to the journal, then to the caller's consumer. Stateless.
 */
public final class JournaledRuns {

    private JournaledRuns() {
    }

    /**
     * A batch over logins.
     *
     * @param hints the logins to look up by id (a resume), by login key
     * @param intents records each intent durably before it returns
     * @param record records each outcome durably
     */
    public static BulkDeleteSummary logins(DeleterSettings settings, Iterable<String> logins,
            Map<String, ResumeHint> hints, Consumer<ChangeIntent> intents, Consumer<DeletionOutcome> record,
            Consumer<? super DeletionOutcome> consumer, Cancellation cancellation) {
        Objects.requireNonNull(logins, "logins");
        return new DeletionRun(settings, Objects.requireNonNull(cancellation, "cancellation"),
                new RunJournal(intents, hints)).execute(logins, sink(record, consumer));
    }

    /**
     * A batch over a plan: each planned deletion is looked up by its id (or by the id a journal recorded, for a login
     * in doubt), each planned skip or not-found is reported as planned without a call, each unchecked login is looked
     * up by login; the logins {@code finished} are left out (a resume).
     */
    public static BulkDeleteSummary plan(DeleterSettings settings, Iterable<PlannedUser> plan,
            Predicate<String> finished, Map<String, ResumeHint> hints, Consumer<ChangeIntent> intents,
            Consumer<DeletionOutcome> record, Consumer<? super DeletionOutcome> consumer,
            Cancellation cancellation) {
        Objects.requireNonNull(plan, "plan");
        Iterator<PlannedUser> users = plan.iterator();
        Iterator<RunItem> items = new Iterator<>() {
            private RunItem next;

            @Override
            public boolean hasNext() {
                while (next == null && users.hasNext()) {
                    PlannedUser user = users.next();
                    if (!finished.test(user.login())) {
                        next = item(user, hints.get(LoginScreen.key(LoginScreen.normalize(user.login()))));
                    }
                }
                return next != null;
            }

            @Override
            public RunItem next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                RunItem item = next;
                next = null;
                return item;
            }
        };
        return new DeletionRun(settings, Objects.requireNonNull(cancellation, "cancellation"),
                new RunJournal(intents, Map.of())).executeItems(items, sink(record, consumer));
    }

    private static RunItem item(PlannedUser user, ResumeHint inDoubt) {
        if (inDoubt != null) { // an interrupted run may have changed it: by the id it recorded, whatever was planned
            return new RunItem(user.login(), inDoubt, null);
        }
        return switch (user.action()) {
            case DELETE -> new RunItem(user.login(), new ResumeHint(user.userId(), user.status(), true), null);
            case UNCHECKED -> RunItem.of(user.login());
            case SKIP, NOT_FOUND -> new RunItem(user.login(), null, user.plannedOutcome());
        };
    }

    private static DeletionRun.Sink sink(Consumer<DeletionOutcome> record, Consumer<? super DeletionOutcome> consumer) {
        Objects.requireNonNull(consumer, "consumer");
        return (index, outcome) -> {
            try {
                record.accept(outcome);
            } finally {
                consumer.accept(outcome); // a report still gets the outcome the journal could not record
            }
        };
    }
}

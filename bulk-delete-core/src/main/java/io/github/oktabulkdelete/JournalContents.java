package io.github.oktabulkdelete;

import io.github.oktabulkdelete.internal.JournalReader;
import io.github.oktabulkdelete.internal.LoginScreen;
import io.github.oktabulkdelete.internal.ResumeHint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.AbstractSet;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@link DeletionJournal} holds, as {@link DeletionJournal#read(Path)} found it: the runs, the outcome of each
 * login, which logins are finished, and whether the last record was cut short by a crash.
 *
 * <p><b>One outcome per login.</b> Logins are compared as a batch compares them: trimmed, case-insensitively. Each
 * login keeps its place of first appearance and the most telling of its outcomes: normally the latest, except that
 * <ul>
 *   <li>an outcome that is not final ({@link DeletionOutcome.Failed}, {@link DeletionOutcome.NotAttempted}, a
 *       {@link SkipReason#DRY_RUN} skip) never replaces a final one: a later run that changed nothing does not hide
 *       what an earlier run did;
 *   <li>a {@link DeletionOutcome.NotFound} never replaces a {@link DeletionOutcome.Deleted}: the user is not found
 *       because it was deleted;
 *   <li>a {@link SkipReason#DUPLICATE} skip describes a repeated input line, not the user: it never replaces
 *       another outcome of its login and is not final, so that a resumed run still does a login whose first
 *       occurrence was in flight when the process died.
 * </ul>
 *
 * <p><b>Final outcomes</b> ({@link #isFinal(DeletionOutcome)}): {@link DeletionOutcome.Deleted},
 * {@link DeletionOutcome.NotFound}, and {@link DeletionOutcome.Skipped} for every reason but {@link SkipReason#DRY_RUN}
 * and {@link SkipReason#DUPLICATE}. A resumed run skips the logins that have one ({@link #remaining(Iterable)}) and
 * does the others again; that is safe, because every login is looked up again before anything is changed. To
 * reconsider a skipped login (say, one no longer protected), run without resuming.
 *
 * <p><b>Logins in doubt</b> ({@link #isInDoubt(String)}): a login whose {@link ChangeIntent} was recorded but no
 * final outcome after it (the run died, or stopped, around its change), or whose outcome is a
 * {@link DeletionOutcome.Failed} with {@link DeletionOutcome.Failed#changeMayHaveBeenMade()}. The user may be
 * deactivated or gone. {@link BulkUserDeleter#resume(JournalContents, Iterable, DeletionJournal)} looks such a user
 * up by id: Okta's 404 makes it {@link DeletionOutcome.Deleted} with
 * {@link DeletionOutcome.Deleted#byInterruptedRun()}, never {@code NotFound}.
 *
 * <p><b>Memory.</b> The outcome of every distinct login is held: about 250 bytes per login (a journal of a million
 * logins reads in about 250 MB of heap). Repeated messages are held once. Immutable and thread-safe.
 *
 * <pre>{@code
 * JournalContents done = DeletionJournal.read(journalFile);
 * done.tornTail().ifPresent(System.err::println);
 * try (DeletionJournal journal = DeletionJournal.open(journalFile, JournalHeader.of(orgUrl, options, version))) {
 *     deleter.resume(done, LoginSource.of(csv), journal); // skips the finished, looks the ones in doubt up by id
 * }
 * JournalContents all = DeletionJournal.read(journalFile); // both runs: one outcome per login
 * }</pre>
 */
public final class JournalContents {

    private final Path file;
    private final List<JournalHeader> runs;
    private final Map<String, DeletionOutcome> byLogin;
    private final Map<String, ChangeIntent> intents;
    private final List<DeletionOutcome> outcomes;
    private final long records;
    private final List<String> tornRecords;
    private final String tornTail;
    private final long finished;
    private final OutcomeCounts counts;
    private final Set<String> finishedLogins = new FinishedLogins();

    private JournalContents(JournalReader.Read read) {
        this.file = read.file();
        this.runs = List.copyOf(read.runs());
        this.byLogin = read.byLogin();
        this.outcomes = List.copyOf(byLogin.values());
        this.intents = read.intents();
        this.records = read.records();
        this.tornRecords = List.copyOf(read.tornRecords());
        this.tornTail = read.tornTail();
        Map<OutcomeKind, Long> kinds = new EnumMap<>(OutcomeKind.class);
        Map<SkipReason, Long> reasons = new EnumMap<>(SkipReason.class);
        long finals = 0;
        for (DeletionOutcome outcome : outcomes) {
            kinds.merge(outcome.kind(), 1L, Long::sum);
            if (outcome instanceof DeletionOutcome.Skipped skipped) {
                reasons.merge(skipped.reason(), 1L, Long::sum);
            }
            if (isFinal(outcome)) {
                finals++;
            }
        }
        this.finished = finals;
        this.counts = OutcomeCounts.of(kinds, reasons);
    }

    /**
     * Whether an outcome is final: a resumed run does not do its login again.
     *
     * @param outcome an outcome
     * @return {@code true} for {@code Deleted}, {@code NotFound}, and {@code Skipped} for any reason but
     *     {@link SkipReason#DRY_RUN} and {@link SkipReason#DUPLICATE}
     * @throws NullPointerException if {@code outcome} is {@code null}
     */
    public static boolean isFinal(DeletionOutcome outcome) {
        Objects.requireNonNull(outcome, "outcome");
        return JournalReader.isFinal(outcome);
    }

    /** Reads a journal; see {@link DeletionJournal#read(Path)}. */
    static JournalContents read(Path file) throws IOException {
        return new JournalContents(JournalReader.read(file));
    }

    /**
     * The journal that was read.
     *
     * @return its path
     */
    public Path file() {
        return file;
    }

    /**
     * The header of each run section, in the order the runs started.
     *
     * @return the headers, unmodifiable; empty for an empty journal
     */
    public List<JournalHeader> runs() {
        return runs;
    }

    /**
     * One outcome per login, in the order the logins first appear in the journal (see the class comment for which
     * outcome a login keeps).
     *
     * @return the outcomes, unmodifiable
     */
    public List<DeletionOutcome> outcomes() {
        return outcomes;
    }

    /**
     * The outcome a login keeps.
     *
     * @param login a login, compared trimmed and case-insensitively
     * @return its outcome, or empty when the journal has none for it
     * @throws NullPointerException if {@code login} is {@code null}
     */
    public Optional<DeletionOutcome> outcome(String login) {
        Objects.requireNonNull(login, "login");
        return Optional.ofNullable(byLogin.get(LoginScreen.key(login)));
    }

    /**
     * Whether a login has a final outcome, so that a resumed run leaves it alone.
     *
     * @param login a login, compared trimmed and case-insensitively
     * @return {@code true} when its outcome is final
     * @throws NullPointerException if {@code login} is {@code null}
     */
    public boolean isFinished(String login) {
        Objects.requireNonNull(login, "login");
        DeletionOutcome outcome = byLogin.get(LoginScreen.key(login));
        return outcome != null && isFinal(outcome);
    }

    /**
     * The intent an interrupted run recorded for a login without a final outcome: that run was about to change the
     * user (or did) when it stopped, crashed or could not tell what Okta did.
     *
     * @param login a login, compared as a batch compares logins
     * @return its latest intent, or empty when the login has a final outcome or no intent
     * @throws NullPointerException if {@code login} is {@code null}
     */
    public Optional<ChangeIntent> intent(String login) {
        Objects.requireNonNull(login, "login");
        return Optional.ofNullable(intents.get(LoginScreen.key(login)));
    }

    /**
     * The intents of every login without a final outcome, in the order they were first recorded: the users a
     * resumed run ({@link BulkUserDeleter#resume(JournalContents, Iterable, DeletionJournal)}) looks up by id.
     *
     * @return the intents, unmodifiable
     */
    public List<ChangeIntent> pendingIntents() {
        return List.copyOf(intents.values());
    }

    /**
     * Whether a resumed run must look this login up by id rather than by login: it has an intent and no final
     * outcome, or its outcome is a {@link DeletionOutcome.Failed} whose change may have been made.
     *
     * @param login a login, compared as a batch compares logins
     * @return {@code true} when the user may have been changed by a run that could not record the result
     * @throws NullPointerException if {@code login} is {@code null}
     */
    public boolean isInDoubt(String login) {
        Objects.requireNonNull(login, "login");
        return resumeHint(LoginScreen.key(login)) != null;
    }

    /** The logins a resumed run looks up by id, by login key. */
    Map<String, ResumeHint> resumeHints() {
        Map<String, ResumeHint> hints = new HashMap<>();
        for (String key : intents.keySet()) {
            hints.put(key, resumeHint(key));
        }
        byLogin.forEach((key, outcome) -> {
            if (outcome instanceof DeletionOutcome.Failed f && f.changeMayHaveBeenMade()) {
                hints.putIfAbsent(key, resumeHint(key));
            }
        });
        hints.values().removeIf(Objects::isNull);
        return hints;
    }

    private ResumeHint resumeHint(String key) {
        ChangeIntent intent = intents.get(key);
        if (intent != null) {
            return new ResumeHint(intent.userId(), intent.status());
        }
        return byLogin.get(key) instanceof DeletionOutcome.Failed f && f.changeMayHaveBeenMade() && f.userId() != null
                ? new ResumeHint(f.userId(), UserState.UNKNOWN) : null;
    }

    /**
     * The logins with a final outcome, trimmed and in lower case. Its {@code contains} compares as a batch does
     * (trimmed, case-insensitively), so {@code contains("JSmith@Corp.example")} finds {@code jsmith@corp.example}.
     *
     * @return an unmodifiable view
     */
    public Set<String> finishedLogins() {
        return finishedLogins;
    }

    /**
     * The input without the logins already finished, read lazily, in order: what a resumed run hands to
     * {@link BulkUserDeleter#deleteAll(Iterable, java.util.function.Consumer)}. Everything else passes through
     * unchanged (logins not finished, repeats, {@code null}s), so the batch screens it as usual.
     *
     * @param input the logins of the run to resume, such as a {@link LoginSource}
     * @return a view of the input; each iteration reads the input again
     * @throws NullPointerException if {@code input} is {@code null}
     */
    public Iterable<String> remaining(Iterable<String> input) {
        Objects.requireNonNull(input, "input");
        return () -> new Iterator<>() {
            private final Iterator<String> logins = input.iterator();
            private String next;
            private boolean ready;

            @Override
            public boolean hasNext() {
                while (!ready && logins.hasNext()) {
                    String login = logins.next();
                    if (login == null || !isFinished(login)) {
                        next = login;
                        ready = true;
                    }
                }
                return ready;
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ready = false;
                return next;
            }
        };
    }

    /**
     * How many outcome records the journal holds, repeats of a login included.
     *
     * @return the number of outcome lines read
     */
    public long records() {
        return records;
    }

    /**
     * The totals of {@link #outcomes()}, one per login.
     *
     * @return the counts per kind and skip reason
     */
    public OutcomeCounts counts() {
        return counts;
    }

    /**
     * The incomplete last record, as a crash or a full disk leaves it: tolerated, not read. The login it was
     * recording counts as not finished, so a resumed run does it again.
     *
     * @return a description naming the file and the line, or empty when the journal ends with a whole record
     */
    public Optional<String> tornTail() {
        return Optional.ofNullable(tornTail);
    }

    /**
     * Every incomplete record tolerated: the last one of the file ({@link #tornTail()}) and the last one of any run
     * section that a crash cut short before a later run appended its own section.
     *
     * @return descriptions naming the file and the line, unmodifiable; empty when there were none
     */
    public List<String> tornRecords() {
        return tornRecords;
    }

    @Override
    public String toString() {
        return "JournalContents{" + file + ", runs=" + runs.size() + ", logins=" + outcomes.size() + ", finished="
                + finished + ", records=" + records + (tornRecords.isEmpty() ? "" : ", torn=" + tornRecords.size())
                + '}';
    }

    /** The logins with a final outcome, as a view over the outcomes. */
    private final class FinishedLogins extends AbstractSet<String> {

        @Override
        public boolean contains(Object o) {
            return o instanceof String login && isFinished(login);
        }

        @Override
        public int size() {
            return (int) Math.min(Integer.MAX_VALUE, finished);
        }

        @Override
        public Iterator<String> iterator() {
            Iterator<Map.Entry<String, DeletionOutcome>> entries = byLogin.entrySet().iterator();
            return new Iterator<>() {
                private String next;

                @Override
                public boolean hasNext() {
                    while (next == null && entries.hasNext()) {
                        Map.Entry<String, DeletionOutcome> entry = entries.next();
                        if (isFinal(entry.getValue())) {
                            next = entry.getKey();
                        }
                    }
                    return next != null;
                }

                @Override
                public String next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    String login = next;
                    next = null;
                    return login;
                }
            };
        }
    }
}

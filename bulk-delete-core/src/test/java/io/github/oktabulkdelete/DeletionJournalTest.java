package io.github.oktabulkdelete;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.okta.sdk.resource.model.UserStatus;
import io.github.oktabulkdelete.testing.Fault;
import io.github.oktabulkdelete.testing.MutableClock;
import io.github.oktabulkdelete.testing.Route;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeletionJournalTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant STARTED = Instant.parse("2026-11-27T10:00:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at(STARTED);

    private static JournalHeader header(String run) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("run", run);
        options.put("dryRun", "false");
        return new JournalHeader(STARTED, "https://corp.okta.com", options, "0.1.0-test");
    }

    private int journals;

    private Path journalOf(DeletionOutcome... outcomes) throws IOException {
        Path file = dir.resolve("run" + ++journals + ".journal.jsonl");
        try (DeletionJournal journal = DeletionJournal.open(file, header("1"), clock)) {
            Arrays.stream(outcomes).forEach(journal::record);
        }
        return file;
    }

    /** One outcome of every kind, and logins that are hard to write: quotes, control characters, non-ASCII. */
    static List<DeletionOutcome> everyKind() {
        List<DeletionOutcome> all = new ArrayList<>(List.of(
                new DeletionOutcome.Deleted("a@corp.example", "00ua", UserState.ACTIVE, true, 3),
                new DeletionOutcome.Deleted("b@corp.example", "00ub", UserState.DEPROVISIONED, false, 2),
                new DeletionOutcome.NotFound("ghost@corp.example", 1),
                new DeletionOutcome.Failed("f@corp.example", Step.DELETE, 503, "E0000009", "Internal Server Error",
                        7, "00uf"),
                new DeletionOutcome.Failed("t@corp.example", Step.LOOKUP, 0, null, "transport failure: timeout", 6,
                        null),
                new DeletionOutcome.NotAttempted("n@corp.example", "cancelled: Ctrl-C"),
                new DeletionOutcome.Failed("m@corp.example", Step.DELETE, 503, "E0000009", "may have been made", 4,
                        "00um", true),
                new DeletionOutcome.Deleted("i@corp.example", "00ui", UserState.SUSPENDED, true, 1, true)));
        for (SkipReason reason : SkipReason.values()) {
            all.add(new DeletionOutcome.Skipped(reason.name().toLowerCase() + "@corp.example", reason,
                    reason == SkipReason.DUPLICATE ? null : "00u" + reason.ordinal(),
                    reason == SkipReason.DUPLICATE ? null : UserState.LOCKED_OUT, "because " + reason));
        }
        all.add(new DeletionOutcome.Skipped("line\nbreak \"quoted\" \\ \u0001", SkipReason.INVALID_LOGIN, null, null,
                "contains a control character"));
        all.add(new DeletionOutcome.Skipped("lone\uD800surrogate", SkipReason.INVALID_LOGIN, null, null,
                "is not valid Unicode"));
        all.add(new DeletionOutcome.Deleted("jürgen.müller+测试😀@corp.example", "00uj", UserState.UNKNOWN, true, 3));
        return all;
    }

    @Test
    void everyOutcomeKindReadsBackAsItWasRecorded() throws IOException {
        List<DeletionOutcome> outcomes = everyKind();

        JournalContents contents = DeletionJournal.read(journalOf(outcomes.toArray(DeletionOutcome[]::new)));

        assertThat(contents.outcomes()).containsExactlyElementsOf(outcomes);
        assertThat(contents.records()).isEqualTo(outcomes.size());
        assertThat(contents.runs()).containsExactly(header("1"));
        assertThat(contents.tornTail()).isEmpty();
        assertThat(contents.counts().total()).isEqualTo(outcomes.size());
    }

    @Test
    void eachLineHasEveryKeyAndIsOneJsonObject() throws IOException {
        Path file = journalOf(new DeletionOutcome.Failed("f@corp.example", Step.DEACTIVATE, 403, "E0000006",
                "You do not have permission", 2, "00uf"));

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);

        assertThat(lines).hasSize(2);
        JsonNode run = JSON.readTree(lines.get(0));
        assertThat(run.get("type").asText()).isEqualTo("run");
        assertThat(run.get("journal").asInt()).isEqualTo(1);
        assertThat(run.get("startedAt").asText()).isEqualTo("2026-11-27T10:00:00Z");
        assertThat(run.get("orgUrl").asText()).isEqualTo("https://corp.okta.com");
        assertThat(run.get("toolVersion").asText()).isEqualTo("0.1.0-test");
        assertThat(run.get("options").get("dryRun").asText()).isEqualTo("false");
        JsonNode outcome = JSON.readTree(lines.get(1));
        List<String> keys = new ArrayList<>();
        outcome.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("type", "at", "login", "outcome", "reason", "userId", "status",
                "deactivatedByThisRun", "step", "httpStatus", "errorCode", "attempts", "message", "byInterruptedRun",
                "changeMayHaveBeenMade");
        assertThat(outcome.get("type").asText()).isEqualTo("outcome");
        assertThat(outcome.get("at").asText()).isEqualTo("2026-11-27T10:00:00Z");
        assertThat(outcome.get("outcome").asText()).isEqualTo("FAILED");
        assertThat(outcome.get("step").asText()).isEqualTo("DEACTIVATE");
        assertThat(outcome.get("httpStatus").asInt()).isEqualTo(403);
        assertThat(outcome.get("reason").isNull()).isTrue();
    }

    @Test
    void eachRecordIsOnDiskBeforeRecordReturnsAndReadableWhileTheJournalIsOpen() throws IOException {
        Path file = dir.resolve("open.journal.jsonl");
        List<DeletionOutcome> outcomes = everyKind();
        try (DeletionJournal journal = DeletionJournal.open(file, header("1"), clock)) {
            assertThat(Files.readAllLines(file)).as("the run record is written by open").hasSize(1);
            for (int i = 0; i < outcomes.size(); i++) {
                journal.record(outcomes.get(i));

                assertThat(Files.readAllLines(file)).hasSize(i + 2);
                assertThat(DeletionJournal.read(file).outcomes()).hasSize(i + 1).last()
                        .isEqualTo(outcomes.get(i));
            }
            assertThat(journal.recorded()).isEqualTo(outcomes.size());
        }
    }

    @Test
    void anIncompleteLastRecordIsToleratedAndReportedAndItsLoginIsNotFinished() throws IOException {
        Path file = journalOf(new DeletionOutcome.Deleted("a@corp.example", "00ua", UserState.ACTIVE, true, 3));
        byte[] whole = ("{\"type\":\"outcome\",\"at\":\"2026-11-27T10:00:00Z\",\"login\":\"jürgen@corp.example\","
                + "\"outcome\":\"DELETED\"}\n").getBytes(StandardCharsets.UTF_8);
        // cut inside the two bytes of 'ü', as a crash can
        int cut = new String(whole, StandardCharsets.UTF_8).indexOf('ü') + 1;
        Files.write(file, Arrays.copyOf(whole, cut), StandardOpenOption.APPEND);

        JournalContents contents = DeletionJournal.read(file);

        assertThat(contents.outcomes()).extracting(DeletionOutcome::login).containsExactly("a@corp.example");
        assertThat(contents.tornTail()).hasValueSatisfying(tail -> assertThat(tail)
                .startsWith(file + ", line 3: the last record is incomplete (" + cut + " bytes")
                .contains("a resumed run does it again"));
        assertThat(contents.tornRecords()).hasSize(1);
        assertThat(contents.isFinished("jürgen@corp.example")).isFalse();
    }

    @Test
    void aNewRunAfterACrashStartsOnALineOfItsOwnAndTheTornRecordStaysTolerated() throws IOException {
        Path file = journalOf(new DeletionOutcome.Deleted("a@corp.example", "00ua", UserState.ACTIVE, true, 3));
        Files.write(file, "{\"type\":\"outcome\",\"login\":\"b@co".getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.APPEND);

        try (DeletionJournal journal = DeletionJournal.open(file, header("2"), clock)) {
            journal.record(new DeletionOutcome.Deleted("b@corp.example", "00ub", UserState.ACTIVE, true, 3));
        }
        JournalContents contents = DeletionJournal.read(file);

        assertThat(Files.readAllLines(file)).hasSize(5).element(3).asString().startsWith("{\"type\":\"run\"");
        assertThat(contents.runs()).extracting(h -> h.options().get("run")).containsExactly("1", "2");
        assertThat(contents.outcomes()).extracting(DeletionOutcome::login)
                .containsExactly("a@corp.example", "b@corp.example");
        assertThat(contents.tornTail()).isEmpty();
        assertThat(contents.tornRecords()).singleElement().asString()
                .startsWith(file + ", line 3: the last record of run 1 is incomplete");
    }

    @Test
    void aRunThatCrashedTwiceBeforeItsFirstRecordIsStillReadable() throws IOException {
        Path file = dir.resolve("twice.journal.jsonl");
        Files.write(file, "{\"type\":\"run\",\"jour".getBytes(StandardCharsets.UTF_8)); // crash while opening
        try (DeletionJournal journal = DeletionJournal.open(file, header("2"), clock)) {
            journal.record(new DeletionOutcome.NotFound("a@corp.example", 1));
        }
        Files.write(file, "{\"ty".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);

        JournalContents contents = DeletionJournal.read(file);

        assertThat(contents.runs()).hasSize(1);
        assertThat(contents.outcomes()).hasSize(1);
        assertThat(contents.tornRecords()).hasSize(2);
        assertThat(contents.tornTail()).isPresent();
    }

    @Test
    void aBadLineInTheMiddleIsRefusedNamingTheFileAndTheLine() throws IOException {
        Path file = journalOf(new DeletionOutcome.NotFound("a@corp.example", 1),
                new DeletionOutcome.NotFound("b@corp.example", 1), new DeletionOutcome.NotFound("c@corp.example", 1));
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(2, lines.get(2).substring(0, 30)); // line 3 cut short, but records follow it
        Files.write(file, lines);

        assertThatThrownBy(() -> DeletionJournal.read(file))
                .isInstanceOfSatisfying(InvalidJournalException.class, e -> {
                    assertThat(e.file()).isEqualTo(file.toString());
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.problem()).startsWith("not a journal record (").endsWith("in the middle of the journal");
                })
                .hasMessageStartingWith(file + ", line 3: not a journal record")
                .hasMessageContaining("restore the file from a backup, or start a new journal");
    }

    @Test
    void aRecordWithAMissingOrUnknownValueIsRefusedEvenAsTheLastLine() throws IOException {
        Path file = journalOf(new DeletionOutcome.NotFound("a@corp.example", 1));
        Files.write(file, ("{\"type\":\"outcome\",\"login\":\"b@corp.example\",\"outcome\":\"VAPORIZED\"}\n")
                .getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);

        assertThatThrownBy(() -> DeletionJournal.read(file)).isInstanceOf(InvalidJournalException.class)
                .hasMessageContaining(", line 3: the record's 'outcome' is 'VAPORIZED', which this version does not "
                        + "know");

        Path other = journalOf(new DeletionOutcome.NotFound("a@corp.example", 1));
        Files.write(other, ("{\"type\":\"outcome\",\"login\":\"b@corp.example\",\"outcome\":\"DELETED\","
                + "\"attempts\":2}\n").getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        assertThatThrownBy(() -> DeletionJournal.read(other)).isInstanceOf(InvalidJournalException.class)
                .hasMessageContaining("line 3: the DELETED record has no userId");
    }

    @Test
    void aFileThatIsNotAJournalIsRefusedForReadingAndForAppending() throws IOException {
        Path report = dir.resolve("report.jsonl");
        String text = "{\"login\":\"a@corp.example\",\"outcome\":\"deleted\"}\n";
        Files.writeString(report, text);
        Path csv = dir.resolve("users.csv");
        Files.writeString(csv, "login\na@corp.example\n");

        assertThatThrownBy(() -> DeletionJournal.read(report)).isInstanceOf(InvalidJournalException.class)
                .hasMessageContaining("line 1: the record has no 'type'");
        assertThatThrownBy(() -> DeletionJournal.read(csv)).isInstanceOf(InvalidJournalException.class)
                .hasMessageContaining("line 1: not a journal record");
        assertThatThrownBy(() -> DeletionJournal.open(csv, header("1"))).isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining("is not a journal").hasMessageContaining("nothing was written to it");
        assertThat(Files.readString(csv)).isEqualTo("login\na@corp.example\n");
        assertThatThrownBy(() -> DeletionJournal.read(dir.resolve("missing.jsonl")))
                .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void anEmptyFileIsAnEmptyJournal() throws IOException {
        Path file = Files.createFile(dir.resolve("empty.jsonl"));

        JournalContents contents = DeletionJournal.read(file);

        assertThat(contents.runs()).isEmpty();
        assertThat(contents.outcomes()).isEmpty();
        assertThat(contents.remaining(List.of("a@corp.example"))).containsExactly("a@corp.example");
    }

    @Test
    void resumeSkipsEveryLoginWithAFinalOutcomeAndRedoesTheOthers() throws IOException {
        Path file = journalOf(
                new DeletionOutcome.Deleted("a@corp.example", "00ua", UserState.ACTIVE, true, 3),
                new DeletionOutcome.NotFound("b@corp.example", 1),
                new DeletionOutcome.Skipped("c@corp.example", SkipReason.PROTECTED, null, null, "protected"),
                new DeletionOutcome.Skipped("jsmith", SkipReason.LOGIN_MISMATCH, "00uj", UserState.ACTIVE, "short"),
                new DeletionOutcome.Skipped("d@corp.example", SkipReason.DRY_RUN, "00ud", UserState.ACTIVE, "dry"),
                new DeletionOutcome.Failed("e@corp.example", Step.DELETE, 503, "E0000009", "down", 6, "00ue"),
                new DeletionOutcome.NotAttempted("f@corp.example", "cancelled"),
                // the first g was in flight when the process died; only its repeat was recorded
                new DeletionOutcome.Skipped("G@CORP.EXAMPLE", SkipReason.DUPLICATE, null, null, "repeat"));
        JournalContents contents = DeletionJournal.read(file);
        List<String> input = Arrays.asList(" A@Corp.Example ", "b@corp.example", "c@corp.example", "JSMITH",
                "d@corp.example", "e@corp.example", "f@corp.example", "g@corp.example", "G@corp.example",
                "h@corp.example", null, "a@corp.example");

        List<String> remaining = new ArrayList<>();
        contents.remaining(input).forEach(remaining::add);

        assertThat(remaining).containsExactly("d@corp.example", "e@corp.example", "f@corp.example", "g@corp.example",
                "G@corp.example", "h@corp.example", null);
        assertThat(contents.finishedLogins()).containsExactly("a@corp.example", "b@corp.example", "c@corp.example",
                "jsmith");
        assertThat(contents.finishedLogins().contains(" A@CORP.example")).as("compares as a batch does").isTrue();
        assertThat(contents.finishedLogins().contains("g@corp.example")).isFalse();
        assertThat(contents.isFinished("B@corp.example")).isTrue();
        assertThat(contents.outcome("JSmith")).hasValueSatisfying(o -> assertThat(o.kind())
                .isEqualTo(OutcomeKind.SKIPPED));
    }

    @Test
    void remainingReadsTheInputLazily() throws IOException {
        JournalContents contents = DeletionJournal.read(journalOf(new DeletionOutcome.NotFound("a@corp.example", 1)));
        AtomicInteger read = new AtomicInteger();
        Iterable<String> endless = () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public String next() {
                return read.incrementAndGet() % 2 == 0 ? "a@corp.example" : "u" + read.get() + "@corp.example";
            }
        };

        Iterator<String> remaining = contents.remaining(endless).iterator();

        assertThat(remaining.next()).isEqualTo("u1@corp.example");
        assertThat(remaining.next()).isEqualTo("u3@corp.example");
        assertThat(read.get()).isEqualTo(3);
    }

    @Test
    void aSecondRunAppendsASectionAndEachLoginKeepsItsMostTellingOutcomeInFirstSeenOrder() throws IOException {
        Path file = dir.resolve("two-runs.journal.jsonl");
        try (DeletionJournal first = DeletionJournal.open(file, header("1"), clock)) {
            first.record(new DeletionOutcome.Failed("a@corp.example", Step.LOOKUP, 503, "E0000009", "down", 6, null));
            first.record(new DeletionOutcome.Deleted("b@corp.example", "00ub", UserState.ACTIVE, true, 3));
            first.record(new DeletionOutcome.NotAttempted("c@corp.example", "cancelled"));
            first.record(new DeletionOutcome.Skipped("D@corp.example", SkipReason.DUPLICATE, null, null, "repeat"));
            first.record(new DeletionOutcome.Deleted("e@corp.example", "00ue", UserState.ACTIVE, true, 3));
        }
        try (DeletionJournal second = DeletionJournal.open(file, header("2"), clock)) {
            second.record(new DeletionOutcome.Deleted("A@corp.example", "00ua", UserState.ACTIVE, true, 3));
            second.record(new DeletionOutcome.NotFound("b@corp.example", 1));          // deleted by run 1
            second.record(new DeletionOutcome.NotFound("c@corp.example", 1));
            second.record(new DeletionOutcome.Deleted("d@corp.example", "00ud", UserState.STAGED, true, 3));
            second.record(new DeletionOutcome.NotAttempted("e@corp.example", "token revoked"));
            second.record(new DeletionOutcome.Skipped("E@corp.example", SkipReason.DUPLICATE, null, null, "rep"));
        }

        JournalContents contents = DeletionJournal.read(file);

        assertThat(contents.runs()).extracting(h -> h.options().get("run")).containsExactly("1", "2");
        assertThat(contents.records()).isEqualTo(11);
        assertThat(contents.outcomes()).containsExactly(
                new DeletionOutcome.Deleted("A@corp.example", "00ua", UserState.ACTIVE, true, 3),
                new DeletionOutcome.Deleted("b@corp.example", "00ub", UserState.ACTIVE, true, 3),
                new DeletionOutcome.NotFound("c@corp.example", 1),
                new DeletionOutcome.Deleted("d@corp.example", "00ud", UserState.STAGED, true, 3),
                new DeletionOutcome.Deleted("e@corp.example", "00ue", UserState.ACTIVE, true, 3));
        assertThat(contents.counts().deleted()).isEqualTo(4);
    }

    @Test
    void theRunRecordHoldsNoCredentials() throws IOException {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("api-token", "00supersecret-token");
        options.put("PRIVATE_KEY", "-----BEGIN PRIVATE KEY-----");
        options.put("tokenEnv", "OKTA_CLIENT_TOKEN");
        JournalHeader header = new JournalHeader(STARTED, "https://admin:hunter22@corp.okta.com/?token=abc123#x",
                options, "0.1.0");
        Path file = dir.resolve("secrets.journal.jsonl");

        DeletionJournal.open(file, header, clock).close();

        assertThat(header.orgUrl()).isEqualTo("https://corp.okta.com");
        assertThat(header.options()).containsEntry("api-token", "****").containsEntry("PRIVATE_KEY", "****")
                .containsEntry("tokenEnv", "OKTA_CLIENT_TOKEN");
        assertThat(Files.readString(file)).doesNotContain("supersecret", "PRIVATE KEY", "hunter22", "abc123");
        assertThat(DeletionJournal.read(file).runs()).containsExactly(header);
    }

    @Test
    void oneJournalCannotBeOpenedTwiceAndRecordingAfterCloseIsRefused() throws IOException {
        Path file = dir.resolve("locked.journal.jsonl");
        DeletionJournal journal = DeletionJournal.open(file, header("1"), clock);

        assertThatThrownBy(() -> DeletionJournal.open(file, header("2"), clock)).isInstanceOf(IOException.class)
                .hasMessageContaining("already open as a journal");

        journal.close();
        journal.close();
        assertThatThrownBy(() -> journal.record(new DeletionOutcome.NotFound("a@corp.example", 1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThat(journal.toString()).contains("locked.journal.jsonl", "closed");
        DeletionJournal.open(file, header("2"), clock).close();
        assertThat(DeletionJournal.read(file).runs()).hasSize(2);
    }

    @Test
    void aJournalThatCannotBeWrittenFailsToOpen() {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.isWritable(full), "needs /dev/full");

        assertThatThrownBy(() -> DeletionJournal.open(full, header("1"), clock)).isInstanceOf(IOException.class);
    }

    @Test
    void misuseFailsFast() throws IOException {
        Path file = dir.resolve("x.jsonl");
        assertThatThrownBy(() -> DeletionJournal.open(null, header("1"))).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("file");
        assertThatThrownBy(() -> DeletionJournal.open(file, null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("header");
        assertThatThrownBy(() -> new JournalHeader(null, null, Map.of(), null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("startedAt");
        try (DeletionJournal journal = DeletionJournal.open(file, header("1"), clock)) {
            assertThatThrownBy(() -> journal.record(null)).isInstanceOf(NullPointerException.class);
        }
        JournalContents contents = DeletionJournal.read(file);
        assertThatThrownBy(() -> contents.remaining(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> contents.finishedLogins().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> contents.outcomes().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void anIntentWithoutAFinalOutcomeIsPendingAndAFinalOutcomeSettlesIt() throws IOException {
        Path file = dir.resolve("intents.journal.jsonl");
        try (DeletionJournal journal = DeletionJournal.open(file, header("1"), clock)) {
            journal.recordIntent(new ChangeIntent("a@corp.example", "00ua", UserState.ACTIVE));
            journal.recordIntent(new ChangeIntent("b@corp.example", "00ub", UserState.DEPROVISIONED));
            journal.recordIntent(new ChangeIntent("c@corp.example", "00uc", UserState.SUSPENDED));
            journal.record(new DeletionOutcome.Deleted("a@corp.example", "00ua", UserState.ACTIVE, true, 4));
            journal.record(new DeletionOutcome.NotAttempted("c@corp.example", "cancelled"));
            assertThat(journal.recorded()).as("intents are not outcomes").isEqualTo(2);
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(JSON.readTree(lines.get(1)).toString()).isEqualTo("{\"type\":\"intent\",\"at\":"
                + "\"2026-11-27T10:00:00Z\",\"login\":\"a@corp.example\",\"userId\":\"00ua\",\"status\":\"ACTIVE\"}");

        JournalContents contents = DeletionJournal.read(file);

        assertThat(contents.intent("A@corp.example")).isEmpty();
        assertThat(contents.isInDoubt("a@corp.example")).isFalse();
        assertThat(contents.intent("b@corp.example")).contains(new ChangeIntent("b@corp.example", "00ub",
                UserState.DEPROVISIONED));
        assertThat(contents.pendingIntents()).extracting(ChangeIntent::login)
                .containsExactly("b@corp.example", "c@corp.example");
        assertThat(contents.isInDoubt("c@corp.example")).as("a NotAttempted after an intent is no proof").isTrue();
        assertThat(contents.outcome("b@corp.example")).isEmpty();
        assertThat(contents.remaining(List.of("a@corp.example", "b@corp.example", "c@corp.example")))
                .containsExactly("b@corp.example", "c@corp.example");
    }

    @Test
    void aFailedWhoseChangeMayHaveBeenMadeIsNotFinalAndIsInDoubt() throws IOException {
        Path file = journalOf(new DeletionOutcome.Failed("m@corp.example", Step.DELETE, 0, null, "lost", 3, "00um",
                true), new DeletionOutcome.Failed("n@corp.example", Step.DELETE, 403, "E0000006", "no", 2, "00un"));

        JournalContents contents = DeletionJournal.read(file);

        assertThat(contents.isFinished("m@corp.example")).isFalse();
        assertThat(contents.isInDoubt("m@corp.example")).isTrue();
        assertThat(contents.isInDoubt("n@corp.example")).as("certainly not deleted").isFalse();
    }

    @Test
    void aRecordWrittenBeforeTheFlagsExistedReadsThemAsFalse() throws IOException {
        Path file = journalOf();
        Files.writeString(file, "{\"type\":\"outcome\",\"at\":\"2026-11-27T10:00:00Z\",\"login\":\"f@corp.example\","
                + "\"outcome\":\"FAILED\",\"reason\":null,\"userId\":\"00uf\",\"status\":null,"
                + "\"deactivatedByThisRun\":null,\"step\":\"DELETE\",\"httpStatus\":503,\"errorCode\":null,"
                + "\"attempts\":2,\"message\":\"m\"}\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        assertThat(DeletionJournal.read(file).outcome("f@corp.example")).get()
                .isInstanceOfSatisfying(DeletionOutcome.Failed.class, f -> assertThat(f.changeMayHaveBeenMade())
                        .isFalse());
    }

    // -------------------------------------------------------------------------------------------------------------
    // with a deleter, through the real SDK against the fake org

    @Test
    void theJournalIsTheStreamingConsumerAndAClosedJournalStopsTheBatchSoNothingGoesUnrecorded()
            throws IOException {
        Path file = dir.resolve("stop.journal.jsonl");
        try (FaultScenario s = FaultScenario.start()) {
            IntStream.range(0, 10).forEach(i -> s.user("u" + i + "@corp.example", UserStatus.DEPROVISIONED));
            DeletionJournal journal = DeletionJournal.open(file, header("1"), clock);
            AtomicInteger deletes = new AtomicInteger();
            s.afterResponse = status -> {
                if (status.bucket().startsWith("DELETE") && deletes.incrementAndGet() == 4) {
                    try {
                        journal.close(); // as a full disk would: the next record fails
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };

            BulkDeleteSummary summary = s.deleter().maxConcurrency(1).listener(new DeletionListener() {
                @Override
                public void onRateLimitStatus(RateLimitStatus status) {
                    s.afterResponse.accept(status);
                }
            }).build().deleteAll(s.input, journal);

            assertThat(summary.stop()).hasValueSatisfying(stop -> {
                assertThat(stop.cause()).isEqualTo(BatchStop.Cause.CONSUMER_FAILED);
                assertThat(stop.message()).contains("u3@corp.example", "closed");
            });
            JournalContents contents = DeletionJournal.read(file);
            assertThat(contents.outcomes()).extracting(DeletionOutcome::login)
                    .containsExactly("u0@corp.example", "u1@corp.example", "u2@corp.example");
            assertThat(s.org.deletedLogins()).as("u3 was in flight: deleted, not recorded, redone by a resume")
                    .containsExactly("u0@corp.example", "u1@corp.example", "u2@corp.example", "u3@corp.example");
        }
    }

    @Test
    void aStoppedRunResumedFromItsJournalDoesEveryLoginOnceAndTheJournalCoversBothRuns() throws IOException {
        Path file = dir.resolve("resume.journal.jsonl");
        try (FaultScenario s = FaultScenario.start()) {
            s.mixedPopulation(40);
            s.org.failRandomly(null, 0.05, 3L, Fault.status(503));
            Cancellation cancellation = Cancellation.create();
            AtomicInteger deletes = new AtomicInteger();
            s.afterResponse = status -> {
                if (status.bucket().startsWith("DELETE") && deletes.incrementAndGet() == 10) {
                    cancellation.cancel("SIGTERM");
                }
            };
            BulkDeleteSummary first;
            try (DeletionJournal journal = DeletionJournal.open(file, header("1"), clock)) {
                first = s.deleter().listener(forward(s)).build().deleteAll(s.input, journal, cancellation);
            }
            assertThat(first.stop()).isPresent();
            assertThat(first.counts().notAttempted()).isPositive();
            JournalContents afterFirst = DeletionJournal.read(file);
            List<String> remaining = new ArrayList<>();
            afterFirst.remaining(s.input).forEach(remaining::add);
            s.org.resetCounts();

            BulkDeleteSummary second;
            try (DeletionJournal journal = DeletionJournal.open(file, header("2"), clock)) {
                second = s.deleter().build().deleteAll(afterFirst.remaining(s.input), journal);
            }
            JournalContents both = DeletionJournal.read(file);

            assertThat(second.isSuccess()).isTrue();
            assertThat(remaining).hasSizeLessThan(s.input.size());
            assertThat(s.org.requests()).as("no finished login is looked up again")
                    .filteredOn(r -> r.route() == Route.GET_USER)
                    .noneMatch(r -> afterFirst.isFinished(DeletionInvariants.idSegment(r.rawPath())));
            assertThat(both.runs()).hasSize(2);
            assertThat(both.outcomes()).extracting(o -> o.login().toLowerCase()).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(s.input.stream().map(l -> l.strip().toLowerCase())
                            .distinct().toList());
            assertThat(both.outcomes()).allMatch(JournalContents::isFinal);
            assertThat(both.counts().deleted()).isEqualTo(s.deletable.size());
            assertThat(s.org.deletedLogins()).hasSize(s.deletable.size());
        }
    }

    @Test
    void theJournalOfARunStoppedBy401sThatEchoTheTokenHoldsNoToken() throws IOException {
        Path file = dir.resolve("401.journal.jsonl");
        try (FaultScenario s = FaultScenario.start()) {
            IntStream.range(0, 6).forEach(i -> s.user("u" + i + "@corp.example", UserStatus.ACTIVE));
            String token = s.org.apiToken();
            AtomicInteger deletes = new AtomicInteger();
            s.afterResponse = status -> {
                if (status.bucket().startsWith("DELETE") && deletes.incrementAndGet() == 2) {
                    s.org.failNext(null, 1, Fault.status(401, "E0000011", "Invalid token provided: SSWS " + token
                            + " (token " + token + ")"));
                    s.org.revokeToken();
                }
            };
            BulkDeleteSummary summary;
            try (DeletionJournal journal = DeletionJournal.open(file, JournalHeader.of(s.org.orgUrl(), Map.of(),
                    "test"), clock)) {
                summary = s.deleter().maxConcurrency(1).listener(forward(s)).build().deleteAll(s.input, journal);
                assertThat(journal.toString()).doesNotContain(token);
            }

            String text = Files.readString(file);
            assertThat(summary.stop()).hasValueSatisfying(stop -> {
                assertThat(stop.cause()).isEqualTo(BatchStop.Cause.AUTHENTICATION_FAILED);
                assertThat(stop.message()).contains("SSWS ****").doesNotContain(token);
            });
            assertThat(text).contains("\"httpStatus\":401", "NOT_ATTEMPTED", "SSWS ****").doesNotContain(token);
            JournalContents contents = DeletionJournal.read(file);
            assertThat(contents.toString() + contents.outcomes() + contents.runs()).doesNotContain(token);
        }
    }

    private static DeletionListener forward(FaultScenario s) {
        return new DeletionListener() {
            @Override
            public void onRateLimitStatus(RateLimitStatus status) {
                s.afterResponse.accept(status);
            }
        };
    }
}

package io.github.oktabulkdelete;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.okta.sdk.resource.model.UserStatus;
import io.github.oktabulkdelete.testing.FakeUser;
import io.github.oktabulkdelete.testing.RecordedRequest;
import io.github.oktabulkdelete.testing.Route;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of bad and odd inputs, each with the clear error or the outcome it must give: files that cannot be read as
 * logins are refused before anything is deleted, naming the file, the line and what to do; inputs that are not
 * logins are skipped without a call; odd but possible logins reach Okta as exactly the login they were.
 */
class BadInputCorpusTest {

    private static final int TEN_MB = 10 * 1024 * 1024;

    @TempDir
    Path dir;

    // ---------------------------------------------------------------------------------------------------------------
    // files refused, with the line and what to do

    static Stream<Arguments> badFiles() {
        byte[] png = new byte[600];
        new Random(89).nextBytes(png);
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, 0, png, 0, 8);
        StringBuilder manyValues = new StringBuilder();
        for (int i = 0; manyValues.length() < TEN_MB; i++) {
            manyValues.append(i == 0 ? "" : ",").append("u").append(i).append("@corp.example");
        }
        int values = manyValues.toString().split(",").length;
        return Stream.of(
                Arguments.of("binary.png", png, 1, "the file is not UTF-8: byte 0x89 at byte offset 0", "UTF-8"),
                Arguments.of("utf16-without-bom.csv", "login\r\na@corp.example\r\n".getBytes(StandardCharsets.UTF_16LE),
                        1, "the line holds the control character U+0000 (character 2 of the line)",
                        "UTF-16 file without a byte order mark"),
                Arguments.of("latin1.csv", "login\nren\u00e9@corp.example\n".getBytes(StandardCharsets.ISO_8859_1), 2,
                        "the file is not UTF-8: byte 0xE9 at byte offset 9", "iconv"),
                Arguments.of("unterminated-quote.csv", utf8("User,Login,Status\nA,\"a@corp.example,ACTIVE\n"
                        + "B,b@corp.example,ACTIVE\n"), 2, "a quoted value is not closed", "Close the quote"),
                Arguments.of("control-character.txt", utf8("a@corp.example\nb\u0001b@corp.example\n"), 2,
                        "the line holds the control character U+0001 (character 2 of the line)", "Remove the"),
                Arguments.of("control-character-at-the-end.txt", utf8("a@corp.example\u001F\n"), 1,
                        "the control character U+001F (character 15 of the line)", "Remove the"),
                Arguments.of("escape-sequence.txt", utf8("login\n\u001B[31mred@corp.example\u001B[0m\n"), 2,
                        "the control character U+001B (character 1 of the line)", "Remove the"),
                Arguments.of("ten-mb-one-value.txt", utf8("login\n" + "a".repeat(TEN_MB) + "\n"), 2,
                        "the value in column 'login' is 10,485,760 characters long (it starts with 'aaaa",
                        "Check that this is the file of logins you meant"),
                Arguments.of("ten-mb-of-values-on-the-first-line.csv", utf8(manyValues + "\n"), 1,
                        "no column of the first line holds logins (its columns are 'u0@corp.example', "
                        + "'u1@corp.example',", String.format(Locale.ROOT, "(%,d columns in all)", values)),
                Arguments.of("ten-mb-of-values-on-a-line-of-a-list.txt", utf8("login\n" + manyValues + "\n"), 2,
                        "the line holds " + values + " values separated by ','", "Put each login on a line"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void aFileThatIsNotAFileOfLoginsIsRefusedNamingTheFileTheLineAndWhatToDo(String name, byte[] content, long line,
            String problem, String remedy) throws IOException {
        Path file = Files.write(dir.resolve(name), content);

        assertThatThrownBy(() -> LoginSource.of(file).validate())
                .isInstanceOfSatisfying(InvalidLoginFileException.class, e -> {
                    assertThat(e.source()).isEqualTo(file.toString());
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.getMessage()).startsWith(file + ", line " + line + ": ").contains(problem)
                            .contains(remedy).endsWith(".").hasSizeLessThan(2_000);
                });
    }

    @Test
    void aBadFileGivenToTheDeleterUnvalidatedStopsTheBatchWithoutAStackTrace() throws IOException {
        Path file = Files.write(dir.resolve("bad.txt"), utf8("a@corp.example\nb\u0000@corp.example\n"));
        try (FaultScenario s = FaultScenario.start()) {
            BulkDeleteResult result = s.deleter().build().deleteAll(LoginSource.of(file));

            assertThat(result.outcomes()).singleElement().isEqualTo(new DeletionOutcome.NotFound("a@corp.example", 1));
            assertThat(result.summary().stop()).hasValueSatisfying(stop -> {
                assertThat(stop.cause()).isEqualTo(BatchStop.Cause.INPUT_FAILED);
                assertThat(stop.message()).contains(file + ", line 2: the line holds the control character U+0000")
                        .doesNotContain("\tat ");
            });
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // files read, holding no logins or no possible logins

    @Test
    void anEmptyFileAndAHeaderOnlyHoldNoLoginsAndNothingIsAskedOfOkta() throws IOException {
        Path empty = Files.write(dir.resolve("empty.csv"), new byte[0]);
        Path report = Files.write(dir.resolve("header-only.csv"), utf8("User,Login,Status,Activation date,"
                + "Authentication Source,Last Login,Last Password Change\r\n"));
        Path list = Files.write(dir.resolve("header-only.txt"), utf8("login\n\n# nobody left\n"));

        assertThat(LoginSource.of(empty).validate()).isEqualTo(new LoginSource.Summary(empty.toString(),
                LoginSource.Format.PLAIN_LIST, null, 0));
        assertThat(LoginSource.of(report).validate()).isEqualTo(new LoginSource.Summary(report.toString(),
                LoginSource.Format.PASSWORD_HEALTH_REPORT, "Login", 0));
        assertThat(LoginSource.of(list).validate().logins()).isZero();
        try (FaultScenario s = FaultScenario.start()) {
            for (Path file : List.of(empty, report, list)) {
                assertThat(s.deleter().build().deleteAll(LoginSource.of(file)).outcomes()).isEmpty();
            }
            assertThat(s.org.requests()).extracting(RecordedRequest::rawPath).containsOnly("/api/v1/users/me");
        }
    }

    @Test
    void inputsThatAreNotLoginsAreSkippedWithoutACall() throws IOException {
        String tenThousand = "x".repeat(9_988) + "@corp.example";
        Path file = Files.write(dir.resolve("not-logins.txt"), utf8(String.join("\n", "me", "ME", " me ", "..", ".",
                tenThousand, "tab\tinside@corp.example", "")));
        List<String> fromCode = Arrays.asList("\u000Badmin@corp.example", "admin@corp.example\u001F",
                "admin@corp.example\u0085", "lone\uD800surrogate@corp.example", "a\u0000b", null, "", "  ");
        try (FaultScenario s = FaultScenario.start()) {
            s.org.addUser("admin@corp.example", UserStatus.ACTIVE);
            LoginSource source = LoginSource.of(file);
            assertThat(source.validate().logins()).isEqualTo(7);

            BulkDeleteResult fromFile = s.deleter().build().deleteAll(source);
            BulkDeleteResult fromList = s.deleter().build().deleteAll(fromCode);

            assertThat(fromFile.outcomes()).hasSize(7).allSatisfy(o -> assertThat(o)
                    .isInstanceOfSatisfying(DeletionOutcome.Skipped.class, skipped -> assertThat(skipped.reason())
                            .isIn(SkipReason.INVALID_LOGIN, SkipReason.DUPLICATE)));
            assertThat(fromFile.outcomes().get(5).login()).hasSize(10_001);
            assertThat(((DeletionOutcome.Skipped) fromFile.outcomes().get(5)).detail())
                    .isEqualTo("longer than 512 characters (10001): not a login");
            assertThat(fromList.outcomes()).hasSize(8).allSatisfy(o -> assertThat(o)
                    .isInstanceOfSatisfying(DeletionOutcome.Skipped.class, skipped -> assertThat(skipped.reason())
                            .isIn(SkipReason.INVALID_LOGIN, SkipReason.DUPLICATE)));
            assertThat(fromList.outcomes().get(0).login()).as("a control character is not trimmed away")
                    .isEqualTo("\u000Badmin@corp.example");
            assertThat(((DeletionOutcome.Skipped) fromList.outcomes().get(3)).detail()).contains("lone surrogate");
            assertThat(s.org.requests()).extracting(RecordedRequest::rawPath).containsOnly("/api/v1/users/me");
            assertThat(s.org.status("admin@corp.example")).contains(UserStatus.ACTIVE);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // odd but possible logins reach Okta as exactly what they were

    static final List<String> ODD_LOGINS = List.of(
            "dept/jdoe@corp.example", "a/b/c@corp.example", "quote\"d/x@corp.example", "back\\slash/y@corp.example",
            "q?x=1@corp.example", "h#frag@corp.example", "100%@corp.example", "p%20@corp.example",
            "%2e%2e@corp.example", "with space@corp.example", "two  spaces@corp.example", "o'brien+test@corp.example",
            "a&b=c;d@corp.example", "comma,name@corp.example", "...@corp.example", "j\u00fcrgen@corp.example",
            // e + U+0301 only: its NFC form, U+00E9, is the same login under LoginScreen.key
            "e\u0301@corp.example", "\u7528\u6237@corp.example", "\uD83D\uDE00@corp.example",
            "\u05E9\u05DC\u05D5\u05DD@corp.example", "ZA\u0308HLER@corp.example");

    /** URL-like inputs that must find nobody, although a user {@code admin@corp.example} exists. */
    static final List<String> URL_LIKE = List.of("https://evil.example/api/v1/users/admin@corp.example",
            "../admin@corp.example", "//admin@corp.example", "admin@corp.example/..", "admin@corp.example?x=1",
            "admin@corp.example#me", "..%2fadmin@corp.example", "%2e%2e", "admin%40corp.example",
            "http://x?y#z");

    @Test
    void oddButPossibleLoginsReachOktaAsExactlyTheLoginTheyWereAndOnlyTheyAreDeleted() throws IOException {
        List<String> all = new ArrayList<>(ODD_LOGINS);
        all.addAll(URL_LIKE);
        all.add("admin"); // admin@corp.example's shortname
        StringBuilder csv = new StringBuilder("Login\n");
        all.forEach(l -> csv.append('"').append(l.replace("\"", "\"\"")).append("\"\n"));
        Path file = Files.write(dir.resolve("odd.csv"), utf8(csv.toString()));
        try (FaultScenario s = FaultScenario.start()) {
            Set<String> ids = new HashSet<>();
            ODD_LOGINS.forEach(l -> ids.add(s.org.addUser(l, UserStatus.ACTIVE).id()));
            FakeUser admin = s.org.addUser("admin@corp.example", UserStatus.ACTIVE);
            ids.add(admin.id());
            LoginSource source = LoginSource.of(file);
            assertThat(source.validate().logins()).isEqualTo(all.size());

            BulkDeleteResult result = s.deleter().build().deleteAll(source);

            assertThat(result.outcomes()).extracting(DeletionOutcome::login).containsExactlyElementsOf(all);
            assertThat(result.outcomes().subList(0, ODD_LOGINS.size())).allSatisfy(o -> assertThat(o)
                    .isInstanceOf(DeletionOutcome.Deleted.class));
            assertThat(result.outcomes().subList(ODD_LOGINS.size(), all.size() - 1)).allSatisfy(o -> assertThat(o)
                    .isInstanceOf(DeletionOutcome.NotFound.class));
            assertThat(result.outcomes().get(all.size() - 1)).isInstanceOfSatisfying(DeletionOutcome.Skipped.class,
                    skipped -> assertThat(skipped.reason()).isEqualTo(SkipReason.LOGIN_MISMATCH));
            assertThat(s.org.deletedLogins()).containsExactlyInAnyOrderElementsOf(ODD_LOGINS);
            assertThat(s.org.status("admin@corp.example")).contains(UserStatus.ACTIVE);

            List<String> lookedUp = new ArrayList<>();
            List<String> searched = new ArrayList<>();
            for (RecordedRequest request : s.org.requests()) {
                if (request.route() == Route.GET_USER) {
                    lookedUp.add(DeletionInvariants.idSegment(request.rawPath()));
                } else if (request.route() == Route.LIST_USERS) {
                    searched.add(filterOf(request.rawQuery()));
                } else {
                    assertThat(ids).as("deactivate and delete go by id").contains(
                            DeletionInvariants.idSegment(request.rawPath()));
                }
            }
            for (String login : all) {
                if (login.contains("/")) {
                    assertThat(searched).as("a login with / is searched for").contains("profile.login eq \""
                            + login.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
                    assertThat(lookedUp).doesNotContain(login);
                } else {
                    assertThat(lookedUp).as("looked up by path as exactly itself").contains(login);
                }
            }
            Set<String> allowed = new HashSet<>(all);
            allowed.addAll(ids);
            allowed.add("me");
            assertThat(allowed).as("nothing else reached Okta").containsAll(lookedUp);
            assertThat(searched).hasSize((int) all.stream().filter(l -> l.contains("/")).count());
        }
    }

    /** The {@code search} parameter of a raw query (Okta compares it case-insensitively), percent-decoded strictly ({@code +} stays a plus). */
    private static String filterOf(String rawQuery) {
        for (String pair : rawQuery.split("&")) {
            if (pair.startsWith("search=")) {
                return DeletionInvariants.decodePath(pair.substring("search=".length()));
            }
        }
        throw new AssertionError("no search in " + rawQuery);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

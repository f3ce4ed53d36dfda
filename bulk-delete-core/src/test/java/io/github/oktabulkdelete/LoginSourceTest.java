package io.github.oktabulkdelete;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LoginSourceTest {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @TempDir
    Path dir;

    @Test
    void readsThePasswordHealthReportWithBomCrlfAndQuotedNames() throws IOException {
        Path file = write("report.csv", BOM, String.join("\r\n",
                "User,Login,Status,Activation date,Authentication Source,Last Login,Last Password Change",
                "\"Smith, John \"\"JJ\"\"\",jsmith@corp.example,ACTIVE,2024-01-02,OKTA,2025-01-01,2024-06-01",
                "Ann Doe,adoe@corp.example,SUSPENDED,2024-01-03,OKTA,,",
                "\"O'Brien, Pat\",  pobrien@corp.example  ,DEPROVISIONED,2024-01-04,ACTIVE_DIRECTORY,,",
                ""));
        LoginSource source = LoginSource.of(file);

        LoginSource.Summary summary = source.validate();

        assertThat(summary.format()).isEqualTo(LoginSource.Format.PASSWORD_HEALTH_REPORT);
        assertThat(summary.column()).contains("Login");
        assertThat(summary.logins()).isEqualTo(3);
        assertThat(summary.source()).isEqualTo(file.toString());
        assertThat(read(source)).containsExactly("jsmith@corp.example", "adoe@corp.example", "pobrien@corp.example");
    }

    @Test
    void readsTheSameLoginsEveryTimeItIsIterated() throws IOException {
        Path file = write("list.txt", "a@corp.example\nb@corp.example\n");
        LoginSource source = LoginSource.of(file);

        assertThat(read(source)).containsExactly("a@corp.example", "b@corp.example");
        assertThat(read(source)).containsExactly("a@corp.example", "b@corp.example");
        assertThat(source.validate().logins()).isEqualTo(2);
    }

    static Stream<Arguments> loginColumns() {
        return Stream.of(
                Arguments.of("login,firstName,lastName", "login"),
                Arguments.of("firstName,Login,lastName", "Login"),
                Arguments.of("id,USERNAME", "USERNAME"),
                Arguments.of("Name,E-mail", "E-mail"),
                Arguments.of("name,\"User Name\"", "User Name"),
                Arguments.of("Email,Name,Login", "Login")); // login wins over email
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("loginColumns")
    void recognisesTheLoginColumnOfAnyCsvCaseInsensitively(String header, String column) throws IOException {
        String[] names = header.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            String name = names[i].replace("\"", "");
            row.append(i == 0 ? "" : ",").append(name.equals(column) ? "x@corp.example" : "v" + i);
        }
        Path file = write("users.csv", header + "\n" + row + "\n");

        LoginSource.Summary summary = LoginSource.of(file).validate();

        assertThat(summary.format()).isEqualTo(LoginSource.Format.CSV);
        assertThat(summary.column()).contains(column);
        assertThat(read(LoginSource.of(file))).containsExactly("x@corp.example");
    }

    @Test
    void readsTheColumnItIsToldToRead() throws IOException {
        Path file = write("users.csv", "Login,Primary Email\nshort,a@corp.example\nother,b@corp.example\n");

        LoginSource source = LoginSource.of(file).column("primary email");

        assertThat(source.validate().column()).contains("Primary Email");
        assertThat(read(source)).containsExactly("a@corp.example", "b@corp.example");
    }

    @Test
    void readsAPlainListWithCommentsBlankLinesAndCrlf() throws IOException {
        Path file = write("list.txt", "# leavers, March\r\n\r\na@corp.example\r\n   \r\n  b@corp.example\r\n"
                + "# done\r\nc@corp.example");

        LoginSource.Summary summary = LoginSource.of(file).validate();

        assertThat(summary.format()).isEqualTo(LoginSource.Format.PLAIN_LIST);
        assertThat(summary.column()).isEmpty();
        assertThat(read(LoginSource.of(file))).containsExactly("a@corp.example", "b@corp.example", "c@corp.example");
    }

    @Test
    void skipsTheOneWordHeaderOfAPlainList() throws IOException {
        Path file = write("list.csv", BOM, "Username\n\"a@corp.example\"\nb@corp.example\n");

        LoginSource.Summary summary = LoginSource.of(file).validate();

        assertThat(summary.format()).isEqualTo(LoginSource.Format.PLAIN_LIST);
        assertThat(summary.column()).contains("Username");
        assertThat(read(LoginSource.of(file))).containsExactly("a@corp.example", "b@corp.example");
    }

    @Test
    void readsAHeaderSeparatedBySemicolonsAsExcelWritesItInManyLocales() throws IOException {
        Path file = write("report.csv", BOM, "User;Login;Status\r\n\"Doe; Ann\";adoe@corp.example;ACTIVE\r\n");

        LoginSource.Summary summary = LoginSource.of(file).validate();

        assertThat(summary.format()).isEqualTo(LoginSource.Format.PASSWORD_HEALTH_REPORT);
        assertThat(read(LoginSource.of(file))).containsExactly("adoe@corp.example");
    }

    @Test
    void skipsRowsOfEmptyCellsThatSpreadsheetsLeaveBehind() throws IOException {
        Path file = write("users.csv", "login,name\na@corp.example,A\n,\n , \nb@corp.example,B\n,,\n");

        assertThat(read(LoginSource.of(file))).containsExactly("a@corp.example", "b@corp.example");
    }

    @Test
    void anEmptyFileHoldsNoLogins() throws IOException {
        Path file = write("empty.csv", "");

        assertThat(LoginSource.of(file).validate().logins()).isZero();
        assertThat(read(LoginSource.of(file))).isEmpty();
    }

    @Test
    void aRowWithoutALoginNamesTheFileTheLineAndWhatToDo() throws IOException {
        Path file = write("users.csv", "User,Login,Status\n# a comment\n\nA,a@corp.example,ACTIVE\n"
                + "\"Multi\nline\",b@corp.example,ACTIVE\nNo Login,,ACTIVE\n");

        assertThatThrownBy(() -> LoginSource.of(file).validate())
                .isInstanceOfSatisfying(InvalidLoginFileException.class, e -> {
                    assertThat(e.source()).isEqualTo(file.toString());
                    assertThat(e.line()).isEqualTo(7);
                    assertThat(e.problem()).isEqualTo("the row has no value in column 'Login'");
                })
                .hasMessage(file + ", line 7: the row has no value in column 'Login'. Fill in the login or delete "
                        + "the row, then run again.");
    }

    @Test
    void aShortRowWithoutTheLoginColumnIsARowWithoutALogin() throws IOException {
        Path file = write("users.csv", "User,Status,Login\nA,ACTIVE\n");

        assertThatThrownBy(() -> LoginSource.of(file).validate())
                .isInstanceOfSatisfying(InvalidLoginFileException.class, e -> assertThat(e.line()).isEqualTo(2))
                .hasMessageContaining("no value in column 'Login'");
    }

    @Test
    void aCsvWithoutARecognisableLoginColumnListsItsColumnsAndSaysHowToNameOne() throws IOException {
        Path file = write("users.csv", "Name,Department\nAnn,Sales\n");

        assertThatThrownBy(() -> LoginSource.of(file).validate())
                .isInstanceOfSatisfying(InvalidLoginFileException.class, e -> assertThat(e.line()).isEqualTo(1))
                .hasMessageStartingWith(file + ", line 1: no column of the first line holds logins (its columns are "
                        + "'Name', 'Department')")
                .hasMessageContaining("--column");
    }

    @Test
    void aColumnThatIsNotThereIsAnError() throws IOException {
        Path file = write("users.csv", "User,Login\nA,a@corp.example\n");

        assertThatThrownBy(() -> LoginSource.of(file).column("mail").validate())
                .isInstanceOf(InvalidLoginFileException.class)
                .hasMessageContaining("there is no column named 'mail'")
                .hasMessageContaining("'User', 'Login'");
    }

    @Test
    void twoLoginColumnsAreAmbiguous() throws IOException {
        Path file = write("users.csv", "login,name,Login\na,b,c\n");

        assertThatThrownBy(() -> LoginSource.of(file).validate())
                .isInstanceOf(InvalidLoginFileException.class)
                .hasMessageContaining("ambiguous");
    }

    @Test
    void aPlainListLineWithSeveralValuesIsAnError() throws IOException {
        Path file = write("list.txt", "a@corp.example\nb@corp.example, c@corp.example\n");

        assertThatThrownBy(() -> LoginSource.of(file).validate())
                .isInstanceOfSatisfying(InvalidLoginFileException.class, e -> assertThat(e.line()).isEqualTo(2))
                .hasMessageContaining("holds 2 values separated by ','");
    }

    @Test
    void aFileThatIsNotUtf8NamesTheLineAndHowToConvertIt() throws IOException {
        byte[] latin1 = "login\nrene@corp.example\nren\u00e9@corp.example\n".getBytes(StandardCharsets.ISO_8859_1);
        Path file = dir.resolve("latin1.csv");
        Files.write(file, latin1);

        assertThatThrownBy(() -> LoginSource.of(file).validate())
                .isInstanceOfSatisfying(InvalidLoginFileException.class, e -> assertThat(e.line()).isEqualTo(3))
                .hasMessageContaining("the file is not UTF-8: byte 0xE9 at byte offset 27")
                .hasMessageContaining("CSV UTF-8")
                .hasMessageContaining("iconv");
    }

    @Test
    void notUtf8FarIntoALargeFileStillNamesTheRightLine() throws IOException {
        StringBuilder text = new StringBuilder("login\n");
        for (int i = 0; i < 5000; i++) {
            text.append("user").append(i).append("@corp.example\r\n");
        }
        byte[] head = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] bad = {'x', (byte) 0xC3, '(', '\n'};
        byte[] all = new byte[head.length + bad.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(bad, 0, all, head.length, bad.length);
        Path file = dir.resolve("big.csv");
        Files.write(file, all);

        assertThatThrownBy(() -> LoginSource.of(file).validate())
                .isInstanceOfSatisfying(InvalidLoginFileException.class, e -> assertThat(e.line()).isEqualTo(5002))
                .hasMessageContaining("byte 0xC3");
    }

    @Test
    void aUtf16FileIsRefusedAtOnce() throws IOException {
        Path file = dir.resolve("utf16.csv");
        Files.write(file, "login\na@corp.example\n".getBytes(StandardCharsets.UTF_16)); // with a BOM

        assertThatThrownBy(() -> LoginSource.of(file).validate())
                .isInstanceOfSatisfying(InvalidLoginFileException.class, e -> assertThat(e.line()).isEqualTo(1))
                .hasMessageContaining("the file is not UTF-8: the file is UTF-16");
    }

    @Test
    void anUnclosedQuoteNamesTheLineWhereItOpens() throws IOException {
        Path file = write("users.csv", "login\na@corp.example\n\"b@corp.example\nc@corp.example\n");

        assertThatThrownBy(() -> LoginSource.of(file).validate())
                .isInstanceOfSatisfying(InvalidLoginFileException.class, e -> assertThat(e.line()).isEqualTo(3))
                .hasMessageContaining("a quoted value is not closed");
    }

    @Test
    void aMissingFileIsAClearError() {
        Path missing = dir.resolve("nope.csv");

        assertThatThrownBy(() -> LoginSource.of(missing).validate())
                .isInstanceOf(InvalidLoginFileException.class)
                .hasMessage(missing + ": no such file. Check the path, then run again.");
    }

    @Test
    void theIteratorOpensTheFileOnlyWhenReadAndThrowsForABadRow() throws IOException {
        Path missing = dir.resolve("later.csv");
        Iterator<String> iterator = LoginSource.of(missing).iterator(); // nothing read yet: no exception

        assertThatThrownBy(iterator::hasNext).isInstanceOf(InvalidLoginFileException.class);

        Path file = write("users.csv", "login,name\na@corp.example,A\n,B\n");
        Iterator<String> rows = LoginSource.of(file).iterator();
        assertThat(rows.next()).isEqualTo("a@corp.example");
        assertThatThrownBy(rows::hasNext).isInstanceOf(InvalidLoginFileException.class)
                .hasMessageContaining("line 3");
        assertThat(rows.hasNext()).isFalse(); // closed after the failure
    }

    @Test
    void messagesUseTheNameGivenToTheSource() throws IOException {
        Path file = write("stdin-copy.csv", "login,name\n,B\n");

        assertThatThrownBy(() -> LoginSource.of(file).named("standard input").validate())
                .hasMessageStartingWith("standard input, line 2: ");
    }

    @Test
    void misuseFailsFast() {
        assertThatThrownBy(() -> LoginSource.of(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("file");
        LoginSource source = LoginSource.of(dir.resolve("x"));
        assertThatThrownBy(() -> source.column(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column");
        assertThatThrownBy(() -> source.named("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name");
    }

    private Path write(String name, String text) throws IOException {
        return write(name, new byte[0], text);
    }

    private Path write(String name, byte[] prefix, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, all, 0, prefix.length);
        System.arraycopy(body, 0, all, prefix.length, body.length);
        Path file = dir.resolve(name);
        Files.write(file, all);
        return file;
    }

    private static List<String> read(LoginSource source) {
        List<String> logins = new ArrayList<>();
        source.forEach(logins::add);
        return logins;
    }
}

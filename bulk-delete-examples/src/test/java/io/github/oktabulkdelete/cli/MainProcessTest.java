package io.github.oktabulkdelete.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.okta.sdk.resource.model.UserStatus;
import io.github.oktabulkdelete.testing.FakeOktaOrg;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Main} in a process of its own, as a user runs it: the token in the real environment, the jar's logging
 * configuration, exit statuses from {@code System.exit}. Logging is turned up to DEBUG to show that the token never
 * reaches a log, even then.
 */
class MainProcessTest {

    private static final String TOKEN = "00proc-secret-token-7f3a9c";

    @TempDir
    Path dir;

    private FakeOktaOrg org;

    @BeforeEach
    void startOrg() {
        org = FakeOktaOrg.builder().apiToken(TOKEN).start();
        org.addUser("a@corp.example", UserStatus.ACTIVE);
    }

    @AfterEach
    void stopOrg() {
        org.close();
    }

    private record Result(int status, String out, String err) {
    }

    private Result main(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile()) // where a journal goes without --journal and --report
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().put("OKTA_CLIENT_TOKEN", TOKEN);
        Process process = builder.start();
        process.getOutputStream().close(); // standard input: empty, not a terminal
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    @Test
    void deletesWithTheTokenFromTheEnvironmentAndNeverLogsItEvenAtDebug() throws Exception {
        org.addUser("b@corp.example", UserStatus.ACTIVE);
        Path report = dir.resolve("report.jsonl");
        Path dryReport = dir.resolve("dry-run.csv");
        Path journal = dir.resolve("run.journal.jsonl");
        Path dryJournal = dir.resolve("dry-run.journal.jsonl");

        Result dryRun = main(List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=debug"),
                "--org-url", org.orgUrl(), "--allow-insecure-http", "--requests-per-minute", "100000",
                "--login", "a@corp.example", "--login", "b@corp.example", "--report", dryReport.toString(),
                "--journal", dryJournal.toString());
        Result result = main(List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=debug"),
                "--org-url", org.orgUrl(), "--allow-insecure-http", "--requests-per-minute", "100000",
                "--login", "a@corp.example", "--execute", "--yes", "--report", report.toString(),
                "--journal", journal.toString());
        Result resumed = main(List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=debug"),
                "--org-url", org.orgUrl(), "--allow-insecure-http", "--requests-per-minute", "100000",
                "--login", "a@corp.example", "--login", "b@corp.example", "--execute", "--yes", "--report",
                report.toString(), "--journal", journal.toString(), "--resume");

        assertThat(dryRun.status()).as(dryRun.err()).isEqualTo(ExitStatus.OK);
        assertThat(result.status()).as(result.err()).isEqualTo(ExitStatus.OK);
        assertThat(resumed.status()).as(resumed.err()).isEqualTo(ExitStatus.OK);
        assertThat(org.deletedLogins()).containsExactly("a@corp.example", "b@corp.example");
        assertThat(result.err()).contains("DEBUG"); // logging really was at DEBUG
        assertThat(result.out()).contains("Summary: 1 user deleted");
        assertThat(Files.readAllLines(report)).hasSize(2);
        String everything = dryRun.out() + dryRun.err() + result.out() + result.err() + resumed.out() + resumed.err()
                + Files.readString(report) + Files.readString(dryReport) + Files.readString(journal)
                + Files.readString(dryJournal);
        assertThat(everything).contains("\"type\":\"outcome\"").doesNotContain(TOKEN);
    }

    @Test
    void executeWithoutYesAndWithoutATerminalExitsWithTwo() throws Exception {
        Result result = main(List.of(), "--org-url", org.orgUrl(), "--allow-insecure-http",
                "--login", "a@corp.example", "--execute");

        assertThat(result.status()).isEqualTo(ExitStatus.USAGE);
        assertThat(result.err()).contains("--execute needs --yes");
        assertThat(org.requestCount()).isZero();
    }
}

package io.github.oktabulkdelete.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pace options as parsed from a command line: defaults, what they say, the pool, and their validation. */
class PaceOptionsTest {

    private static PaceOptions parse(String args) {
        BulkDeleteCommand command = new BulkDeleteCommand(Map.of(), new ByteArrayInputStream(new byte[0]),
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), FakeTerminal.none());
        command.commandLine().parseArgs(args.isBlank() ? new String[0] : args.split(" "));
        return command.pace;
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "                                       | adaptive, by the rate limits in the org's X-Rate-Limit headers,"
                + " at most 50 at a time (the default)                                 | 50 | pace=adaptive,"
                + " concurrency=50",
        "--adaptive                             | adaptive, by the rate limits in the org's X-Rate-Limit headers,"
                + " at most 50 at a time (the default)                                 | 50 | pace=adaptive,"
                + " concurrency=50",
        "--requests-per-minute 600              | adaptive, by the rate limits in the org's X-Rate-Limit headers,"
                + " at most 600 requests a minute, at most 50 at a time (the default)  | 50 | pace=adaptive,"
                + " requestsPerMinute=600, concurrency=50",
        "--max-share 0.8 --concurrency 10       | adaptive, by the rate limits in the org's X-Rate-Limit headers,"
                + " up to 80% of each bucket, at most 10 at a time                      | 50 | pace=adaptive,"
                + " maxShare=0.8, concurrency=10",
        "--concurrency 70                       | adaptive, by the rate limits in the org's X-Rate-Limit headers,"
                + " at most 70 at a time                                                | 70 | pace=adaptive,"
                + " concurrency=70",
        "--fixed-rate                           | fixed, 240 requests a minute evenly spaced, at most 50 at a time"
                + " (the default)                                                        | 50 | pace=fixed,"
                + " requestsPerMinute=240, concurrency=50",
        "--fixed-rate --requests-per-minute 100 --concurrency 4 | fixed, 100 requests a minute evenly spaced,"
                + " at most 4 at a time                                                 | 50 | pace=fixed,"
                + " requestsPerMinute=100, concurrency=4",
    })
    void describesThePaceItSetsAndSizesThePoolForIt(String args, String described, int pool, String recorded) {
        PaceOptions pace = parse(args == null ? "" : args);

        pace.validate();

        assertThat(pace.describe()).isEqualTo(described);
        assertThat(pace.poolSize()).isEqualTo(pool);
        Map<String, String> options = new LinkedHashMap<>();
        pace.describeIn(options);
        assertThat(options.toString()).isEqualTo("{" + recorded + "}");
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "--concurrency 0                        | --concurrency must be from 1 to 75 (Okta's limit per org), was 0",
        "--concurrency 76                       | --concurrency must be from 1 to 75 (Okta's limit per org), was 76",
        "--requests-per-minute 0                | --requests-per-minute must be from 1 to 1000000, was 0",
        "--fixed-rate --max-share 0.5           | --max-share applies to the adaptive pace only (the default)",
        "--fixed-rate --adaptive                | --fixed-rate and --adaptive contradict each other",
        "--max-share 1.5                        | --max-share must be more than 0 and at most 1",
        "--max-share 0                          | --max-share must be more than 0 and at most 1",
    })
    void refusesWhatCannotBeMeantNamingTheOption(String args, String message) {
        PaceOptions pace = parse(args);

        assertThatThrownBy(pace::validate).isInstanceOf(ExitException.class).hasMessageContaining(message);
    }
}

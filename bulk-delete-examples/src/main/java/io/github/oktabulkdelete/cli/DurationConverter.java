package io.github.oktabulkdelete.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Reads a duration option as an admin writes it: {@code 90m}, {@code 2h}, {@code 1h30m}, {@code 45s},
 * {@code 500ms}, {@code 1d}, or ISO-8601 ({@code PT2H}, {@code PT1H30M}, in any case). A bare {@code 0} is zero.
 *
 * <p>Stateless and thread-safe.
 *
 * <pre>{@code
 * Duration twoHours = DurationConverter.parse("2h");       // PT2H
 * Duration same = DurationConverter.parse("PT2H");          // PT2H
 * }</pre>
 */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|d|h|m|s)");
    private static final Pattern SHORT = Pattern.compile("(?:\\d{1,9}(?:ms|d|h|m|s))+");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    /**
     * Parses a duration.
     *
     * @param value such as {@code 90m}, {@code 1h30m} or {@code PT2H}
     * @return the duration, zero or positive
     * @throws CommandLine.TypeConversionException if it is neither form, with a message that shows both
     */
    static Duration parse(String value) {
        String text = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        if (SHORT.matcher(text).matches()) {
            Duration total = Duration.ZERO;
            Matcher part = PART.matcher(text);
            while (part.find()) {
                long n = Long.parseLong(part.group(1));
                total = total.plus(switch (part.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                });
            }
            return total;
        }
        if (text.startsWith("p")) {
            try {
                Duration duration = Duration.parse(text.toUpperCase(Locale.ROOT));
                if (!duration.isNegative()) {
                    return duration;
                }
            } catch (DateTimeParseException e) {
                // the message below says what is accepted
            }
        }
        throw new CommandLine.TypeConversionException("'" + value + "' is not a duration: write it as 90m, 2h, 1h30m,"
                + " 45s or 500ms, or as ISO-8601 such as PT2H");
    }

    /**
     * A duration as an admin reads it.
     *
     * @param duration the duration
     * @return for example {@code 2h}, {@code 1h30m}, {@code 45s}, {@code 500ms}
     */
    static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder s = new StringBuilder();
        long hours = duration.toHours();
        int minutes = duration.toMinutesPart();
        int seconds = duration.toSecondsPart();
        int millis = duration.toMillisPart();
        if (hours > 0) {
            s.append(hours).append('h');
        }
        if (minutes > 0) {
            s.append(minutes).append('m');
        }
        if (seconds > 0) {
            s.append(seconds).append('s');
        }
        if (millis > 0) {
            s.append(millis).append("ms");
        }
        return s.toString();
    }
}

package io.github.oktabulkdelete;

import io.github.oktabulkdelete.internal.Urls;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The record that starts each run's section of a {@link DeletionJournal}: when the run started, against which org,
 * with which options, by which version of the tool.
 *
 * <p>It never holds a credential: the org URL loses any user info ({@code user:password@}), query and fragment, and
 * the value of an option whose name says it is a secret ({@code token}, {@code apiToken}, {@code privateKey},
 * {@code password}, {@code secret}, {@code clientSecret}, {@code accessToken}, in any case and with any
 * {@code -}/{@code _}/{@code .}) is written as {@code ****}. Nothing is refused. Immutable and thread-safe;
 * {@link #options()} is unmodifiable and keeps the order it was given in.
 *
 * <pre>{@code
 * JournalHeader header = JournalHeader.of(client.getBasePath(),
 *         Map.of("dryRun", "false", "requestsPerMinute", "240"), "0.1.0");
 * try (DeletionJournal journal = DeletionJournal.open(Path.of("run.journal.jsonl"), header)) {
 *     deleter.deleteAll(logins, journal);
 * }
 * }</pre>
 *
 * @param startedAt when the run started
 * @param orgUrl the org's URL without credentials, or {@code null} when not known
 * @param options the run's settings, by name, as text
 * @param toolVersion the version of the tool or application that wrote the journal, or {@code null}
 */
public record JournalHeader(Instant startedAt, String orgUrl, Map<String, String> options, String toolVersion) {

    /** Option names (lower case, without {@code -}, {@code _}, {@code .} or spaces) whose values are never kept. */
    private static final Set<String> SECRET_OPTIONS = Set.of("token", "apitoken", "ssws", "privatekey", "password",
            "secret", "clientsecret", "accesstoken");
    private static final String MASK = "****";

    /**
     * Checks and cleans the components: the org URL loses its credentials, secret options their values.
     *
     * @param startedAt as {@link #startedAt()}
     * @param orgUrl the org's URL; user info, query and fragment are dropped
     * @param options as {@link #options()}; the values of secret options are replaced by {@code ****}
     * @param toolVersion as {@link #toolVersion()}
     * @throws NullPointerException if {@code startedAt} or {@code options}, or a name or value in it, is {@code null}
     */
    public JournalHeader {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(options, "options");
        orgUrl = Urls.withoutCredentials(orgUrl);
        Map<String, String> copy = new LinkedHashMap<>();
        options.forEach((name, value) -> {
            Objects.requireNonNull(name, "options name");
            Objects.requireNonNull(value, "options value of " + name);
            copy.put(name, isSecret(name) ? MASK : value);
        });
        options = Collections.unmodifiableMap(copy);
    }

    /**
     * A header for a run starting now.
     *
     * @param orgUrl the org's URL (credentials in it are dropped), or {@code null}
     * @param options the run's settings, by name, as text
     * @param toolVersion the version of the tool that writes the journal, or {@code null}
     * @return the header, started at the system clock's now
     * @throws NullPointerException if {@code options}, or a name or value in it, is {@code null}
     */
    public static JournalHeader of(String orgUrl, Map<String, String> options, String toolVersion) {
        return new JournalHeader(Instant.now(), orgUrl, options, toolVersion);
    }

    private static boolean isSecret(String name) {
        return SECRET_OPTIONS.contains(name.replaceAll("[\\s_.\\-]", "").toLowerCase(Locale.ROOT));
    }
}

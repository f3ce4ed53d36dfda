package io.github.oktabulkdelete;

import io.github.oktabulkdelete.internal.LoginFileParser;
import io.github.oktabulkdelete.internal.LoginScreen;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;

/**
 * The logins of a file, read lazily: the Okta Password Health Report, any CSV with a login column, or a plain list
 * with one login per line. Hand it to {@link BulkUserDeleter#deleteAll(Iterable)} after {@link #validate()}.
 *
 * <p><b>What it reads.</b> The file must be UTF-8 (a byte order mark is dropped; anything else that is not UTF-8 is
 * an error that names the line). Lines end with LF or CR LF; values may be quoted, with commas, line breaks and
 * doubled quotes ({@code ""}) inside; spaces around values are dropped. Lines that start with {@code #} and blank
 * lines (and rows of empty cells only) are skipped. The first line that is not skipped decides the layout:
 * <ul>
 *   <li>several values: a header row. The login column is the one named by {@link #column(String)}, else the
 *       first of {@code login}, {@code username}, {@code email} that it holds (compared case-insensitively, and
 *       ignoring spaces, {@code _}, {@code -} and {@code .}: {@code Login}, {@code User Name}, {@code E-mail} all
 *       match). The Okta Password Health Report (User, Login, Status, Activation date, Authentication Source, Last
 *       Login, Last Password Change) reads from its {@code Login} column. A header separated by {@code ;} or tabs
 *       (as Excel writes CSV in many locales) is recognised too.
 *   <li>one value: a plain list, one login per line. If that first value is {@code login}, {@code username} or
 *       {@code email} (or the {@link #column(String) named column}), it is a header and skipped.
 * </ul>
 * A row of a CSV with no value in the login column, a line of a plain list with several values, a header without a
 * recognisable login column, an unclosed quote, a file that is not UTF-8 or cannot be read: each is an
 * {@link InvalidLoginFileException} whose message names the file and the line and says what to do.
 *
 * <p><b>Read it twice.</b> {@link #validate()} reads the whole file once, checks every row and counts the logins,
 * without holding them in memory; iterating reads the file again, from the start, each time, checking every row
 * again. So validate first, and nothing is deleted from a file with an error in it. Standard input and other streams
 * cannot be read twice: copy them to a temporary file first (the command-line tool does this for {@code -}). If the
 * file changes between the reads, the second read is what counts.
 *
 * <p><b>Thread safety.</b> Instances are immutable and thread-safe; each iterator is for one thread. An iterator
 * opens the file on its first {@code hasNext()} and closes it when it reaches the end or fails; one abandoned
 * half-way keeps the file open until it is garbage-collected. Its {@code hasNext()} and {@code next()} throw
 * {@link InvalidLoginFileException} for a bad row, and {@link java.io.UncheckedIOException} if reading fails.
 *
 * <pre>{@code
 * LoginSource logins = LoginSource.of(Path.of("okta-password-health.csv"));
 * LoginSource.Summary summary = logins.validate();   // throws InvalidLoginFileException, naming file and line
 * System.out.println(summary.logins() + " logins in column " + summary.column().orElse("(none)"));
 * BulkDeleteResult result = deleter.deleteAll(logins);  // reads the file a second time
 * }</pre>
 */
public final class LoginSource implements Iterable<String> {

    /**
     * The layout of a file of logins, as {@link LoginSource} recognised it.
     *
     * <p>Immutable and thread-safe.
     *
     * <pre>{@code
     * if (summary.format() == LoginSource.Format.PASSWORD_HEALTH_REPORT) { ... }
     * }</pre>
     */
    public enum Format {
        /** The Okta Password Health Report: a header with at least User, Login and Status; logins from Login. */
        PASSWORD_HEALTH_REPORT,
        /** Any other CSV with a header row; logins from the login column. */
        CSV,
        /** One login per line, with or without a one-word header. */
        PLAIN_LIST
    }

    /**
     * What {@link LoginSource#validate()} found: the layout, the login column and how many logins the file holds.
     *
     * <p>Immutable and thread-safe.
     *
     * <pre>{@code
     * LoginSource.Summary summary = source.validate();
     * progress.total(summary.logins());
     * }</pre>
     *
     * @param source the name of the file in messages
     * @param format the layout recognised
     * @param columnName the header of the login column, or {@code null} for a plain list without a header
     * @param logins the number of logins, duplicates included
     */
    public record Summary(String source, Format format, String columnName, long logins) {

        /**
         * Checks the components.
         *
         * @throws NullPointerException if {@code source} or {@code format} is {@code null}
         * @throws IllegalArgumentException if {@code logins} is negative
         */
        public Summary {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(format, "format");
            if (logins < 0) {
                throw new IllegalArgumentException("logins must not be negative, was " + logins);
            }
        }

        /**
         * The header of the login column.
         *
         * @return the header as the file spells it, or empty for a plain list without a header
         */
        public Optional<String> column() {
            return Optional.ofNullable(columnName);
        }
    }

    private final Path file;
    private final String column;
    private final String name;

    private LoginSource(Path file, String column, String name) {
        this.file = file;
        this.column = column;
        this.name = name;
    }

    /**
     * Whether two logins (or user ids) name the same one, as a batch compares them everywhere (the exact-login check,
     * duplicates, protected logins, the journal): white space around them dropped, Unicode NFC, lower case with
     * {@code Locale.ROOT}, then {@code equals} (never {@link String#equalsIgnoreCase}, which equates {@code U+017F}
     * with {@code s}). Thread-safe.
     *
     * <pre>{@code
     * LoginSource.sameLogin(" JSmith@Corp.com", "jsmith@corp.com");   // true
     * }</pre>
     *
     * @param a a login, may be {@code null}
     * @param b another, may be {@code null}
     * @return whether they are the same login; {@code null} matches nothing
     */
    public static boolean sameLogin(String a, String b) {
        return LoginScreen.sameLogin(a, b);
    }

    /**
     * The logins of a file, in any of the layouts above; nothing is read yet.
     *
     * @param file the file
     * @return a source that recognises the login column by its header; messages name the file by its path
     * @throws NullPointerException if {@code file} is {@code null}
     */
    public static LoginSource of(Path file) {
        Objects.requireNonNull(file, "file");
        return new LoginSource(file, null, file.toString());
    }

    /**
     * A source like this one that reads the logins from the column with this header (compared case-insensitively),
     * instead of recognising it.
     *
     * @param column the header of the login column, such as {@code Primary email}
     * @return a new source
     * @throws NullPointerException if {@code column} is {@code null}
     * @throws IllegalArgumentException if {@code column} is blank
     */
    public LoginSource column(String column) {
        Objects.requireNonNull(column, "column");
        if (column.isBlank()) {
            throw new IllegalArgumentException("column must not be blank");
        }
        return new LoginSource(file, column.strip(), name);
    }

    /**
     * A source like this one whose messages call the file by this name, for example {@code standard input} for a
     * temporary copy of it.
     *
     * @param name the name to use in messages
     * @return a new source
     * @throws NullPointerException if {@code name} is {@code null}
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public LoginSource named(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        return new LoginSource(file, column, name);
    }

    /**
     * The file this source reads.
     *
     * @return the path
     */
    public Path file() {
        return file;
    }

    /**
     * The name of the file in messages.
     *
     * @return the path as given, or the name set with {@link #named(String)}
     */
    public String name() {
        return name;
    }

    /**
     * Reads the whole file once and checks every row, without holding the logins in memory.
     *
     * @return the layout, the login column and the number of logins
     * @throws InvalidLoginFileException if the file cannot be read as a file of logins; the message names the file,
     *     the line and what to do
     * @throws java.io.UncheckedIOException if reading fails for another reason
     */
    public Summary validate() {
        return new LoginFileParser(file, name, column).readToEnd();
    }

    /**
     * Reads the file again, from the start, lazily, checking every row.
     *
     * @return an iterator over the logins, trimmed, in file order; it throws {@link InvalidLoginFileException} for a
     *     bad row
     */
    @Override
    public Iterator<String> iterator() {
        return new LoginFileParser(file, name, column);
    }

    @Override
    public String toString() {
        return "LoginSource{" + name + (column == null ? "" : ", column=" + column) + '}';
    }
}

package io.github.oktabulkdelete.internal;

import io.github.oktabulkdelete.InvalidLoginFileException;
import io.github.oktabulkdelete.LoginSource;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the logins of one file, checking every row: the one implementation behind both
 * {@link LoginSource#validate()} (which reads to the end) and {@link LoginSource#iterator()}. Opens the file on the
 * first {@link #hasNext()}, so that a failure to open it surfaces where the input is read, and closes it at the end
 * or at the first failure. Not thread-safe.
 */
public final class LoginFileParser implements Iterator<String>, Closeable {

    /** Header names recognised as the login column, by priority, once normalised by {@link #normalise}. */
    private static final List<String> LOGIN_HEADERS = List.of("login", "username", "email");
    /** What a header name may hold that does not count: ASCII white space, {@code _}, {@code .}, {@code -}. */
    private static final String HEADER_NOISE = " \t\n\u000B\f\r_.-";
    private static final Pattern START_LINE = Pattern.compile("\\(startline (\\d+)\\)");
    /**
     * Longer values are not logins (the screen refuses logins over 512 characters; this only keeps a file that is not
     * a list of logins, such as 10 MB on one line, out of outcomes, reports and journals).
     */
    static final int MAX_VALUE_LENGTH = 65_536;
    /** How much of a value from the file an error message quotes. */
    private static final int QUOTED_LENGTH = 80;
    /** How many columns of a header an error message lists. */
    private static final int LISTED_COLUMNS = 20;
    private static final String NOT_UTF8_REMEDY = "Save the file as UTF-8 (in Excel: Save As > 'CSV UTF-8'), or "
            + "convert it, e.g. 'iconv -f WINDOWS-1252 -t UTF-8 in.csv > out.csv', then run again.";

    private final Path file;
    private final String source;
    private final String column;

    private CSVParser parser;
    private char delimiter = ',';
    private Iterator<CSVRecord> records;
    private LoginSource.Format format;
    private String columnName;
    private int columnIndex;
    private long logins;
    private String next;
    private boolean done;

    /**
     * @param file the file
     * @param source the name of the file in messages
     * @param column the login column the caller named, or {@code null} to recognise it
     */
    public LoginFileParser(Path file, String source, String column) {
        this.file = file;
        this.source = source;
        this.column = column;
    }

    /** Reads the whole file and describes it. */
    public LoginSource.Summary readToEnd() {
        try {
            while (hasNext()) {
                next();
            }
            return new LoginSource.Summary(source, format, columnName, logins);
        } finally {
            close();
        }
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (done) {
            return false;
        }
        try {
            if (parser == null) {
                open(',');
            }
            next = readLogin();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        if (next == null) {
            close();
            return false;
        }
        return true;
    }

    @Override
    public String next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        String login = next;
        next = null;
        logins++;
        return login;
    }

    @Override
    public void close() {
        done = true;
        if (parser != null) {
            try {
                parser.close();
            } catch (IOException ignored) {
                // read-only: nothing is lost
            }
        }
    }

    private void open(char delimiter) {
        this.delimiter = delimiter;
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw invalid(0, "no such file", "Check the path, then run again.", null);
        } catch (AccessDeniedException e) {
            throw invalid(0, "the file cannot be read (permission denied)", "Make it readable, then run again.",
                    null);
        } catch (IOException e) {
            if (Files.isDirectory(file)) {
                throw invalid(0, "this is a directory, not a file", "Name the file of logins, then run again.",
                        null);
            }
            throw new UncheckedIOException("cannot open " + source + ": " + e.getMessage(), e);
        }
        CSVFormat csv = CSVFormat.DEFAULT.builder()
                .setDelimiter(delimiter)
                .setCommentMarker('#')
                .setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true)
                .setTrim(true)
                .get();
        try {
            parser = CSVParser.builder().setReader(new StrictUtf8Reader(in)).setFormat(csv).get();
        } catch (IOException e) {
            closeQuietly(in);
            throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
        }
        records = parser.iterator();
        recogniseLayout();
    }

    /** Reads the first row and decides: a header naming the login column, or a plain list with or without one. */
    private void recogniseLayout() {
        CSVRecord first = nextRecord();
        if (first == null) {
            format = LoginSource.Format.PLAIN_LIST;
            columnName = column;
            return;
        }
        long line = lineOf(first);
        List<String> fields = first.toList();
        if (fields.size() == 1) {
            String only = fields.get(0);
            for (char other : new char[] {';', '\t'}) {
                if (only.indexOf(other) >= 0 && delimiter == ',') {
                    // a header separated by ';' (Excel in many locales) or tabs: read the file again with that
                    close();
                    done = false;
                    open(other);
                    return;
                }
            }
            boolean header = column != null ? matches(only, column) : LOGIN_HEADERS.contains(normalise(only));
            if (column != null && !header) {
                throw invalid(line, "there is no column named '" + column + "': the first line is " + quote(only),
                        "Name a column of the first line, or leave the column out to read one login per line.",
                        null);
            }
            format = LoginSource.Format.PLAIN_LIST;
            columnIndex = 0;
            columnName = header ? only : null;
            if (!header) {
                pushedBack = first;
            }
            return;
        }
        columnIndex = findColumn(fields, line);
        columnName = fields.get(columnIndex);
        List<String> names = fields.stream().map(LoginFileParser::normalise).toList();
        format = names.contains("user") && names.contains("login") && names.contains("status")
                ? LoginSource.Format.PASSWORD_HEALTH_REPORT : LoginSource.Format.CSV;
    }

    private CSVRecord pushedBack;

    private int findColumn(List<String> fields, long line) {
        List<Integer> found = new ArrayList<>();
        if (column != null) {
            for (int i = 0; i < fields.size(); i++) {
                if (matches(fields.get(i), column)) {
                    found.add(i);
                }
            }
            if (found.size() > 1) {
                List<Integer> exact = found.stream().filter(i -> fields.get(i).strip().equals(column.strip()))
                        .toList();
                if (exact.size() == 1) {
                    return exact.get(0);
                }
            }
        } else {
            List<String> names = fields.stream().map(LoginFileParser::normalise).toList();
            for (String wanted : LOGIN_HEADERS) {
                for (int i = 0; i < names.size(); i++) {
                    if (names.get(i).equals(wanted)) {
                        found.add(i);
                    }
                }
                if (!found.isEmpty()) {
                    break;
                }
            }
        }
        if (found.size() == 1) {
            return found.get(0);
        }
        String columns = listColumns(fields);
        if (found.isEmpty() && column != null) {
            throw invalid(line, "there is no column named '" + column + "' in the first line (its columns are "
                    + columns + ")", "Name one of these columns, then run again.", null);
        }
        if (found.isEmpty()) {
            throw invalid(line, "no column of the first line holds logins (its columns are " + columns + ")",
                    "Name the login column (--column on the command line, LoginSource.column in code), or make "
                    + "the first line a header with a column named login, username or email, then run again.",
                    null);
        }
        throw invalid(line, "columns " + found.stream().map(i -> Integer.toString(i + 1)).toList()
                + " of the first line are all named like " + quote(fields.get(found.get(0)))
                + ", so the login column is ambiguous",
                "Rename or remove the extra column, or name the login column exactly, then run again.", null);
    }

    /** The next login, or {@code null} at the end of the file. */
    private String readLogin() {
        while (true) {
            CSVRecord record = nextRecord();
            if (record == null) {
                return null;
            }
            if (record.stream().allMatch(String::isEmpty)) {
                continue; // a line of blanks, or of empty cells only (Excel leaves such rows): nothing to read
            }
            long line = lineOf(record);
            if (format == LoginSource.Format.PLAIN_LIST && record.size() > 1) {
                throw invalid(line, "the line holds " + record.size() + " values separated by '"
                                + delimiterName() + "', not one login",
                        "Put each login on a line of its own (quote a login that holds a comma), or make the first "
                        + "line a header that names the login column, then run again.", null);
            }
            String login = record.size() > columnIndex ? record.get(columnIndex) : "";
            if (login.isEmpty()) {
                throw invalid(line, "the row has no value in column " + quote(columnName),
                        "Fill in the login or delete the row, then run again.", null);
            }
            if (login.length() > MAX_VALUE_LENGTH) {
                throw invalid(line, "the value" + (columnName == null ? "" : " in column " + quote(columnName))
                        + " is " + String.format(Locale.ROOT, "%,d", login.length()) + " characters long (it starts "
                        + "with " + quote(login) + "): that is not a login", "Check that this is the file of logins "
                        + "you meant (a quote that is never closed also makes one long value), then run again.", null);
            }
            return login;
        }
    }

    private String delimiterName() {
        return delimiter == '\t' ? "\\t" : String.valueOf(delimiter);
    }

    private CSVRecord nextRecord() {
        if (pushedBack != null) {
            CSVRecord record = pushedBack;
            pushedBack = null;
            return record;
        }
        try {
            return records.hasNext() ? records.next() : null;
        } catch (UncheckedIOException e) {
            throw translate(e.getCause());
        }
    }

    private RuntimeException translate(IOException e) {
        if (e instanceof StrictUtf8Reader.NotUtf8Exception notUtf8) {
            return invalid(notUtf8.line(), "the file is not UTF-8: " + notUtf8.getMessage(), NOT_UTF8_REMEDY, e);
        }
        if (e instanceof StrictUtf8Reader.ControlCharacterException control) {
            return invalid(control.line(), String.format(Locale.ROOT, "the line holds the control character U+%04X "
                    + "(character %d of the line); a file of logins holds none", control.character(), control.column()),
                    control.character() == 0
                            ? "This looks like a binary file, or a UTF-16 file without a byte order mark: export the "
                            + "logins as a UTF-8 CSV or text file, then run again."
                            : "Remove the character (or export the file again as a UTF-8 CSV), then run again.", e);
        }
        String message = String.valueOf(e.getMessage());
        Matcher start = START_LINE.matcher(message);
        long line = start.find() ? Long.parseLong(start.group(1)) : parser.getCurrentLineNumber();
        if (message.contains("EOF reached before encapsulated token finished")) {
            return invalid(line, "a quoted value is not closed: the \" that opens it has no closing \" before the "
                    + "end of the file", "Close the quote, or write a \" that is part of a value as \"\", then "
                    + "run again.", e);
        }
        if (message.contains("invalid char between encapsulated token and delimiter")) {
            return invalid(line, "a quoted value is followed by other characters before the next delimiter",
                    "Quote the whole value, and write a \" that is part of a value as \"\", then run again.", e);
        }
        if (e.getClass().getName().startsWith("org.apache.commons.csv")) {
            return invalid(line, "the line is not valid CSV (" + message + ")", "Fix the line, then run again.", e);
        }
        return new UncheckedIOException("reading " + source + " failed: " + message, e);
    }

    /** The line a record starts on (Commons CSV counts the line it ends on). */
    private long lineOf(CSVRecord record) {
        long end = parser.getCurrentLineNumber();
        long breaks = 0;
        for (String value : record) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '\n' || c == '\r' && (i + 1 == value.length() || value.charAt(i + 1) != '\n')) {
                    breaks++;
                }
            }
        }
        return Math.max(1, end - breaks);
    }

    /** A value from the file for a message: quoted, cut short if long. */
    static String quote(String value) {
        if (value == null) {
            return "''";
        }
        return value.length() <= QUOTED_LENGTH ? "'" + value + "'"
                : "'" + value.substring(0, QUOTED_LENGTH) + "...' (" + String.format(Locale.ROOT, "%,d", value.length())
                + " characters)";
    }

    /** The columns of a header for a message, the first few of them if there are many. */
    private static String listColumns(List<String> fields) {
        List<String> shown = fields.subList(0, Math.min(fields.size(), LISTED_COLUMNS));
        String list = String.join(", ", shown.stream().map(LoginFileParser::quote).toList());
        return fields.size() <= LISTED_COLUMNS ? list
                : list + ", ... (" + String.format(Locale.ROOT, "%,d", fields.size()) + " columns in all)";
    }

    private InvalidLoginFileException invalid(long line, String problem, String remedy, Throwable cause) {
        return new InvalidLoginFileException(source, line, problem, remedy, cause);
    }

    private static boolean matches(String header, String wanted) {
        return header.strip().equalsIgnoreCase(wanted.strip());
    }

    /** Lower case, without spaces, underscores, hyphens and dots: {@code User Name} and {@code user_name} match. */
    static String normalise(String header) {
        StringBuilder name = new StringBuilder(header.length());
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (HEADER_NOISE.indexOf(c) < 0) {
                name.append(c);
            }
        }
        return name.toString().toLowerCase(Locale.ROOT);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing was read
        }
    }
}

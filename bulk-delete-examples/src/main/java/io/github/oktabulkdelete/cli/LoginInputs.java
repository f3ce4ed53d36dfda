package io.github.oktabulkdelete.cli;

import io.github.oktabulkdelete.BulkUserDeleter;
import io.github.oktabulkdelete.InvalidLoginFileException;
import io.github.oktabulkdelete.LoginSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * All the logins of one CLI run: each {@code --csv} file (standard input, {@code -}, copied to a private temporary
 * file first, since it cannot be read twice), then each {@code --login}, then the users selected in Okta
 * ({@code --search}, {@code --group}, {@code --deactivated-for}), frozen into lists by {@link OktaSelections}. Opening validates every file to the end and
 * counts its logins, without holding them; iterating reads the files again. Not thread-safe; close it to delete the
 * copy of standard input.
 *
 * <pre>{@code
 * try (LoginInputs inputs = LoginInputs.open(List.of("users.csv"), List.of(), null, System.in)) {
 *     deleter.deleteAll(inputs);
 * }
 * }</pre>
 */
final class LoginInputs implements Iterable<String>, AutoCloseable {

    static final String STDIN = "-";

    /** One input: a validated file, or the {@code --login} values. */
    private record Part(String name, String description, Iterable<String> logins, long count, Path file, long size,
            FileTime modified) {
    }

    private final List<Part> parts;
    private final Path stdinCopy;
    private BulkUserDeleter selector;

    private LoginInputs(List<Part> parts, Path stdinCopy) {
        this.parts = parts;
        this.stdinCopy = stdinCopy;
    }

    /**
     * Adds the logins of a selection read from Okta, frozen: the set counted and confirmed is the set deleted.
     *
     * @param description such as {@code Okta search 'status eq "DEPROVISIONED"': 12 users}
     * @param logins the logins listed, once each
     * @param selector the deleter that read them: the deleters of the run derive from it to share its pace
     */
    void addSelected(String description, List<String> logins, BulkUserDeleter selector) {
        List<String> copy = List.copyOf(logins);
        parts.add(new Part("Okta", description, copy, copy.size(), null, 0, null));
        this.selector = selector;
    }

    /** @return the deleter that selected users in Okta, to derive the run's deleters from; {@code null} if none */
    BulkUserDeleter selector() {
        return selector;
    }

    /**
     * Validates the files and gathers the logins.
     *
     * @param files file names, {@code -} for standard input (at most once)
     * @param logins logins given one by one
     * @param column the login column of the files, or {@code null} to recognise it
     * @param stdin standard input
     * @throws InvalidLoginFileException if a file cannot be read as a file of logins, or holds none
     * @throws IllegalArgumentException if {@code -} is given more than once
     * @throws UncheckedIOException if standard input cannot be copied
     */
    static LoginInputs open(List<String> files, List<String> logins, String column, InputStream stdin) {
        if (files.stream().filter(STDIN::equals).count() > 1) {
            throw new IllegalArgumentException("standard input (-) can be read only once");
        }
        List<Part> parts = new ArrayList<>();
        Path stdinCopy = null;
        try {
            for (String name : files) {
                LoginSource source;
                if (STDIN.equals(name)) {
                    stdinCopy = copyOf(stdin);
                    source = LoginSource.of(stdinCopy).named("standard input");
                } else {
                    source = LoginSource.of(Path.of(name));
                }
                if (column != null) {
                    source = source.column(column);
                }
                LoginSource.Summary summary = source.validate();
                Path file = source.file();
                if (summary.logins() == 0) {
                    throw noLogins(source, summary);
                }
                parts.add(new Part(source.name(), describe(summary), source, summary.logins(), file, Files.size(file),
                        Files.getLastModifiedTime(file)));
            }
        } catch (IOException e) {
            deleteQuietly(stdinCopy);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            deleteQuietly(stdinCopy);
            throw e;
        }
        if (!logins.isEmpty()) {
            List<String> copy = List.copyOf(logins);
            parts.add(new Part("--login", "--login: " + plural(copy.size(), "login"), copy, copy.size(), null, 0, null));
        }
        return new LoginInputs(parts, stdinCopy);
    }

    /** A file without a single login is a mistake (an empty export, the wrong file), not a run with nothing to do. */
    private static InvalidLoginFileException noLogins(LoginSource source, LoginSource.Summary summary)
            throws IOException {
        long size = Files.size(source.file());
        String problem = size == 0 || size == 3 && startsWithBom(source.file())
                ? "the file is empty"
                : summary.column().map(c -> "the file has a header row (column '" + c + "') but no logins")
                        .orElse("the file holds no logins (only blank lines or # comments)");
        return new InvalidLoginFileException(source.name(), 0, problem, "Give the file of the users to delete (the"
                + " Okta Password Health Report, a CSV with a login column, or one login per line), then run again.",
                null);
    }

    private static boolean startsWithBom(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(3);
            return head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF;
        }
    }

    private static Path copyOf(InputStream stdin) throws IOException {
        Path copy = Files.createTempFile("okta-bulk-delete-stdin-", ".csv"); // owner-only on POSIX
        try {
            Files.copy(stdin, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(copy);
            throw e;
        }
        return copy;
    }

    private static String describe(LoginSource.Summary summary) {
        String layout = switch (summary.format()) {
            case PASSWORD_HEALTH_REPORT -> "Okta Password Health Report";
            case CSV -> "CSV";
            case PLAIN_LIST -> "list of logins";
        };
        return summary.source() + ": " + layout + ", " + plural(summary.logins(), "login")
                + summary.column().map(c -> " (column '" + c + "')").orElse("");
    }

    static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** @return the number of logins, duplicates included */
    long total() {
        return parts.stream().mapToLong(Part::count).sum();
    }

    /** @return one line per input, such as {@code users.csv: Okta Password Health Report, 300 logins (column 'Login')} */
    List<String> descriptions() {
        return parts.stream().map(Part::description).toList();
    }

    /** @return the first file that changed since it was validated, or {@code null} */
    String changedFile() {
        for (Part part : parts) {
            if (part.file() == null) {
                continue;
            }
            try {
                if (Files.size(part.file()) != part.size()
                        || !Files.getLastModifiedTime(part.file()).equals(part.modified())) {
                    return part.name();
                }
            } catch (IOException e) {
                return part.name();
            }
        }
        return null;
    }

    @Override
    public Iterator<String> iterator() {
        Iterator<Part> remaining = parts.iterator();
        return new Iterator<>() {
            private Iterator<String> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext()) {
                    if (!remaining.hasNext()) {
                        return false;
                    }
                    current = remaining.next().logins().iterator();
                }
                return true;
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    @Override
    public void close() {
        deleteQuietly(stdinCopy);
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file; the OS cleans up eventually
            }
        }
    }
}

package io.github.oktabulkdelete;

import io.github.oktabulkdelete.internal.PlanCodec;
import io.github.oktabulkdelete.internal.Urls;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A deletion plan, as Terraform makes one: what a check (a dry run, by login) found for every login, to be applied
 * later by {@link BulkUserDeleter#apply(DeletionPlan, DeletionJournal, Consumer, Cancellation)} without looking any
 * login up again: each planned user is fetched by its id.
 *
 * <p>The file is JSON Lines: a header (the org URL without credentials, when it was made, the tool's version, a
 * description of the input), one {@link PlannedUser} per login, and an end record; it holds no secret. It is
 * written to a {@code .partial} file that becomes the plan only when {@link Writer#close()} completes, so a plan file
 * is always whole. {@link #read(Path)} reads and checks the whole file once (in constant memory) and
 * {@link #users()} reads it again, lazily, for each iteration.
 *
 * <p>Immutable and thread-safe; {@link Writer} is not thread-safe.
 *
 * <pre>{@code
 * try (DeletionPlan.Writer plan = DeletionPlan.write(file, DeletionPlan.Header.of(orgUrl, "users.csv", "1.0"))) {
 *     checker.deleteAll(logins, outcome -> plan.accept(PlannedUser.of(outcome)));  // checker: dryRun(true)
 * }
 * DeletionPlan plan = DeletionPlan.read(file);
 * deleter.apply(plan, journal, outcome -> { }, Cancellation.create());
 * }</pre>
 */
public final class DeletionPlan {

    /**
     * A plan's header.
     *
     * @param createdAt when the plan was made
     * @param orgUrl the org's URL, without user info, query or fragment; {@code null} when not known
     * @param toolVersion the version of the tool that made it, or {@code null}
     * @param input what the input was (file names, options), or {@code null}
     */
    public record Header(Instant createdAt, String orgUrl, String toolVersion, String input) {

        /**
         * Checks and cleans the components.
         *
         * @param createdAt as {@link #createdAt()}
         * @param orgUrl as {@link #orgUrl()}
         * @param toolVersion as {@link #toolVersion()}
         * @param input as {@link #input()}
         * @throws NullPointerException if {@code createdAt} is {@code null}
         */
        public Header {
            Objects.requireNonNull(createdAt, "createdAt");
            orgUrl = Urls.withoutCredentials(orgUrl);
        }

        /**
         * A header made now.
         *
         * @param orgUrl the org's URL
         * @param input what the input was
         * @param toolVersion the tool's version
         * @return the header
         */
        public static Header of(String orgUrl, String input, String toolVersion) {
            return new Header(Instant.now(), orgUrl, toolVersion, input);
        }
    }

    private final Path file;
    private final Header header;
    private final long size;
    private final long toDelete;
    private final long unchecked;

    private DeletionPlan(Path file, Header header, long size, long toDelete, long unchecked) {
        this.file = file;
        this.header = header;
        this.size = size;
        this.toDelete = toDelete;
        this.unchecked = unchecked;
    }

    /**
     * Starts writing a plan; the file appears, whole, when the writer is closed. An existing file of that name is
     * replaced then.
     *
     * @param file where the plan goes
     * @param header its header
     * @return the writer
     * @throws IOException if the {@code .partial} file cannot be created
     */
    public static Writer write(Path file, Header header) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(header, "header");
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8);
        Writer writer = new Writer(file, partial, out);
        writer.write(PlanCodec.header(new PlanCodec.Header(header.createdAt(), header.orgUrl(),
                header.toolVersion(), header.input())));
        return writer;
    }

    /**
     * Reads and checks a whole plan, in constant memory.
     *
     * @param file the plan
     * @return the plan
     * @throws InvalidPlanException if it is not a complete, valid plan
     * @throws NoSuchFileException if it does not exist
     * @throws IOException if it cannot be read
     */
    public static DeletionPlan read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            if (first == null) {
                throw new InvalidPlanException(file.toString(), 0, "the file is empty, not a plan");
            }
            PlanCodec.Header h;
            try {
                h = PlanCodec.readHeader(first);
            } catch (PlanCodec.BadRecord e) {
                throw new InvalidPlanException(file.toString(), 1, e.getMessage());
            }
            long users = 0;
            long toDelete = 0;
            long unchecked = 0;
            long line = 1;
            for (String text = in.readLine(); ; text = in.readLine()) {
                line++;
                if (text == null) {
                    throw new InvalidPlanException(file.toString(), 0, "the plan has no end record: it was cut "
                            + "short");
                }
                PlannedUser user;
                try {
                    user = PlanCodec.readUser(text, users);
                } catch (PlanCodec.BadRecord e) {
                    throw new InvalidPlanException(file.toString(), line, e.getMessage());
                }
                if (user == null) {
                    if (in.readLine() != null) {
                        throw new InvalidPlanException(file.toString(), line + 1, "a record after the end record");
                    }
                    break;
                }
                users++;
                toDelete += user.action() == PlannedUser.Action.DELETE ? 1 : 0;
                unchecked += user.action() == PlannedUser.Action.UNCHECKED ? 1 : 0;
            }
            return new DeletionPlan(file, new Header(h.createdAt(), h.orgUrl(), h.toolVersion(), h.input()), users,
                    toDelete, unchecked);
        }
    }

    /** @return the plan file */
    public Path file() {
        return file;
    }

    /** @return the header */
    public Header header() {
        return header;
    }

    /** @return how many logins the plan holds */
    public long size() {
        return size;
    }

    /** @return how many users it plans to delete ({@link PlannedUser.Action#DELETE}) */
    public long toDelete() {
        return toDelete;
    }

    /** @return how many logins the check could not look up ({@link PlannedUser.Action#UNCHECKED}) */
    public long unchecked() {
        return unchecked;
    }

    /**
     * The planned users, in the plan's order, read lazily from the file on each iteration.
     *
     * @return the users; an iterator throws {@link UncheckedIOException} if the file cannot be read or changed
     */
    public Iterable<PlannedUser> users() {
        return () -> new UserIterator(file);
    }

    /** @return the logins, in the plan's order, read lazily */
    public Iterable<String> logins() {
        return () -> {
            Iterator<PlannedUser> users = users().iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return users.hasNext();
                }

                @Override
                public String next() {
                    return users.next().login();
                }
            };
        };
    }

    @Override
    public String toString() {
        return "DeletionPlan{file=" + file + ", createdAt=" + header.createdAt() + ", orgUrl=" + header.orgUrl()
                + ", size=" + size + ", toDelete=" + toDelete + '}';
    }

    private static final class UserIterator implements Iterator<PlannedUser> {
        private final Path file;
        private BufferedReader in;
        private PlannedUser next;
        private long users;
        private long line = 1;
        private boolean done;

        UserIterator(Path file) {
            this.file = file;
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
                if (in == null) {
                    in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                    in.readLine();
                }
                String text = in.readLine();
                line++;
                if (text == null) {
                    throw new InvalidPlanException(file.toString(), 0, "the plan changed since it was read");
                }
                next = PlanCodec.readUser(text, users);
                if (next == null) {
                    done = true;
                    in.close();
                    return false;
                }
                users++;
                return true;
            } catch (IOException e) {
                done = true;
                throw new UncheckedIOException(e);
            } catch (PlanCodec.BadRecord e) {
                done = true;
                throw new UncheckedIOException(new InvalidPlanException(file.toString(), line, e.getMessage()));
            }
        }

        @Override
        public PlannedUser next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            PlannedUser user = next;
            next = null;
            return user;
        }
    }

    /**
     * Writes a plan, one planned user at a time; {@link #close()} completes it and makes it the plan file,
     * {@link #abandon()} drops it. Not thread-safe: feed it from one consumer (a batch calls its consumer one call
     * at a time).
     */
    public static final class Writer implements Consumer<PlannedUser>, Closeable {
        private final Path file;
        private final Path partial;
        private final BufferedWriter out;
        private long users;
        private boolean closed;

        private Writer(Path file, Path partial, BufferedWriter out) {
            this.file = file;
            this.partial = partial;
            this.out = out;
        }

        /**
         * Adds one planned user.
         *
         * @throws UncheckedIOException if writing fails
         * @throws IllegalStateException if closed
         */
        @Override
        public void accept(PlannedUser user) {
            Objects.requireNonNull(user, "user");
            if (closed) {
                throw new IllegalStateException("the plan " + file + " is closed");
            }
            write(PlanCodec.user(user));
            users++;
        }

        /** @return how many users were added */
        public long users() {
            return users;
        }

        private void write(String line) {
            try {
                out.write(line);
            } catch (IOException e) {
                throw new UncheckedIOException("writing the plan " + partial + " failed: " + e.getMessage(), e);
            }
        }

        /** Drops the unfinished plan: no plan file appears. */
        public void abandon() {
            closed = true;
            try {
                out.close();
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                // nothing to keep
            }
        }

        /**
         * Writes the end record, forces the file to disk and moves it to the plan's name.
         *
         * @throws IOException if that fails
         */
        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            out.write(PlanCodec.end(users));
            out.close();
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }
}

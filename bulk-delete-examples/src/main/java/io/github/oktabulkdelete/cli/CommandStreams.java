package io.github.oktabulkdelete.cli;

import java.io.PrintWriter;
import java.util.function.IntSupplier;

/**
 * The end of every command: its report and messages reach the terminal (or the caller's writers) however it ends.
 *
 * <p>Stateless and thread-safe.
 *
 * <pre>{@code
 * public Integer call() {
 *     return CommandStreams.flushedAfter(this::run, out, err);
 * }
 * }</pre>
 */
final class CommandStreams {

    private CommandStreams() {
    }

    /**
     * Runs {@code command}, then flushes {@code out} and {@code err}, also when it throws.
     *
     * @return the command's exit status
     */
    static int flushedAfter(IntSupplier command, PrintWriter out, PrintWriter err) {
        try {
            return command.getAsInt();
        } finally {
            out.flush();
            err.flush();
        }
    }
}

package io.github.oktabulkdelete.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that the files a run writes (the report, the journal) overwrite no input, nor each other: a check that
 * spans the input, safety, output and journal option groups.
 *
 * <p>Stateless.
 *
 * <pre>{@code
 * OutputFiles.checkNotInputs(inputFiles, protectFiles, reportFile, journalFile);
 * }</pre>
 */
final class OutputFiles {

    private OutputFiles() {
    }

    /**
     * @param inputFiles the login files ({@code -} is standard input, never a clash)
     * @param protectFiles the {@code --protect-file}s
     * @param report {@code --report}, or {@code null}
     * @param journal {@code --journal}, or {@code null}
     * @throws ExitException (usage) naming the clash
     */
    static void checkNotInputs(List<String> inputFiles, List<Path> protectFiles, Path report, Path journal) {
        List<Path> inputs = new ArrayList<>(protectFiles);
        inputFiles.stream().filter(f -> !LoginInputs.STDIN.equals(f)).map(Path::of).forEach(inputs::add);
        if (report != null) {
            for (Path input : inputs) {
                if (sameFile(input, report)) {
                    throw ExitException.usage("--report " + report + " is also an input: it would be overwritten");
                }
            }
        }
        if (journal != null) {
            for (Path input : inputs) {
                if (sameFile(input, journal)) {
                    throw ExitException.usage("--journal " + journal + " is also an input: name a file of its own"
                            + " for the journal");
                }
            }
            if (report != null && sameFile(report, journal)) {
                throw ExitException.usage("--journal and --report name the same file, " + journal + ": the report"
                        + " would overwrite the journal");
            }
        }
    }

    private static boolean sameFile(Path a, Path b) {
        boolean same = a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        try {
            same |= Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            // cannot tell: each file is checked when it is opened
        }
        return same;
    }
}

package io.github.oktabulkdelete.cli;

import io.github.oktabulkdelete.DeletionPlan;
import io.github.oktabulkdelete.InvalidPlanException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The plan options ({@code --plan-out}, {@code --plan}, {@code --max-plan-age}): plan, then apply, as Terraform
 * does. Picks where a run's plan goes, reads a plan to apply and refuses one of another org or too old.
 *
 * <p>Filled by picocli, then read by one thread; not thread-safe.
 *
 * <pre>{@code
 * plans.validate(execute, anyInput);
 * DeletionPlan plan = plans.read();
 * plans.checkApplicable(plan, orgUrl, now);
 * }</pre>
 */
final class PlanOptions {

    /** Default {@code --max-plan-age}. */
    static final Duration DEFAULT_MAX_PLAN_AGE = Duration.ofHours(24);

    @Option(names = "--plan-out", paramLabel = "FILE",
            description = "Write the plan to FILE (JSON Lines): every login with what the check found (id, status,"
                    + " delete / skip and why / not found), the org and the time. No secret. Apply it later with"
                    + " --execute --plan FILE. With --execute, keeps the plan the run makes and applies.")
    Path planOut;

    @Option(names = "--plan", paramLabel = "FILE",
            description = "With --execute: apply the plan FILE that --plan-out wrote, with no check pass (the plan is"
                    + " the whole input: no --csv). Each planned user is fetched by id; one renamed, or planned as"
                    + " DEPROVISIONED and active again, is skipped. Refused if made for another org or older than"
                    + " --max-plan-age.")
    Path plan;

    @Option(names = "--max-plan-age", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "The oldest plan --plan applies (default: 24h).")
    Duration maxPlanAge = DEFAULT_MAX_PLAN_AGE;

    /**
     * Checks the options against each other and the input.
     *
     * @throws ExitException (usage) naming the option
     */
    void validate(boolean execute, boolean anyInput) {
        if (plan != null && planOut != null) {
            throw ExitException.usage("--plan and --plan-out: --plan applies a plan that exists; leave out --plan-out");
        }
        if (plan != null && !execute) {
            throw ExitException.usage("--plan FILE applies a plan: add --execute (the plan itself says what it would"
                    + " do; a dry run of new logins is --plan-out)");
        }
        if (plan != null && anyInput) {
            throw ExitException.usage("--plan FILE is the whole input: leave out --csv, --login and input files (or"
                    + " leave out --plan to check those logins anew)");
        }
        if (maxPlanAge.isZero()) {
            throw ExitException.usage("--max-plan-age must be more than 0, such as 2h or 24h");
        }
    }

    /** @return whether the run applies a plan given with {@code --plan} */
    boolean applying() {
        return plan != null;
    }

    /**
     * Where this run writes the plan it makes: {@code --plan-out}, else for {@code --execute} beside the journal
     * ({@code X.journal.jsonl} → {@code X.plan.jsonl}), else none.
     *
     * @return the file, or {@code null}
     */
    Path output(boolean execute, Path journal) {
        if (planOut != null || !execute || journal == null) {
            return planOut;
        }
        String name = journal.getFileName().toString();
        return journal.resolveSibling(name.endsWith(".journal.jsonl")
                ? name.substring(0, name.length() - ".journal.jsonl".length()) + ".plan.jsonl" : name + ".plan.jsonl");
    }

    /**
     * Reads a plan.
     *
     * @throws ExitException (usage) naming the file and what to do
     */
    static DeletionPlan read(Path file, String option) {
        try {
            return DeletionPlan.read(file);
        } catch (InvalidPlanException e) {
            throw ExitException.usage(option + ": " + e.getMessage());
        } catch (NoSuchFileException e) {
            throw ExitException.usage(option + ": the plan " + file + " does not exist. Make one with a dry run and"
                    + " --plan-out " + file);
        } catch (IOException e) {
            throw ExitException.usage(option + ": cannot read the plan " + file + ": " + e.getMessage());
        }
    }

    /**
     * Refuses a plan of another org, or older than {@code --max-plan-age} (unless {@code checkAge} is off: a resume
     * finishes a plan that was confirmed when its run started; each user is fetched by id and checked again).
     *
     * @throws ExitException (usage) naming the file and what to do
     */
    void checkApplicable(DeletionPlan plan, String orgUrl, Instant now, boolean checkAge) {
        String planOrg = plan.header().orgUrl();
        String thisOrg = new io.github.oktabulkdelete.DeletionPlan.Header(now, orgUrl, null, null).orgUrl();
        if (planOrg == null || thisOrg == null || !comparable(planOrg).equals(comparable(thisOrg))) {
            throw ExitException.usage("--plan: the plan " + plan.file() + " was made for " + planOrg + ", not "
                    + thisOrg + ": apply it to the org it was made for, or make a new plan for this one (a dry run"
                    + " with --plan-out)");
        }
        Duration age = Duration.between(plan.header().createdAt(), now);
        if (checkAge && age.compareTo(maxPlanAge) > 0) {
            throw ExitException.usage("--plan: the plan " + plan.file() + " was made at " + plan.header().createdAt()
                    + ", " + DurationConverter.format(age.withNanos(0)) + " ago, more than --max-plan-age "
                    + DurationConverter.format(maxPlanAge) + ": the org may have changed since. Make a new plan (a"
                    + " dry run with --plan-out), or raise --max-plan-age");
        }
        if (age.isNegative() && age.abs().compareTo(Duration.ofMinutes(5)) > 0) {
            throw ExitException.usage("--plan: the plan " + plan.file() + " was made at " + plan.header().createdAt()
                    + ", in the future of this machine's clock: check the clock, or make a new plan");
        }
    }

    /** Checks that a plan file to write does not clash with an existing folder. */
    static void checkWritable(Path out) {
        if (out != null && Files.isDirectory(out)) {
            throw ExitException.usage("--plan-out: " + out + " is a folder");
        }
        Path parent = out == null ? null : out.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw ExitException.usage("--plan-out: the folder " + parent + " does not exist");
        }
    }

    private static String comparable(String url) {
        String u = url.strip().toLowerCase(Locale.ROOT);
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }
}

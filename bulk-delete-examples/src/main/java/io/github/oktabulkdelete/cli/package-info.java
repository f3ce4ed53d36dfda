/**
 * The {@code okta-bulk-delete} command-line tool: {@link io.github.oktabulkdelete.cli.BulkDeleteCommand} (a picocli
 * command, testable in-process), its per-login report writers ({@link io.github.oktabulkdelete.cli.ReportWriter},
 * CSV and JSON Lines), its progress display ({@link io.github.oktabulkdelete.cli.ProgressMeter}), the
 * {@code --demo} against a local fake org, and {@link io.github.oktabulkdelete.cli.Main}, the jar's entry point.
 * Inside: one class per option group (each validates itself), one connection class that builds the client, the flows
 * (dry run, check-confirm-delete, resume) and one exit-status exception; {@code docs/ARCHITECTURE.md} says which file
 * to open to change what.
 *
 * <pre>{@code
 * java -jar okta-bulk-delete.jar --demo
 * java -jar okta-bulk-delete.jar --csv okta-password-health-report.csv            # dry run
 * java -jar okta-bulk-delete.jar --csv okta-password-health-report.csv --execute  # delete
 * }</pre>
 */
package io.github.oktabulkdelete.cli;

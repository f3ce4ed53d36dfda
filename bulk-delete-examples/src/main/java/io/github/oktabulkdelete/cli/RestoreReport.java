package io.github.oktabulkdelete.cli;

import io.github.oktabulkdelete.GroupRecord;
import io.github.oktabulkdelete.RestoreOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The lines of a restore: one readable line per login on standard output, and the CSV of {@code --report}
 * ({@code login,outcome,oldUserId,newUserId,groupsRestored,groupsMissing,step,httpStatus,errorCode,message}; groups
 * as names separated by {@code ;}). Stateless.
 *
 * <pre>{@code
 * Files.write(report, RestoreReport.csv(outcomes));
 * }</pre>
 */
final class RestoreReport {

    static final String HEADER = "login,outcome,oldUserId,newUserId,groupsRestored,groupsMissing,step,httpStatus,"
            + "errorCode,message";

    private RestoreReport() {
    }

    static String line(RestoreOutcome outcome) {
        if (outcome instanceof RestoreOutcome.Restored r) {
            return "  restored       " + r.login() + " as " + r.newUserId() + groups(" in ", r.groupsRestored())
                    + groups("; groups gone: ", r.groupsMissing());
        } else if (outcome instanceof RestoreOutcome.WouldRestore w) {
            return "  would restore  " + w.login() + (w.groupsRecorded() ? groups(" in ", w.groupsToRestore())
                    : " (groups not recorded)") + groups("; groups gone: ", w.groupsMissing());
        } else if (outcome instanceof RestoreOutcome.AlreadyExists a) {
            return "  already exists " + a.login() + (a.existingUserId() == null ? "" : " (" + a.existingUserId()
                    + ")") + ": skipped, nothing changed";
        } else if (outcome instanceof RestoreOutcome.NotRestorable n) {
            return "  not restorable " + n.login() + ": " + n.reason();
        }
        RestoreOutcome.Failed f = (RestoreOutcome.Failed) outcome;
        return "  FAILED         " + f.login() + " at " + f.step() + " (HTTP " + f.httpStatus()
                + (f.errorCode() == null ? "" : " " + f.errorCode()) + "): " + f.message();
    }

    private static String groups(String prefix, List<GroupRecord> groups) {
        return groups.isEmpty() ? "" : prefix + names(groups, ", ");
    }

    private static String names(List<GroupRecord> groups, String separator) {
        return groups.stream().map(g -> g.name() == null ? g.id() : g.name()).collect(Collectors.joining(separator));
    }

    static List<String> csv(List<RestoreOutcome> outcomes) {
        List<String> lines = new ArrayList<>(outcomes.size() + 1);
        lines.add(HEADER);
        for (RestoreOutcome o : outcomes) {
            String kind;
            String oldId = "";
            String newId = "";
            String restored = "";
            String missing = "";
            String step = "";
            String status = "";
            String code = "";
            String message = "";
            if (o instanceof RestoreOutcome.Restored r) {
                kind = "RESTORED";
                oldId = r.oldUserId();
                newId = r.newUserId();
                restored = names(r.groupsRestored(), ";");
                missing = names(r.groupsMissing(), ";");
            } else if (o instanceof RestoreOutcome.WouldRestore w) {
                kind = "WOULD_RESTORE";
                oldId = w.oldUserId();
                restored = names(w.groupsToRestore(), ";");
                missing = names(w.groupsMissing(), ";");
            } else if (o instanceof RestoreOutcome.AlreadyExists a) {
                kind = "ALREADY_EXISTS";
                oldId = a.oldUserId();
                newId = a.existingUserId() == null ? "" : a.existingUserId();
            } else if (o instanceof RestoreOutcome.NotRestorable n) {
                kind = "NOT_RESTORABLE";
                message = n.reason();
            } else {
                RestoreOutcome.Failed f = (RestoreOutcome.Failed) o;
                kind = "FAILED";
                oldId = f.oldUserId();
                step = f.step().name();
                status = Integer.toString(f.httpStatus());
                code = f.errorCode() == null ? "" : f.errorCode();
                message = f.message();
            }
            lines.add(String.join(",", cell(o.login()), kind, oldId, newId, cell(restored), cell(missing), step,
                    status, code, cell(message)));
        }
        return lines;
    }

    /** A CSV cell, quoted when needed; a leading {@code = + - @} is neutralised so spreadsheets do not run it. */
    private static String cell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        return v.contains(",") || v.contains("\"") || v.contains("\n")
                ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}

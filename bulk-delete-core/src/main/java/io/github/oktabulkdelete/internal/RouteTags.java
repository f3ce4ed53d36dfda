package io.github.oktabulkdelete.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The names of request kinds in metrics and progress: {@code lookup}, {@code search}, {@code deactivate},
 * {@code delete}, {@code groups}, and {@code verify} for a GET by id that checks what a deactivate or a delete did.
 * A fixed, small set: never a login, an id or a credential.
 */
public final class RouteTags {

    private static final Pattern SAFE_SEGMENT = Pattern.compile("[a-z]+|v[0-9]+|\\{id\\}");

    private RouteTags() {
    }

    /** The tag of a request on this route made now, on this thread. */
    public static String of(CallRoute route) {
        if (route == CallRoute.LOOKUP) {
            String step = LoginContext.currentStep();
            if (step != null && !LoginContext.LOOKUP.equals(step)) {
                return LoginContext.VERIFY; // a GET by id after a change: it checks what the change did
            }
        }
        return route.name().toLowerCase(Locale.ROOT);
    }

    /**
     * A bucket name safe for a tag or a display: its method and path template, with any path segment that could be
     * an id or a login (anything but a lower-case word, {@code v1} or {@code {id}}) replaced by {@code {id}}.
     */
    public static String bucket(String bucket) {
        int space = bucket.indexOf(' ');
        String method = space < 0 ? "?" : bucket.substring(0, space);
        String path = space < 0 ? bucket : bucket.substring(space + 1);
        StringBuilder safe = new StringBuilder(method.matches("[A-Z]{1,10}") ? method : "?").append(' ');
        String[] segments = path.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                safe.append('/');
            }
            String s = segments[i];
            safe.append(s.isEmpty() || SAFE_SEGMENT.matcher(s).matches() ? s : "{id}");
        }
        return safe.toString();
    }
}

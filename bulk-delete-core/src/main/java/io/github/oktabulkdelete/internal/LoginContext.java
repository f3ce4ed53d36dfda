package io.github.oktabulkdelete.internal;

import org.slf4j.MDC;

/**
 * The login a worker thread works on, and its step, for as long as it works on it: kept in the SLF4J MDC under
 * {@value #LOGIN_KEY} and {@value #STEP_KEY} (so that every log line of the thread, ours, the SDK's and the
 * application's, can show them), and in a thread-local for {@link RouteTags}. Never holds a token. {@link #close()}
 * puts back what the thread had before.
 *
 * <pre>{@code
 * try (LoginContext context = LoginContext.enter(login)) {
 *     LoginContext.step(LoginContext.DELETE);
 * }
 * }</pre>
 */
public final class LoginContext implements AutoCloseable {

    /** The MDC key of the login being worked on. */
    public static final String LOGIN_KEY = "okta.login";
    /** The MDC key of its step: {@value #LOOKUP}, {@value #DEACTIVATE}, {@value #DELETE} or {@value #VERIFY}. */
    public static final String STEP_KEY = "okta.step";

    static final String LOOKUP = "lookup";
    static final String DEACTIVATE = "deactivate";
    static final String DELETE = "delete";
    static final String VERIFY = "verify";

    private static final ThreadLocal<LoginContext> CURRENT = new ThreadLocal<>();

    private final LoginContext outer;
    private final String outerLogin;
    private final String outerStep;
    private volatile String step = LOOKUP;

    private LoginContext(LoginContext outer) {
        this.outer = outer;
        this.outerLogin = MDC.get(LOGIN_KEY);
        this.outerStep = MDC.get(STEP_KEY);
    }

    /** Starts working on a login on this thread, at step {@value #LOOKUP}. */
    static LoginContext enter(String login) {
        LoginContext context = new LoginContext(CURRENT.get());
        CURRENT.set(context);
        MDC.put(LOGIN_KEY, login);
        MDC.put(STEP_KEY, LOOKUP);
        return context;
    }

    /** The login of this thread moves to another step; nothing when no login is worked on. */
    static void step(String step) {
        LoginContext context = CURRENT.get();
        if (context != null) {
            context.step = step;
            MDC.put(STEP_KEY, step);
        }
    }

    /** @return the step of the login this thread works on, or {@code null} */
    static String currentStep() {
        LoginContext context = CURRENT.get();
        return context == null ? null : context.step;
    }

    @Override
    public void close() {
        if (outer == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(outer);
        }
        restore(LOGIN_KEY, outerLogin);
        restore(STEP_KEY, outerStep);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}

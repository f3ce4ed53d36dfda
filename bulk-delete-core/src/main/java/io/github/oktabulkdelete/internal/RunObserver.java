package io.github.oktabulkdelete.internal;

import io.github.oktabulkdelete.BatchProgress;
import io.github.oktabulkdelete.OktaRequestException;
import java.time.Duration;

/**
 * Hears the inner events of a batch that a {@link io.github.oktabulkdelete.DeletionListener} does not: requests as
 * they start and end, pacing and retry waits, logins read. Metrics ({@code BatchMetrics}) and the progress of a
 * running batch ({@link ProgressTracker}) are observers. Every method defaults to nothing, must be quick and must not
 * throw; calls come from worker threads, several at once.
 */
public interface RunObserver {

    /** An observer that does nothing. */
    RunObserver NONE = new RunObserver() { };

    /** A request on this route is sent (route: {@link RouteTags}). */
    default void requestStarted(String route) {
    }

    /**
     * A request ended.
     *
     * @param httpStatus the response's status, 0 when no response arrived
     * @param nanos how long it took, in {@link System#nanoTime()} units
     */
    default void requestEnded(String route, int httpStatus, long nanos) {
    }

    /** A worker waited this long, by the deleter's clock, for the pacer before a request on this route. */
    default void paced(String route, Duration waited) {
    }

    /** A request failed and is retried after {@code wait}. */
    default void retrying(String route, OktaRequestException failure, Duration wait) {
    }

    /** A worker starts waiting. */
    default void waitStarted(BatchProgress.Wait wait) {
    }

    /** A worker stopped waiting (the same instance as given to {@link #waitStarted}). */
    default void waitEnded(BatchProgress.Wait wait) {
    }

    /** The batch read one more login from its input. */
    default void loginRead() {
    }

    /**
     * Both observers, {@code first} first; {@link #NONE} is left out.
     *
     * @return the combined observer
     */
    static RunObserver both(RunObserver first, RunObserver second) {
        if (first == NONE) {
            return second;
        }
        if (second == NONE) {
            return first;
        }
        return new RunObserver() {
            @Override
            public void requestStarted(String route) {
                first.requestStarted(route);
                second.requestStarted(route);
            }

            @Override
            public void requestEnded(String route, int httpStatus, long nanos) {
                first.requestEnded(route, httpStatus, nanos);
                second.requestEnded(route, httpStatus, nanos);
            }

            @Override
            public void paced(String route, Duration waited) {
                first.paced(route, waited);
                second.paced(route, waited);
            }

            @Override
            public void retrying(String route, OktaRequestException failure, Duration wait) {
                first.retrying(route, failure, wait);
                second.retrying(route, failure, wait);
            }

            @Override
            public void waitStarted(BatchProgress.Wait wait) {
                first.waitStarted(wait);
                second.waitStarted(wait);
            }

            @Override
            public void waitEnded(BatchProgress.Wait wait) {
                first.waitEnded(wait);
                second.waitEnded(wait);
            }

            @Override
            public void loginRead() {
                first.loginRead();
                second.loginRead();
            }
        };
    }
}

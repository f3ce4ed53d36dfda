package io.github.oktabulkdelete.internal;

/** A wait of a worker ended because its batch was cancelled or reached its deadline. */
final class RunCancelledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    RunCancelledException(String message) {
        super(message, null, false, false);
    }
}

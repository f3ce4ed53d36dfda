package io.github.oktabulkdelete.internal;

/**
 * The owner of the API token, once a batch has looked it up ({@code GET /api/v1/users/me}), shared by the deleters
 * built from one builder and its {@code newBuilder()} copies (one client, one token), so that one job asks once,
 * not once per pass. Only a definitive answer is kept: a user's id, or "no user owns this token" (a service app).
 * Thread-safe.
 */
public final class TokenOwnerCache {

    private boolean known;
    private String ownerId;

    /** @return whether the owner is known */
    public synchronized boolean known() {
        return known;
    }

    /** @return the owner's id, or {@code null} when no user owns the token (or it is not known yet) */
    public synchronized String ownerId() {
        return ownerId;
    }

    /** Remembers the owner's id, or {@code null} for none. */
    public synchronized void remember(String id) {
        this.ownerId = id;
        this.known = true;
    }
}

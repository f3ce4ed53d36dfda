package io.github.oktabulkdelete.testing;

import com.okta.sdk.resource.model.UserStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The users of a fake org, its token owner and whether its token is revoked, behind one lock.
 *
 * <p>Thread-safe: every method is synchronized, so each API operation (look up, then change) is atomic.
 *
 * <pre>{@code
 * OrgState state = new OrgState(clock, true);
 * state.add("jsmith@corp.com", UserStatus.ACTIVE, "J", "Smith", "jsmith@corp.com");
 * OrgState.Change change = state.delete("jsmith"); // DEACTIVATED
 * }</pre>
 */
final class OrgState {

    /** What a deactivate or delete request did. */
    enum Change { NOT_FOUND, ALREADY_DEPROVISIONED, DEACTIVATED, DELETED }

    /** The mutable record behind a {@link FakeUser} snapshot. */
    private static final class StoredUser {
        final String id;
        final long sequence;
        String login;
        final String email;
        final String firstName;
        final String lastName;
        final Instant created;
        String typeId;
        Map<String, Object> customProfile = Map.of();
        UserStatus status;
        Instant activated;
        Instant statusChanged;
        Instant lastUpdated;

        StoredUser(String id, long sequence, String login, String email, String firstName, String lastName,
                Instant created) {
            this.id = id;
            this.sequence = sequence;
            this.login = login;
            this.email = email;
            this.firstName = firstName;
            this.lastName = lastName;
            this.created = created;
        }

        FakeUser snapshot() {
            return new FakeUser(id, login, email, firstName, lastName, status, created, activated, statusChanged,
                    lastUpdated, typeId, customProfile);
        }
    }

    private final Clock clock;
    private final boolean ownerDeactivationRevokesToken;
    private final Random idRandom = new Random(0x0C7A_0C7AL);
    private final Map<String, StoredUser> byId = new LinkedHashMap<>();
    private final Map<String, StoredUser> byLowerLogin = new HashMap<>();
    private final Map<String, Long> sequenceOfId = new HashMap<>();
    private final Set<String> deletedLogins = new LinkedHashSet<>();
    private long nextSequence;
    private String tokenOwnerLogin;
    private boolean tokenRevoked;

    OrgState(Clock clock, boolean ownerDeactivationRevokesToken) {
        this.clock = clock;
        this.ownerDeactivationRevokesToken = ownerDeactivationRevokesToken;
    }

    /**
     * Adds a user.
     *
     * @throws IllegalArgumentException if the login is blank or taken (case-insensitively)
     */
    synchronized FakeUser add(String login, UserStatus status, String firstName, String lastName, String email) {
        return add(login, status, firstName, lastName, email, null, Map.of());
    }

    /**
     * Adds a user of a type ({@code null}: the org's default) with more profile attributes.
     *
     * @throws IllegalArgumentException if the login is blank or taken (case-insensitively)
     */
    synchronized FakeUser add(String login, UserStatus status, String firstName, String lastName, String email,
            String typeId, Map<String, Object> customProfile) {
        Objects.requireNonNull(customProfile, "customProfile");
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(firstName, "firstName");
        Objects.requireNonNull(lastName, "lastName");
        Objects.requireNonNull(email, "email");
        if (login.isBlank()) {
            throw new IllegalArgumentException("login must not be blank");
        }
        if (status == UserStatus.UNKNOWN_DEFAULT_OPEN_API) {
            throw new IllegalArgumentException("status must be a real Okta status: " + status);
        }
        if (byLowerLogin.containsKey(lower(login))) {
            throw new IllegalArgumentException("a user with this login already exists: " + login);
        }
        String id;
        do {
            id = "00u" + OktaErrors.alphanumeric(idRandom, 17);
        } while (sequenceOfId.containsKey(id));
        Instant now = clock.instant();
        StoredUser user = new StoredUser(id, nextSequence++, login, email, firstName, lastName, now);
        user.status = status;
        user.typeId = typeId;
        user.customProfile = Collections.unmodifiableMap(new LinkedHashMap<>(customProfile));
        user.activated = status == UserStatus.STAGED ? null : now;
        user.statusChanged = status == UserStatus.STAGED ? null : now;
        user.lastUpdated = now;
        byId.put(id, user);
        byLowerLogin.put(lower(login), user);
        sequenceOfId.put(id, user.sequence);
        return user.snapshot();
    }

    /** Whether a login is taken, case-insensitively. */
    synchronized boolean loginExists(String login) {
        return byLowerLogin.containsKey(lower(login));
    }

    /** A user by id or by login (case-insensitive), for the test's own assertions. */
    synchronized Optional<FakeUser> find(String loginOrId) {
        return Optional.ofNullable(findStored(loginOrId)).map(StoredUser::snapshot);
    }

    /**
     * A user by the decoded {@code {id}} of a request path: an id, {@code me}, a login (case-insensitive) or an
     * unambiguous login shortname (case-insensitive).
     */
    synchronized Optional<FakeUser> resolve(String pathId) {
        return Optional.ofNullable(resolveStored(pathId)).map(StoredUser::snapshot);
    }

    synchronized List<FakeUser> users() {
        List<FakeUser> users = new ArrayList<>(byId.size());
        for (StoredUser user : byId.values()) {
            users.add(user.snapshot());
        }
        return Collections.unmodifiableList(users);
    }

    /**
     * The users that match, in creation order, starting after the user with id {@code afterId} (which may since have
     * been deleted); {@code null} for the start.
     */
    synchronized List<FakeUser> select(Predicate<FakeUser> predicate, String afterId) {
        long after = -1;
        if (afterId != null) {
            Long sequence = sequenceOfId.get(afterId);
            if (sequence == null) {
                throw new IllegalArgumentException("unknown cursor");
            }
            after = sequence;
        }
        List<FakeUser> result = new ArrayList<>();
        for (StoredUser user : byId.values()) {
            if (user.sequence > after) {
                FakeUser snapshot = user.snapshot();
                if (predicate.test(snapshot)) {
                    result.add(snapshot);
                }
            }
        }
        return result;
    }

    /** Sets a user's status as someone else would; revokes the token if its owner is deprovisioned. */
    synchronized FakeUser setStatus(String loginOrId, UserStatus status) {
        Objects.requireNonNull(status, "status");
        if (status == UserStatus.UNKNOWN_DEFAULT_OPEN_API) {
            throw new IllegalArgumentException("status must be a real Okta status: " + status);
        }
        StoredUser user = findStored(loginOrId);
        if (user == null) {
            throw new IllegalArgumentException("no such user: " + loginOrId);
        }
        changeStatus(user, status);
        return user.snapshot();
    }

    /** Renames a user, as an admin would: same id, another login. */
    synchronized FakeUser rename(String loginOrId, String newLogin) {
        Objects.requireNonNull(newLogin, "newLogin");
        StoredUser user = findStored(loginOrId);
        if (user == null) {
            throw new IllegalArgumentException("no such user: " + loginOrId);
        }
        if (byLowerLogin.containsKey(lower(newLogin))) {
            throw new IllegalArgumentException("a user with this login already exists: " + newLogin);
        }
        byLowerLogin.remove(lower(user.login));
        user.login = newLogin;
        user.lastUpdated = clock.instant();
        byLowerLogin.put(lower(newLogin), user);
        return user.snapshot();
    }

    /** Deletes a user as someone else would, without recording it in {@link #deletedLogins()}. */
    synchronized boolean remove(String loginOrId) {
        StoredUser user = findStored(loginOrId);
        if (user == null) {
            return false;
        }
        forget(user);
        return true;
    }

    synchronized Set<String> deletedLogins() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(deletedLogins));
    }

    synchronized void setTokenOwner(String login) {
        tokenOwnerLogin = login;
    }

    synchronized void revokeToken() {
        tokenRevoked = true;
    }

    synchronized void restoreToken() {
        tokenRevoked = false;
    }

    synchronized boolean tokenRevoked() {
        return tokenRevoked;
    }

    /** {@code POST /api/v1/users/{id}/lifecycle/deactivate}. */
    synchronized Change deactivate(String pathId) {
        StoredUser user = resolveStored(pathId);
        if (user == null) {
            return Change.NOT_FOUND;
        }
        if (user.status == UserStatus.DEPROVISIONED) {
            return Change.ALREADY_DEPROVISIONED;
        }
        changeStatus(user, UserStatus.DEPROVISIONED);
        return Change.DEACTIVATED;
    }

    /** {@code DELETE /api/v1/users/{id}}: deactivates, or deletes a deprovisioned user. */
    synchronized Change delete(String pathId) {
        StoredUser user = resolveStored(pathId);
        if (user == null) {
            return Change.NOT_FOUND;
        }
        if (user.status != UserStatus.DEPROVISIONED) {
            changeStatus(user, UserStatus.DEPROVISIONED);
            return Change.DEACTIVATED;
        }
        forget(user);
        deletedLogins.add(user.login);
        return Change.DELETED;
    }

    private void changeStatus(StoredUser user, UserStatus status) {
        Instant now = clock.instant();
        if (user.status != status) {
            user.statusChanged = now;
        }
        if (user.activated == null && status != UserStatus.STAGED && status != UserStatus.DEPROVISIONED) {
            user.activated = now;
        }
        user.status = status;
        user.lastUpdated = now;
        if (status == UserStatus.DEPROVISIONED) {
            revokeIfOwner(user);
        }
    }

    private void forget(StoredUser user) {
        byId.remove(user.id);
        byLowerLogin.remove(lower(user.login));
        revokeIfOwner(user);
    }

    private void revokeIfOwner(StoredUser user) {
        if (ownerDeactivationRevokesToken && tokenOwnerLogin != null && user.login.equalsIgnoreCase(tokenOwnerLogin)) {
            tokenRevoked = true;
        }
    }

    private StoredUser findStored(String loginOrId) {
        Objects.requireNonNull(loginOrId, "loginOrId");
        StoredUser user = byId.get(loginOrId);
        return user != null ? user : byLowerLogin.get(lower(loginOrId));
    }

    private StoredUser resolveStored(String pathId) {
        StoredUser user = byId.get(pathId);
        if (user != null) {
            return user;
        }
        if (pathId.equals("me")) {
            return tokenOwnerLogin == null ? null : byLowerLogin.get(lower(tokenOwnerLogin));
        }
        user = byLowerLogin.get(lower(pathId));
        if (user != null) {
            return user;
        }
        if (pathId.indexOf('@') >= 0) {
            return null;
        }
        StoredUser match = null;
        for (StoredUser candidate : byId.values()) {
            if (shortname(candidate.login).equalsIgnoreCase(pathId)) {
                if (match != null) {
                    return null; // ambiguous
                }
                match = candidate;
            }
        }
        return match;
    }

    private static String shortname(String login) {
        int at = login.indexOf('@');
        return at < 0 ? login : login.substring(0, at);
    }

    private static String lower(String login) {
        return login.toLowerCase(Locale.ROOT);
    }
}

package io.github.oktabulkdelete.internal;

import io.github.oktabulkdelete.OktaRequestException;
import io.github.oktabulkdelete.RateLimitStatus;
import java.util.List;
import java.util.function.Supplier;

/**
 * A gateway that tells a {@link RunObserver} about every request it makes: its route, its HTTP status (0 when no
 * response arrived) and how long it took. It wraps the deleter's gateway when metrics are on, so that every request
 * is seen, whichever code path makes it. It must override every method of {@link OktaGateway} (a test checks it).
 */
public final class ObservedGateway implements OktaGateway {

    private final OktaGateway delegate;
    private final RunObserver observer;

    public ObservedGateway(OktaGateway delegate, RunObserver observer) {
        this.delegate = delegate;
        this.observer = observer;
    }

    @Override
    public FoundUser getUser(String idOrLogin) {
        return observe(CallRoute.LOOKUP, 200, () -> delegate.getUser(idOrLogin));
    }

    @Override
    public List<FoundUser> findByLogin(String login) {
        return observe(CallRoute.SEARCH, 200, () -> delegate.findByLogin(login));
    }

    @Override
    public void deactivate(String userId) {
        observe(CallRoute.DEACTIVATE, 200, () -> {
            delegate.deactivate(userId);
            return null;
        });
    }

    @Override
    public void delete(String userId) {
        observe(CallRoute.DELETE, 204, () -> {
            delegate.delete(userId);
            return null;
        });
    }

    @Override
    public UserPage searchUsers(String search, String after, int limit) {
        return observe(CallRoute.SEARCH, 200, () -> delegate.searchUsers(search, after, limit));
    }

    @Override
    public UserPage groupMembers(String groupId, String after, int limit) {
        return observe(CallRoute.GROUPS, 200, () -> delegate.groupMembers(groupId, after, limit));
    }

    @Override
    public FoundGroup getGroup(String groupId) {
        return observe(CallRoute.GROUPS, 200, () -> delegate.getGroup(groupId));
    }

    @Override
    public List<FoundGroup> findGroups(String query, int limit) {
        return observe(CallRoute.GROUPS, 200, () -> delegate.findGroups(query, limit));
    }

    @Override
    public List<io.github.oktabulkdelete.GroupRecord> userGroups(String userId) {
        return observe(CallRoute.USER_GROUPS, 200, () -> delegate.userGroups(userId));
    }

    @Override
    public String createUser(io.github.oktabulkdelete.UserRecord record, List<String> groupIds) {
        return observe(CallRoute.CREATE, 200, () -> delegate.createUser(record, groupIds));
    }

    @Override
    public RateLimitStatus takeRateLimitStatus() {
        return delegate.takeRateLimitStatus();
    }

    @Override
    public String orgUrl() {
        return delegate.orgUrl();
    }

    /** The status of a success is the one Okta documents for the call (204 for a DELETE, else 200). */
    private <T> T observe(CallRoute route, int successStatus, Supplier<T> request) {
        String tag = RouteTags.of(route);
        observer.requestStarted(tag);
        long start = System.nanoTime();
        int status = 0;
        try {
            T value = request.get();
            status = successStatus;
            return value;
        } catch (OktaRequestException e) {
            status = e.httpStatus();
            throw e;
        } finally {
            observer.requestEnded(tag, status, System.nanoTime() - start);
        }
    }
}

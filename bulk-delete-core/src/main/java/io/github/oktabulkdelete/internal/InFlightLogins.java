package io.github.oktabulkdelete.internal;

import io.github.oktabulkdelete.RateLimitStatus;
import io.github.oktabulkdelete.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The logins a batch has handed to its workers and not yet finished, and whether a change (deactivate or DELETE) of
 * each was sent: what a batch needs to give the logins still in flight an outcome when its grace period ends
 * ({@link io.github.oktabulkdelete.Cancellation#withGracePeriod}), and to keep the abandoned workers from sending
 * any change afterwards.
 *
 * <p>Thread-safe: the batch thread adds and abandons, the workers begin, finish and send changes.
 */
final class InFlightLogins {

    /** One login handed to a worker. */
    static final class Entry {
        private final long index;
        private final String login;
        private Step changeSent; // guarded by the InFlightLogins
        private String userId; // guarded by the InFlightLogins
        private boolean abandoned; // guarded by the InFlightLogins

        private Entry(long index, String login) {
            this.index = index;
            this.login = login;
        }
    }

    /**
     * A login abandoned in flight.
     *
     * @param index its position in the input
     * @param login the login
     * @param changeSent the last change step sent for it, or {@code null} when none was
     * @param userId the id the change was sent for, or {@code null}
     */
    record Abandoned(long index, String login, Step changeSent, String userId) {
    }

    private final Map<Long, Entry> entries = new LinkedHashMap<>();
    private final ThreadLocal<Entry> current = new ThreadLocal<>();
    private boolean abandoned;

    /** Called by the batch thread as it hands {@code login} to a worker. */
    synchronized Entry add(long index, String login) {
        Entry entry = new Entry(index, login);
        entries.put(index, entry);
        return entry;
    }

    /** Called by the worker as it starts; {@code false} if the login was abandoned before it started. */
    synchronized boolean begin(Entry entry) {
        if (entry.abandoned) {
            return false;
        }
        current.set(entry);
        return true;
    }

    /**
     * Called by the worker when its login has an outcome; {@code false} if the login was abandoned, so that its
     * outcome must be dropped.
     */
    synchronized boolean finish(Entry entry) {
        current.remove();
        return entries.remove(entry.index) != null;
    }

    /** Called by the worker that ends without an outcome of its own (it was abandoned). */
    synchronized void leave() {
        current.remove();
    }

    /** Whether the batch abandoned its logins in flight. */
    synchronized boolean isAbandoned() {
        return abandoned;
    }

    /** Abandons every login in flight: from now on none of them sends a change, and their outcomes are dropped. */
    synchronized List<Abandoned> abandonAll() {
        abandoned = true;
        List<Abandoned> left = new ArrayList<>();
        for (Entry entry : entries.values()) {
            entry.abandoned = true;
            left.add(new Abandoned(entry.index, entry.login, entry.changeSent, entry.userId));
        }
        entries.clear();
        return left;
    }

    /**
     * Notes that the calling worker is about to send a change of its login.
     *
     * @throws RunCancelledException if its login was abandoned: the change must not be sent
     */
    private synchronized void changeStarting(Step step, String userId) {
        Entry entry = current.get();
        if (entry == null) {
            return;
        }
        if (entry.abandoned) {
            throw new RunCancelledException("the grace period ended: no change is sent for '" + entry.login + "'");
        }
        entry.changeSent = step;
        entry.userId = userId;
    }

    /** {@code gateway}, noting each change it sends for the login of the calling worker. */
    OktaGateway guard(OktaGateway gateway) {
        return new OktaGateway() {
            @Override
            public FoundUser getUser(String idOrLogin) {
                return gateway.getUser(idOrLogin);
            }

            @Override
            public List<FoundUser> findByLogin(String login) {
                return gateway.findByLogin(login);
            }

            @Override
            public void deactivate(String userId) {
                changeStarting(Step.DEACTIVATE, userId);
                gateway.deactivate(userId);
            }

            @Override
            public void delete(String userId) {
                changeStarting(Step.DELETE, userId);
                gateway.delete(userId);
            }

            @Override
            public UserPage searchUsers(String search, String after, int limit) {
                return gateway.searchUsers(search, after, limit);
            }

            @Override
            public UserPage groupMembers(String groupId, String after, int limit) {
                return gateway.groupMembers(groupId, after, limit);
            }

            @Override
            public FoundGroup getGroup(String groupId) {
                return gateway.getGroup(groupId);
            }

            @Override
            public List<FoundGroup> findGroups(String query, int limit) {
                return gateway.findGroups(query, limit);
            }

            @Override
            public List<io.github.oktabulkdelete.GroupRecord> userGroups(String userId) {
                return gateway.userGroups(userId);
            }

            @Override
            public String createUser(io.github.oktabulkdelete.UserRecord record, List<String> groupIds) {
                return gateway.createUser(record, groupIds);
            }

            @Override
            public RateLimitStatus takeRateLimitStatus() {
                return gateway.takeRateLimitStatus();
            }

            @Override
            public String orgUrl() {
                return gateway.orgUrl();
            }

            @Override
            public String toString() {
                return gateway.toString();
            }
        };
    }
}

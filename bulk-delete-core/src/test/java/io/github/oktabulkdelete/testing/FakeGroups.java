package io.github.oktabulkdelete.testing;

import com.okta.sdk.resource.model.GroupType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * The groups of a {@link FakeOktaOrg} and their members, as Okta keeps them: the built-in {@code Everyone} group
 * ({@code BUILT_IN}) that every user belongs to, {@code OKTA_GROUP}s and {@code APP_GROUP}s. Deleting a user removes
 * its memberships (a deleted user is no member of anything, and its id is never reused); deactivating keeps them.
 *
 * <p>Thread-safe: every method is synchronized. Reach it through {@link FakeOktaOrg#groups()}.
 *
 * <pre>{@code
 * FakeGroup contractors = org.groups().add("Contractors-Offboarded", GroupType.OKTA_GROUP);
 * org.groups().addMember(contractors.id(), "jsmith@corp.com");
 * assertThat(org.groups().groupsOf("jsmith@corp.com")).extracting(FakeGroup::name)
 *         .containsExactly("Everyone", "Contractors-Offboarded");
 * }</pre>
 */
public final class FakeGroups {

    /** The name of the built-in group every user belongs to. */
    public static final String EVERYONE = "Everyone";

    private final OrgState state;
    private final Clock clock;
    private final Random idRandom = new Random(0x060A_060AL);
    private final Map<String, FakeGroup> byId = new LinkedHashMap<>();
    /** Members of each group but Everyone: user id to the sequence number of its membership, in that order. */
    private final Map<String, LinkedHashMap<String, Long>> members = new HashMap<>();
    /** Every membership's sequence number ever given, by group and user id: cursors survive a removal. */
    private final Map<String, Map<String, Long>> everMembers = new HashMap<>();
    private final FakeGroup everyone;
    private long nextSequence;

    FakeGroups(OrgState state, Clock clock) {
        this.state = state;
        this.clock = clock;
        this.everyone = create(EVERYONE, "All users in your organization", GroupType.BUILT_IN);
    }

    /**
     * Adds a group.
     *
     * @param name the group's {@code profile.name}; Okta allows two app groups of one name, so this does too
     * @param type {@code OKTA_GROUP} or {@code APP_GROUP}
     * @return a snapshot of the new group, with an Okta-looking id ({@code 00g} and 17 letters and digits)
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if the name is blank or the type is not {@code OKTA_GROUP} or
     *         {@code APP_GROUP}
     */
    public synchronized FakeGroup add(String name, GroupType type) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        if (type != GroupType.OKTA_GROUP && type != GroupType.APP_GROUP) {
            throw new IllegalArgumentException("type must be OKTA_GROUP or APP_GROUP (Everyone is built in): " + type);
        }
        return create(name, "", type);
    }

    /**
     * The built-in {@code Everyone} group.
     *
     * @return its snapshot
     */
    public FakeGroup everyone() {
        return everyone;
    }

    /**
     * Makes a user a member of a group, as an admin or a group rule would; a user already in it stays once.
     *
     * @param groupId the group's id
     * @param loginOrId the user, an id or a login (case-insensitive)
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if there is no such group or user, or the group is {@code Everyone}
     */
    public synchronized void addMember(String groupId, String loginOrId) {
        FakeGroup group = existing(groupId);
        if (group.type() == GroupType.BUILT_IN) {
            throw new IllegalArgumentException("every user is in Everyone already");
        }
        FakeUser user = state.find(loginOrId)
                .orElseThrow(() -> new IllegalArgumentException("no such user: " + loginOrId));
        add(group.id(), user.id());
    }

    /**
     * Deletes a group (not {@code Everyone}): its memberships go with it.
     *
     * @param groupId the group's id
     * @return {@code true} if it existed
     * @throws NullPointerException if {@code groupId} is {@code null}
     * @throws IllegalArgumentException if it is {@code Everyone}
     */
    public synchronized boolean remove(String groupId) {
        Objects.requireNonNull(groupId, "groupId");
        if (groupId.equals(everyone.id())) {
            throw new IllegalArgumentException("Everyone cannot be deleted");
        }
        members.remove(groupId);
        return byId.remove(groupId) != null;
    }

    /**
     * A group by id.
     *
     * @param groupId the id
     * @return its snapshot, or empty
     * @throws NullPointerException if {@code groupId} is {@code null}
     */
    public synchronized Optional<FakeGroup> group(String groupId) {
        return Optional.ofNullable(byId.get(Objects.requireNonNull(groupId, "groupId")));
    }

    /**
     * Every group, {@code Everyone} first, then in creation order.
     *
     * @return an unmodifiable list of snapshots
     */
    public synchronized List<FakeGroup> all() {
        return List.copyOf(byId.values());
    }

    /**
     * The groups a user is a member of ({@code Everyone} first, then in creation order); empty once deleted.
     *
     * @param loginOrId an id or a login (case-insensitive)
     * @return an unmodifiable list of snapshots
     * @throws NullPointerException if {@code loginOrId} is {@code null}
     */
    public synchronized List<FakeGroup> groupsOf(String loginOrId) {
        return state.find(loginOrId).map(user -> groupsOfId(user.id())).orElse(List.of());
    }

    /**
     * The users of a group that still exist, in the order they joined ({@code Everyone}: creation order).
     *
     * @param groupId the group's id
     * @return an unmodifiable list of snapshots
     * @throws NullPointerException if {@code groupId} is {@code null}
     * @throws IllegalArgumentException if there is no such group
     */
    public synchronized List<FakeUser> members(String groupId) {
        return membersAfter(existing(groupId).id(), null);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // For the endpoints.

    /** The groups of the user with this id, for {@code GET /api/v1/users/{id}/groups}. */
    synchronized List<FakeGroup> groupsOfId(String userId) {
        List<FakeGroup> result = new ArrayList<>();
        for (FakeGroup group : byId.values()) {
            if (group == everyone || members.getOrDefault(group.id(), new LinkedHashMap<>()).containsKey(userId)) {
                result.add(group);
            }
        }
        return Collections.unmodifiableList(result);
    }

    /**
     * The existing members after the member with id {@code afterUserId} (which may have left or been deleted since),
     * {@code null} for the start.
     *
     * @throws IllegalArgumentException if the cursor is no member the group ever had
     */
    synchronized List<FakeUser> membersAfter(String groupId, String afterUserId) {
        if (groupId.equals(everyone.id())) {
            return state.select(user -> true, afterUserId);
        }
        long after = -1;
        if (afterUserId != null) {
            Long sequence = everMembers.getOrDefault(groupId, Map.of()).get(afterUserId);
            if (sequence == null) {
                throw new IllegalArgumentException("unknown cursor");
            }
            after = sequence;
        }
        List<FakeUser> result = new ArrayList<>();
        for (Map.Entry<String, Long> member : members.getOrDefault(groupId, new LinkedHashMap<>()).entrySet()) {
            if (member.getValue() > after) {
                state.find(member.getKey()).filter(user -> user.id().equals(member.getKey())).ifPresent(result::add);
            }
        }
        return result;
    }

    /**
     * Creates a user in OKTA_GROUPs at once, as {@code POST /api/v1/users} with {@code groupIds}: every group is
     * checked before the user is created.
     *
     * @return the reply to send
     */
    synchronized FakeReply createUser(List<String> groupIds, java.util.function.Supplier<FakeUser> create) {
        if (groupIds.size() > 20) {
            FakeReply reply = FakeReply.error(400, "E0000093", "Target count limit exceeded");
            ((com.fasterxml.jackson.databind.node.ArrayNode) reply.body().get("errorCauses")).addObject()
                    .put("errorSummary", "The number of group targets is too large");
            return reply;
        }
        for (String groupId : groupIds) {
            FakeGroup group = byId.get(groupId);
            if (group == null) {
                return FakeReply.validationFailed("groupIds", "groupIds: Group " + groupId + " does not exist");
            }
            if (group.type() != GroupType.OKTA_GROUP) {
                return FakeReply.validationFailed("groupIds", "groupIds: Group " + groupId + " is of type "
                        + group.type().getValue() + "; only OKTA_GROUP groups can be assigned to a new user");
            }
        }
        FakeUser user = create.get(); // throws IllegalArgumentException for a login taken
        for (String groupId : groupIds) {
            add(groupId, user.id());
        }
        return null;
    }

    private void add(String groupId, String userId) {
        LinkedHashMap<String, Long> groupMembers = members.computeIfAbsent(groupId, k -> new LinkedHashMap<>());
        if (!groupMembers.containsKey(userId)) {
            long sequence = nextSequence++;
            groupMembers.put(userId, sequence);
            everMembers.computeIfAbsent(groupId, k -> new HashMap<>()).put(userId, sequence);
        }
    }

    private FakeGroup existing(String groupId) {
        Objects.requireNonNull(groupId, "groupId");
        FakeGroup group = byId.get(groupId);
        if (group == null) {
            throw new IllegalArgumentException("no such group: " + groupId);
        }
        return group;
    }

    private FakeGroup create(String name, String description, GroupType type) {
        String id;
        do {
            id = "00g" + OktaErrors.alphanumeric(idRandom, 17);
        } while (byId.containsKey(id) || everMembers.containsKey(id));
        Instant now = clock.instant();
        FakeGroup group = new FakeGroup(id, name, description, type, now, now);
        byId.put(id, group);
        everMembers.put(id, new HashMap<>());
        return group;
    }
}

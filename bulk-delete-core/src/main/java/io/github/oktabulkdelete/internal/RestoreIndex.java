package io.github.oktabulkdelete.internal;

import io.github.oktabulkdelete.DeletionOutcome;
import io.github.oktabulkdelete.SkipReason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a restore needs to know of a journal, read in streaming passes without holding its outcomes: which logins the
 * journal reports {@code Deleted} (by the rules of {@code JournalContents}: the outcome a login keeps), and by which
 * user id, as hashes (about 48 bytes per login); and, for the logins named, the kind of outcome kept. Not
 * thread-safe.
 */
public final class RestoreIndex {

    /** Three longs per slot: two hashes of the login key, and a hash of the deleted user's id (0: not deleted). */
    private long[] table = new long[3 * 1024];
    private int size;
    private final Map<String, DeletionOutcome> named;

    private RestoreIndex(Map<String, DeletionOutcome> named) {
        this.named = named;
    }

    /**
     * Reads the outcomes of a journal.
     *
     * @param names the login keys named, whose kept outcome to remember; empty for none
     */
    public static RestoreIndex read(Path file, java.util.Set<String> names) throws IOException {
        Map<String, DeletionOutcome> kept = new HashMap<>();
        RestoreIndex index = new RestoreIndex(kept);
        JournalReader.records(file, false, parsed -> {
            DeletionOutcome outcome = parsed.outcome();
            if (outcome == null) {
                return;
            }
            String key = LoginScreen.key(outcome.login());
            if (names.contains(key)) {
                DeletionOutcome before = kept.get(key);
                if (before == null || replaces(outcome, before)) {
                    kept.put(key, outcome);
                }
            }
            if (outcome instanceof DeletionOutcome.Deleted d) {
                index.put(key, hash(d.userId()));
            } else if (JournalReader.isFinal(outcome) && !(outcome instanceof DeletionOutcome.NotFound)
                    && !(outcome instanceof DeletionOutcome.Skipped s && s.reason() == SkipReason.DUPLICATE)) {
                index.put(key, 0); // a later final outcome replaces a deletion (the login names another user now)
            }
        });
        return index;
    }

    /** Whether the journal reports this login deleted, as the user of this id. */
    public boolean isDeleted(String key, String userId) {
        long id = slotValue(key);
        return id != 0 && id == hash(userId);
    }

    /** Whether the journal reports this login deleted (as any user). */
    public boolean isDeleted(String key) {
        return slotValue(key) != 0;
    }

    /** The outcome a named login keeps, or {@code null} when the journal has none for it. */
    public DeletionOutcome namedOutcome(String key) {
        return named.get(key);
    }

    /** Streams the {@code Deleted} outcomes of the journal, in file order (a login may appear more than once). */
    public static void deletions(Path file, Consumer<DeletionOutcome.Deleted> deletions) throws IOException {
        JournalReader.records(file, false, parsed -> {
            if (parsed.outcome() instanceof DeletionOutcome.Deleted d) {
                deletions.accept(d);
            }
        });
    }

    private static boolean replaces(DeletionOutcome later, DeletionOutcome kept) {
        if (JournalReader.isFinal(kept) && !JournalReader.isFinal(later)) {
            return false;
        }
        return !(kept instanceof DeletionOutcome.Deleted && later instanceof DeletionOutcome.NotFound);
    }

    private void put(String key, long value) {
        if ((size + 1) * 2 > table.length / 3) {
            grow();
        }
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        if (insert(table, nonZero(hash(bytes, 0xcbf29ce484222325L)), nonZero(hash(bytes, 0x9E3779B97F4A7C15L)),
                value)) {
            size++;
        }
    }

    private long slotValue(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        long a = nonZero(hash(bytes, 0xcbf29ce484222325L));
        long b = nonZero(hash(bytes, 0x9E3779B97F4A7C15L));
        int slots = table.length / 3;
        for (int i = (int) (a & (slots - 1)); ; i = (i + 1) & (slots - 1)) {
            if (table[3 * i] == 0) {
                return 0;
            }
            if (table[3 * i] == a && table[3 * i + 1] == b) {
                return table[3 * i + 2];
            }
        }
    }

    /** @return whether a new slot was taken */
    private static boolean insert(long[] into, long a, long b, long value) {
        int slots = into.length / 3;
        for (int i = (int) (a & (slots - 1)); ; i = (i + 1) & (slots - 1)) {
            if (into[3 * i] == 0) {
                into[3 * i] = a;
                into[3 * i + 1] = b;
                into[3 * i + 2] = value;
                return true;
            }
            if (into[3 * i] == a && into[3 * i + 1] == b) {
                into[3 * i + 2] = value;
                return false;
            }
        }
    }

    private void grow() {
        long[] old = table;
        long[] bigger = new long[old.length * 2];
        for (int i = 0; i < old.length; i += 3) {
            if (old[i] != 0) {
                insert(bigger, old[i], old[i + 1], old[i + 2]);
            }
        }
        table = bigger;
    }

    private static long hash(String userId) {
        return nonZero(hash(userId.getBytes(StandardCharsets.UTF_8), 0x2545F4914F6CDD1DL));
    }

    /** 64-bit FNV-1a from a seed, then a final mix. */
    static long hash(byte[] bytes, long seed) {
        long h = seed;
        for (byte b : bytes) {
            h ^= b & 0xFF;
            h *= 0x100000001b3L;
        }
        h ^= seed;
        h = (h ^ (h >>> 33)) * 0xff51afd7ed558ccdL;
        h = (h ^ (h >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }

    private static long nonZero(long h) {
        return h == 0 ? 1 : h;
    }
}

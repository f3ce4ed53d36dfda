package io.github.oktabulkdelete.internal;

import java.nio.charset.StandardCharsets;

/**
 * The logins a batch has seen, case-insensitively, in 8 to 16 bytes each: a set of 64-bit hashes in open
 * addressing, so that the streaming form stays small over millions of logins. Two different logins share a hash
 * with a probability of about n&sup2;/2<sup>65</sup> (3&middot;10<sup>-8</sup> for a million); the cost of that
 * is a login wrongly skipped as a duplicate, never a wrong deletion.
 */
final class SeenLogins {

    private static final long EMPTY = 0L;

    private long[] table = new long[1024];
    private int size;

    /** Adds a login; {@code false} when it was already there. */
    boolean add(String login) {
        long hash = hash(LoginScreen.key(login));
        if (size * 2 >= table.length) {
            grow();
        }
        if (!insert(table, hash)) {
            return false;
        }
        size++;
        return true;
    }

    private boolean insert(long[] into, long hash) {
        int mask = into.length - 1;
        int i = (int) (hash ^ (hash >>> 32)) & mask;
        while (into[i] != EMPTY) {
            if (into[i] == hash) {
                return false;
            }
            i = (i + 1) & mask;
        }
        into[i] = hash;
        return true;
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        for (long h : old) {
            if (h != EMPTY) {
                insert(table, h);
            }
        }
    }

    /** 64-bit FNV-1a over the UTF-8 bytes, finished with a MurmurHash3 mix; never 0. */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == EMPTY ? 1 : h;
    }
}

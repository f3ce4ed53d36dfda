package io.github.oktabulkdelete.internal;

import java.nio.charset.StandardCharsets;

/**
 * A compact set of login keys, for a pass over millions of logins: each key is kept as a 128-bit hash (two 64-bit
 * hashes of its UTF-8 bytes, with different seeds) in an open-addressing table of longs, about 32 bytes per key instead
 * of about 100 for a {@code HashSet<String>}. Two distinct keys are taken for one only if both hashes collide. Not thread-safe.
 */
public final class LoginHashes {

    private long[] table = new long[2 * 1024];
    private int size;

    /**
     * Adds a key.
     *
     * @param key a login key ({@link LoginScreen#key})
     * @return whether it was not in the set yet
     */
    public boolean add(String key) {
        if ((size + 1) * 2 > table.length / 2) {
            grow();
        }
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        return insert(table, nonZero(hash(bytes, 0xcbf29ce484222325L)), nonZero(hash(bytes, 0x9E3779B97F4A7C15L)));
    }

    /**
     * Whether a key was added.
     *
     * @param key a login key
     * @return {@code true} if it is in the set
     */
    public boolean contains(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        long a = nonZero(hash(bytes, 0xcbf29ce484222325L));
        long b = nonZero(hash(bytes, 0x9E3779B97F4A7C15L));
        int slots = table.length / 2;
        for (int i = (int) (mix(a) & (slots - 1)); ; i = (i + 1) & (slots - 1)) {
            if (table[2 * i] == 0) {
                return false;
            }
            if (table[2 * i] == a && table[2 * i + 1] == b) {
                return true;
            }
        }
    }

    private boolean insert(long[] into, long a, long b) {
        int slots = into.length / 2;
        for (int i = (int) (mix(a) & (slots - 1)); ; i = (i + 1) & (slots - 1)) {
            if (into[2 * i] == 0) {
                into[2 * i] = a;
                into[2 * i + 1] = b;
                if (into == table) {
                    size++;
                }
                return true;
            }
            if (into[2 * i] == a && into[2 * i + 1] == b) {
                return false;
            }
        }
    }

    private void grow() {
        long[] old = table;
        long[] bigger = new long[old.length * 2];
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != 0) {
                insert(bigger, old[i], old[i + 1]);
            }
        }
        table = bigger;
    }

    /** 64-bit FNV-1a from a seed, then a final mix. */
    private static long hash(byte[] bytes, long seed) {
        long h = seed;
        for (byte b : bytes) {
            h ^= b & 0xFF;
            h *= 0x100000001b3L;
        }
        return mix(h ^ seed);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    private static long nonZero(long h) {
        return h == 0 ? 1 : h;
    }
}

package io.vigil.enrich;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A bounded map that forgets the least recently used entry. Enrichment looks up the same few
 * client addresses over and over, so a small cache in front of a database pays. Thread-safe (one
 * lock; a lookup under it is a hash probe, the computation runs outside it).
 */
final class LruCache<K, V> {
    private final Map<K, V> map;

    LruCache(int capacity) {
        this.map = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The cached value, or the computed one (then cached). Two threads may compute the same key once each. */
    V get(K key, Function<K, V> compute) {
        synchronized (map) {
            V v = map.get(key);
            if (v != null) {
                return v;
            }
        }
        V v = compute.apply(key);
        synchronized (map) {
            map.put(key, v);
        }
        return v;
    }

    int size() {
        synchronized (map) {
            return map.size();
        }
    }
}

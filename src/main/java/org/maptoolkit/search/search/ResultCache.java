package org.maptoolkit.search.search;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.apache.lucene.index.IndexReader;

/**
 * The most recently used answers computed on one index reader, reused only while that reader is the
 * one searches see: a commit that opens a new reader empties the cache, so an answer can never be
 * staler than the index. Repeated searches are the common case for a search box (the same popular
 * words, the same prefixes typed again), and a hit skips all the index work.
 */
public final class ResultCache<K, V> {
  private final int capacity;
  private final Map<K, V> entries;
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  // The reader the entries were computed on: its cache key, which does not keep it alive.
  private Object reader;

  /**
   * @param capacity how many answers to keep; 0 turns the cache off
   */
  public ResultCache(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("the cache size cannot be negative, got " + capacity);
    }
    this.capacity = capacity;
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > ResultCache.this.capacity;
          }
        };
  }

  /**
   * The answer for {@code key} on {@code indexReader}: the cached one, or the one {@code compute}
   * returns, kept when {@code keep} accepts it (a partial answer should not be kept). Computing
   * happens outside the lock, so a slow search never holds up cached ones.
   */
  public V get(
      IndexReader indexReader, K key, Supplier<V> compute, java.util.function.Predicate<V> keep) {
    if (capacity == 0) {
      return compute.get();
    }
    IndexReader.CacheHelper helper = indexReader.getReaderCacheHelper();
    if (helper == null) {
      return compute.get();
    }
    Object readerKey = helper.getKey();
    synchronized (this) {
      if (reader != readerKey) {
        entries.clear();
        reader = readerKey;
      }
      V cached = entries.get(key);
      if (cached != null) {
        hits.increment();
        return cached;
      }
    }
    misses.increment();
    V value = compute.get();
    if (value != null && keep.test(value)) {
      synchronized (this) {
        if (reader == readerKey) {
          entries.put(key, value);
        }
      }
    }
    return value;
  }

  /** Counts since start, for metrics. */
  public record Stats(long hits, long misses, int size, int capacity) {}

  public Stats stats() {
    synchronized (this) {
      return new Stats(hits.sum(), misses.sum(), entries.size(), capacity);
    }
  }
}

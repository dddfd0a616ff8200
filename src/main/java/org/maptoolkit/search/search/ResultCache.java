package org.maptoolkit.search.search;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.lucene.index.IndexReader;

/**
 * Answers computed on one index reader, reused only while that reader is the one searches see: a
 * commit that opens a new reader empties the cache, so an answer can never be staler than the
 * index. Repeated searches are the common case for a search box (the same popular words, the same
 * prefixes typed again), and a hit skips all the index work. Caffeine keeps the most useful entries
 * within the size.
 */
public final class ResultCache<K, V> {
  private final int capacity;
  private final Cache<Entry<K>, V> entries;
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  // The reader the entries were computed on: its cache key, which does not keep it alive.
  private final AtomicReference<Object> reader = new AtomicReference<>();

  /** An answer's key, with the reader it was computed on, so a late answer never crosses over. */
  private record Entry<K>(Object reader, K key) {}

  /**
   * A cache of at most {@code capacity} answers.
   *
   * @param capacity how many answers to keep; 0 turns the cache off
   */
  public ResultCache(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("the cache size cannot be negative, got " + capacity);
    }
    this.capacity = capacity;
    // Maintenance on the calling thread: no background tasks, and sizes are exact when read.
    this.entries = Caffeine.newBuilder().maximumSize(capacity).executor(Runnable::run).build();
  }

  /**
   * The answer for {@code key} on {@code indexReader}: the cached one, or the one {@code compute}
   * returns, kept when {@code keep} accepts it (a partial answer should not be kept). Computing
   * happens outside any lock, so a slow search never holds up cached ones.
   */
  public V get(IndexReader indexReader, K key, Supplier<V> compute, Predicate<V> keep) {
    if (capacity == 0) {
      return compute.get();
    }
    IndexReader.CacheHelper helper = indexReader.getReaderCacheHelper();
    if (helper == null) {
      return compute.get();
    }
    Object readerKey = helper.getKey();
    Object previous = reader.getAndSet(readerKey);
    if (previous != readerKey) {
      entries.invalidateAll();
    }
    Entry<K> entry = new Entry<>(readerKey, key);
    V cached = entries.getIfPresent(entry);
    if (cached != null) {
      hits.increment();
      return cached;
    }
    misses.increment();
    V value = compute.get();
    if (value != null && keep.test(value) && reader.get() == readerKey) {
      entries.put(entry, value);
    }
    return value;
  }

  /** Counts since start, for metrics. */
  public record Stats(long hits, long misses, int size, int capacity) {}

  public Stats stats() {
    entries.cleanUp();
    return new Stats(hits.sum(), misses.sum(), (int) entries.estimatedSize(), capacity);
  }
}

package org.maptoolkit.search.semantic;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.maptoolkit.search.document.ContentHash;

/**
 * BAAI bge-small-en-v1.5 (int8-quantized) run in process: texts in, L2-normalised 384-dimension
 * vectors out. Loaded once with {@link #load}, which reports a model that cannot run here as a
 * value instead of throwing, so that the service keeps serving keyword search. Safe for concurrent
 * use; query vectors are cached.
 */
public final class Embedder implements AutoCloseable {
  /** The length of every vector. */
  public static final int DIMENSIONS = 384;

  /** The model's window in tokens, {@code [CLS]} and {@code [SEP]} included. */
  public static final int MAX_TOKENS = 512;

  /** What BGE models expect before a short query that looks for longer passages. */
  public static final String QUERY_PREFIX =
      "Represent this sentence for searching relevant passages: ";

  /**
   * How to load and run the model.
   *
   * @param modelResource the ONNX model on the class path
   * @param tokenizerResource its Hugging Face {@code tokenizer.json} on the class path
   * @param threads threads one model run may use (ONNX Runtime's intra-op threads)
   * @param parallelism model runs {@link #embedPassages} makes at once
   * @param queryCacheEntries query vectors kept (0: none)
   * @param queryPrefix put before every query ({@link #QUERY_PREFIX}, or empty: on SciFact the
   *     fused ranking was as good without it and a query is a third cheaper to embed; see
   *     docs/semantic.md)
   */
  public record Settings(
      String modelResource,
      String tokenizerResource,
      int threads,
      int parallelism,
      int queryCacheEntries,
      String queryPrefix) {
    public Settings {
      if (threads < 1 || parallelism < 1 || queryCacheEntries < 0) {
        throw new IllegalArgumentException(
            "threads and parallelism must be at least 1 and the cache size at least 0");
      }
      java.util.Objects.requireNonNull(queryPrefix, "queryPrefix");
    }

    /**
     * The bundled model; one thread a run and one run a core (measured the most passages per CPU
     * second, see docs/semantic.md); 2,000 cached queries.
     */
    public static Settings defaults() {
      return new Settings(
          "bge-small-en-v1.5-q.onnx",
          "bge-small-en-v1.5-q-tokenizer.json",
          1,
          Runtime.getRuntime().availableProcessors(),
          2_000,
          QUERY_PREFIX);
    }

    public Settings withThreads(int n) {
      return new Settings(
          modelResource, tokenizerResource, n, parallelism, queryCacheEntries, queryPrefix);
    }

    public Settings withParallelism(int n) {
      return new Settings(
          modelResource, tokenizerResource, threads, n, queryCacheEntries, queryPrefix);
    }

    public Settings withModelResource(String name) {
      return new Settings(
          name, tokenizerResource, threads, parallelism, queryCacheEntries, queryPrefix);
    }

    public Settings withQueryPrefix(String prefix) {
      return new Settings(
          modelResource, tokenizerResource, threads, parallelism, queryCacheEntries, prefix);
    }
  }

  /** The outcome of {@link #load}: a model ready to use, or why there is none. */
  public sealed interface Load {
    /** The model, when it loaded. */
    Optional<Embedder> available();

    /** A loaded model. */
    record Ready(Embedder embedder) implements Load {
      @Override
      public Optional<Embedder> available() {
        return Optional.of(embedder);
      }
    }

    /** No model: {@code reason} says why, for logs and the readiness report. */
    record Unavailable(String reason) implements Load {
      @Override
      public Optional<Embedder> available() {
        return Optional.empty();
      }
    }
  }

  /** An embedding that failed after the model loaded (ONNX Runtime reported an error). */
  public static final class EmbeddingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    EmbeddingException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Query cache counts since load, for metrics. */
  public record CacheStats(long hits, long misses) {}

  private final WordPieces tokenizer;
  private final OnnxEncoder encoder;
  private final String modelId;
  private final String queryPrefix;
  // Passages are encoded one a run, several runs at once: the int8 model quantizes each run's
  // activations with one scale for the whole batch, so a batch would make a passage's vector
  // depend on the passages beside it (and on their padding), by up to 0.01 in cosine.
  private final ExecutorService runs;
  private final Cache<String, float[]> queries;
  // Closing frees native memory that a running embedding still reads: embeddings share the read
  // lock, close takes the write lock, so a late request fails cleanly instead of crashing the JVM.
  private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private boolean closed;

  private Embedder(WordPieces tokenizer, OnnxEncoder encoder, String modelId, Settings settings) {
    this.tokenizer = tokenizer;
    this.encoder = encoder;
    this.modelId = modelId;
    this.queryPrefix = settings.queryPrefix();
    this.runs =
        Executors.newFixedThreadPool(
            settings.parallelism(), Thread.ofPlatform().name("embedder-", 0).daemon().factory());
    this.queries =
        Caffeine.newBuilder().maximumSize(settings.queryCacheEntries()).recordStats().build();
  }

  /**
   * Loads the model: reads its files, starts ONNX Runtime and the tokenizer (both native code), and
   * embeds a probe text to check the output. Never throws: any failure, a missing native library
   * included, comes back as {@link Load.Unavailable} with the reason.
   */
  public static Load load(Settings settings) {
    WordPieces tokenizer = null;
    OnnxEncoder encoder = null;
    try {
      byte[] model = ModelFiles.read(settings.modelResource());
      tokenizer = new WordPieces(ModelFiles.read(settings.tokenizerResource()));
      encoder = new OnnxEncoder(model, settings.threads());
      String id = settings.modelResource() + "@" + ContentHash.of(model).substring(0, 12);
      Embedder embedder = new Embedder(tokenizer, encoder, id, settings);
      embedder.check();
      return new Load.Ready(embedder);
    } catch (Exception | LinkageError e) {
      // LinkageError: a native library missing or built for another platform.
      closeQuietly(encoder);
      closeQuietly(tokenizer);
      return new Load.Unavailable(describe(e));
    }
  }

  /** Fails unless the model gives unit vectors of the expected length. */
  private void check() {
    float[] probe = embedQuery("probe");
    double norm = Math.sqrt(VectorMath.dot(probe, probe));
    if (probe.length != DIMENSIONS || !(Math.abs(norm - 1) < 1e-3)) {
      throw new IllegalStateException(
          "the model gave a vector of length " + probe.length + " and norm " + norm);
    }
  }

  private static String describe(Throwable e) {
    String message = e.getMessage() == null ? "" : ": " + e.getMessage();
    return "the embedding model cannot run here (" + e.getClass().getSimpleName() + message + ")";
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception | LinkageError e) {
      // Already failing to load: the first error is the one reported.
    }
  }

  /**
   * Names the model and its exact file, so that vectors kept in an index can be told apart from
   * those another model would give (and are not reused across a model change).
   */
  public String modelId() {
    return modelId;
  }

  /** The model's tokenizer, for cutting texts into passages that fit its window. */
  public TokenSpans tokens() {
    return tokenizer;
  }

  /**
   * The vectors of passages, in order. Each depends on its text alone (the same text always gives
   * the same vector); texts longer than the window are cut to it (split them first with {@link
   * Passages}).
   *
   * @throws EmbeddingException when the model fails
   */
  public List<float[]> embedPassages(List<String> texts) {
    lifecycle.readLock().lock();
    try {
      ensureOpen();
      if (texts.size() <= 1) {
        return texts.stream().map(this::encodeOne).toList();
      }
      List<Future<float[]>> pending = new ArrayList<>(texts.size());
      for (String text : texts) {
        pending.add(runs.submit(() -> encodeOne(text)));
      }
      List<float[]> out = new ArrayList<>(texts.size());
      for (Future<float[]> f : pending) {
        out.add(result(f));
      }
      return out;
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  private float[] encodeOne(String text) {
    return encode(List.of(tokenizer.forModel(text, MAX_TOKENS)))[0];
  }

  private static float[] result(Future<float[]> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbeddingException("interrupted while embedding", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new EmbeddingException("the embedding model failed: " + e.getCause(), e.getCause());
    }
  }

  /**
   * The vector of a search query, after the configured query prefix; repeated queries come from the
   * cache.
   *
   * @throws EmbeddingException when the model fails
   */
  public float[] embedQuery(String query) {
    String key = query.strip();
    float[] cached = queries.getIfPresent(key);
    if (cached == null) {
      lifecycle.readLock().lock();
      try {
        ensureOpen();
        cached = encodeOne(queryPrefix + key);
      } finally {
        lifecycle.readLock().unlock();
      }
      queries.put(key, cached);
    }
    // A copy: callers may scale or change theirs without touching the cache.
    return cached.clone();
  }

  public CacheStats cacheStats() {
    var stats = queries.stats();
    return new CacheStats(stats.hitCount(), stats.missCount());
  }

  private float[][] encode(List<long[]> batch) {
    try {
      return encoder.encode(batch);
    } catch (ai.onnxruntime.OrtException e) {
      throw new EmbeddingException("the embedding model failed: " + e.getMessage(), e);
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the embedding model was closed");
    }
  }

  @Override
  public void close() {
    lifecycle.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      runs.shutdownNow();
      closeQuietly(encoder);
      tokenizer.close();
      queries.invalidateAll();
    } finally {
      lifecycle.writeLock().unlock();
    }
  }
}

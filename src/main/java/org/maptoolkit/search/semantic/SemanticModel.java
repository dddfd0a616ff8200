package org.maptoolkit.search.semantic;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The embedding model as a service holds it: loaded once, off the request path, and reported as
 * loading, ready, unavailable (with the reason) or off. Until it is ready, and for good when it
 * cannot run, searches are by keyword.
 */
public final class SemanticModel implements AutoCloseable {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(SemanticModel.class);

  /** Where the model stands, for /ready, the page and the log. */
  public record Status(String state, String reason) {
    public static final String OFF = "off";
    public static final String LOADING = "loading";
    public static final String READY = "ready";
    public static final String UNAVAILABLE = "unavailable";
  }

  private final CompletableFuture<Embedder.Load> load;
  private final Passages.Settings passages;
  private final Embedder.Settings settings;
  private final java.util.concurrent.atomic.AtomicBoolean started =
      new java.util.concurrent.atomic.AtomicBoolean();

  private SemanticModel(
      CompletableFuture<Embedder.Load> load,
      Passages.Settings passages,
      Embedder.Settings settings) {
    this.load = load;
    this.passages = passages;
    this.settings = settings;
  }

  /** Starts loading the model on a thread of its own; returns at once. */
  public static SemanticModel loading(Embedder.Settings settings) {
    SemanticModel model = deferred(settings);
    model.start();
    return model;
  }

  /**
   * A model that starts loading at {@link #start} (or when first awaited): a server starts it once
   * it answers, so that loading does not slow its start.
   */
  public static SemanticModel deferred(Embedder.Settings settings) {
    return new SemanticModel(new CompletableFuture<>(), Passages.Settings.defaults(), settings);
  }

  /** Starts loading, once; later calls do nothing. */
  public void start() {
    if (load == null || !started.compareAndSet(false, true)) {
      return;
    }
    Thread.ofPlatform()
        .name("model-load")
        .daemon()
        .start(
            () -> {
              Embedder.Load result = Embedder.load(settings);
              switch (result) {
                case Embedder.Load.Ready r ->
                    LOG.info("semantic search ready: model {}", r.embedder().modelId());
                case Embedder.Load.Unavailable u ->
                    LOG.warn("semantic search unavailable, searching by keyword: {}", u.reason());
              }
              load.complete(result);
            });
  }

  /** Semantic search switched off: every search is by keyword. */
  public static SemanticModel off() {
    return new SemanticModel(null, Passages.Settings.defaults(), null);
  }

  /** The model, if it has loaded and runs. */
  public Optional<Embedder> now() {
    if (load == null || !load.isDone()) {
      return Optional.empty();
    }
    return load.join().available();
  }

  /** Waits for the model to load (an ingest needs it before its first record); empty if none. */
  public Optional<Embedder> await() {
    if (load == null) {
      return Optional.empty();
    }
    start();
    try {
      return load.get().available();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (ExecutionException e) {
      return Optional.empty();
    }
  }

  /** Cuts and embeds records' passages with the model, once loaded; empty if none. */
  public Optional<RecordEmbedder> recordEmbedder() {
    return await().map(e -> new RecordEmbedder(e, new Passages(e.tokens(), passages)));
  }

  /** Where the model stands now. */
  public Status status() {
    if (load == null) {
      return new Status(Status.OFF, "semantic search is switched off");
    }
    if (!load.isDone()) {
      return new Status(Status.LOADING, "the embedding model is loading");
    }
    return switch (load.join()) {
      case Embedder.Load.Ready r -> new Status(Status.READY, r.embedder().modelId());
      case Embedder.Load.Unavailable u -> new Status(Status.UNAVAILABLE, u.reason());
    };
  }

  /**
   * Closes the model; a load still running is waited for (up to a minute) and then closed, since
   * ONNX Runtime crashed the JVM when it halted while a session was being created.
   */
  @Override
  public void close() {
    if (load == null) {
      return;
    }
    if (started.get()) {
      try {
        load.get(1, java.util.concurrent.TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
        LOG.warn("the embedding model did not finish loading before the stop", e);
      }
    }
    if (load.isDone() && !load.isCompletedExceptionally()) {
      load.join().available().ifPresent(Embedder::close);
    }
  }
}

package org.maptoolkit.search.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;

/**
 * An index folder: opens writers for ingest and serves searchers that follow the latest commit, so
 * a running server sees what a separate ingest committed. Searchers carry their facet state.
 *
 * <p>Over 300 lines on purpose: opening, locking, refreshing and leasing one index folder share its
 * state and its failure modes (locked, corrupt, missing), which are reported in one place.
 */
public final class IndexStore implements AutoCloseable {
  /** BM25 with Lucene's default parameters, which measured best with the eval command (README). */
  public static final Similarity SIMILARITY = new BM25Similarity(1.2f, 0.75f);

  private final Path path;
  private final Directory directory;
  private final SearcherManager searchers;

  /** A searcher and the facet state of its reader (null when nothing has facets yet). */
  public static final class FacetedSearcher extends IndexSearcher {
    private final SortedSetDocValuesReaderState facetState;

    private final java.util.concurrent.Executor executor;

    FacetedSearcher(IndexReader reader, java.util.concurrent.Executor executor) throws IOException {
      super(reader, executor);
      this.executor = executor;
      setSimilarity(SIMILARITY);
      this.facetState = facetState(reader);
      this.passages = IndexUpdate.hasPassages(reader);
    }

    private final boolean passages;

    /** Whether this index holds passages (semantic search) beside its records. */
    public boolean passages() {
      return passages;
    }

    /**
     * Every record, without the passages: what a search without words matches. Passages carry no
     * stamp, so an index without them keeps the cheaper match-all.
     */
    public Query allRecords() {
      return passages
          ? new FieldExistsQuery(IndexFields.STAMP)
          : org.apache.lucene.search.MatchAllDocsQuery.INSTANCE;
    }

    private static SortedSetDocValuesReaderState facetState(IndexReader reader) throws IOException {
      try {
        return new DefaultSortedSetDocValuesReaderState(reader, IndexFields.facetsConfig());
      } catch (IllegalArgumentException e) {
        // An index without any facet values yet (empty, or only just created).
        return null;
      }
    }

    public SortedSetDocValuesReaderState facetState() {
      return facetState;
    }

    /** The executor searches of this index share to search its segments in parallel. */
    public java.util.concurrent.Executor executor() {
      return executor;
    }
  }

  // One search runs its segment slices on these threads (one a core) while cores are free, so a
  // search that misses the cache takes less wall time when other requests are cheap.
  private final java.util.concurrent.ExecutorService slices =
      java.util.concurrent.Executors.newFixedThreadPool(
          Runtime.getRuntime().availableProcessors(),
          Thread.ofPlatform().name("search-slice-", 0).daemon().factory());

  private IndexStore(Path path, Directory directory) throws IOException {
    this.path = path;
    this.directory = directory;
    this.searchers =
        new SearcherManager(
            directory,
            new SearcherFactory() {
              @Override
              public IndexSearcher newSearcher(IndexReader reader, IndexReader previous)
                  throws IOException {
                return new FacetedSearcher(reader, slices);
              }
            });
  }

  /**
   * Opens the index in {@code path}, creating an empty one when the folder holds none.
   *
   * @throws IndexUnavailableException with a message fit for the user when the folder cannot be
   *     used (unwritable, locked while being created, corrupt)
   */
  public static IndexStore open(Path path) {
    try {
      Files.createDirectories(path);
    } catch (IOException e) {
      throw new IndexUnavailableException("cannot create the index folder " + path + ": " + e, e);
    }
    Directory directory;
    try {
      directory = FSDirectory.open(path);
      if (!DirectoryReader.indexExists(directory)) {
        try (IndexWriter writer = new IndexWriter(directory, writerConfig())) {
          writer.commit();
        }
      }
      return new IndexStore(path, directory);
    } catch (LockObtainFailedException e) {
      throw new IndexUnavailableException(
          "the index in " + path + " is locked by another process (is an ingest running?)", e);
    } catch (IOException e) {
      throw new IndexUnavailableException(
          "cannot open the index in "
              + path
              + ": "
              + e.getMessage()
              + " (run `map-search serve --rebuild` to rebuild it from the sources)",
          e);
    }
  }

  /**
   * Opens the index in {@code path} for reading, refusing a folder that holds none (a mistyped
   * {@code --index} must not look like an empty index).
   *
   * @throws IndexUnavailableException when there is no index in {@code path}
   */
  public static IndexStore openExisting(Path path) {
    boolean exists = false;
    // FSDirectory.open creates the folder, so look before opening.
    if (Files.isDirectory(path)) {
      try (Directory directory = FSDirectory.open(path)) {
        exists = DirectoryReader.indexExists(directory);
      } catch (IOException e) {
        exists = false;
      }
    }
    if (!exists) {
      throw new IndexUnavailableException(
          "there is no index in "
              + path
              + " (give --index DIR, or build one with `map-search ingest SOURCE --index "
              + path
              + "`)",
          null);
    }
    return open(path);
  }

  /**
   * Replaces whatever index {@code path} holds, damaged or not, with an empty one; files that are
   * not the index's own are left alone.
   */
  public static void recreate(Path path) {
    try {
      Files.createDirectories(path);
      deleteIndexFiles(path);
      try (Directory directory = FSDirectory.open(path);
          IndexWriter writer =
              new IndexWriter(
                  directory, writerConfig().setOpenMode(IndexWriterConfig.OpenMode.CREATE))) {
        writer.commit();
      }
    } catch (LockObtainFailedException e) {
      throw new IndexUnavailableException(
          "the index in " + path + " is locked by another process (is an ingest running?)", e);
    } catch (IOException e) {
      throw new IndexUnavailableException("cannot recreate the index in " + path + ": " + e, e);
    }
  }

  /**
   * Deletes Lucene's own files (segments, codec files) so that even an unreadable commit can be
   * replaced; other files and folders (the fetch cache) stay. Refuses while another process holds
   * the write lock.
   */
  private static void deleteIndexFiles(Path path) throws IOException {
    try (Directory directory = FSDirectory.open(path);
        var lock = directory.obtainLock(IndexWriter.WRITE_LOCK_NAME)) {
      for (String name : directory.listAll()) {
        if (name.startsWith(org.apache.lucene.index.IndexFileNames.SEGMENTS)
            || name.startsWith(org.apache.lucene.index.IndexFileNames.PENDING_SEGMENTS)
            || name.matches(org.apache.lucene.index.IndexFileNames.CODEC_FILE_PATTERN.pattern())) {
          directory.deleteFile(name);
        }
      }
    }
  }

  static IndexWriterConfig writerConfig() {
    IndexWriterConfig config = new IndexWriterConfig(Analysis.indexAnalyzerPerField());
    config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
    config.setSimilarity(SIMILARITY);
    config.setCommitOnClose(false);
    config.setRAMBufferSizeMB(64);
    return config;
  }

  /**
   * Opens a writer session; only one may be open on a folder at a time, across processes.
   *
   * @throws IndexUnavailableException when another process holds the write lock
   */
  public IndexUpdate update() {
    try {
      return new IndexUpdate(new IndexWriter(directory, writerConfig()), this);
    } catch (LockObtainFailedException e) {
      throw new IndexUnavailableException(
          "the index in " + path + " is being written by another process; try again when it ends",
          e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The current searcher, held until the lease is closed: use it in try-with-resources, so a
   * searcher is never kept past its search nor released twice.
   */
  public Lease lease() {
    try {
      return new Lease((FacetedSearcher) searchers.acquire());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A searcher held for one search; closing it hands it back. */
  public final class Lease implements AutoCloseable {
    private final FacetedSearcher searcher;
    private boolean closed;

    private Lease(FacetedSearcher searcher) {
      this.searcher = searcher;
    }

    public FacetedSearcher searcher() {
      return searcher;
    }

    /** The version of the commit this searcher sees. */
    public long version() {
      return ((DirectoryReader) searcher.getIndexReader()).getVersion();
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      try {
        searchers.release(searcher);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Opens the latest commit if it changed; returns true when the searcher changed. */
  public boolean refresh() {
    try {
      return searchers.maybeRefresh();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Looks for a newer commit every {@code every}, so a server sees what a separate ingest process
   * committed without a restart; close the returned handle to stop.
   */
  public AutoCloseable autoRefresh(java.time.Duration every) {
    java.util.concurrent.ScheduledExecutorService timer =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "index-refresh");
              t.setDaemon(true);
              return t;
            });
    var unused =
        timer.scheduleWithFixedDelay(
            () -> {
              try {
                refresh();
              } catch (RuntimeException e) {
                // A commit being written can be briefly unreadable; the next tick tries again.
              }
            },
            every.toMillis(),
            every.toMillis(),
            java.util.concurrent.TimeUnit.MILLISECONDS);
    return timer::shutdownNow;
  }

  /** The version of the commit searches currently see; changes with every commit. */
  public long version() {
    try (Lease lease = lease()) {
      return lease.version();
    }
  }

  /** Facts about the current commit, for /ready, metrics and search reports. */
  public record Stats(long documents, long version, long bytes, Map<String, String> commitData) {}

  public Stats stats() {
    try (Lease lease = lease()) {
      DirectoryReader reader = (DirectoryReader) lease.searcher().getIndexReader();
      long bytes = 0;
      for (String file : directory.listAll()) {
        try {
          bytes += directory.fileLength(file);
        } catch (IOException e) {
          // A file removed by a concurrent commit between listing and sizing.
        }
      }
      long records =
          lease.searcher().passages()
              ? lease.searcher().count(lease.searcher().allRecords())
              : reader.numDocs();
      return new Stats(
          records,
          reader.getVersion(),
          bytes,
          new HashMap<>(reader.getIndexCommit().getUserData()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path path() {
    return path;
  }

  @Override
  public void close() throws IOException {
    searchers.close();
    slices.shutdownNow();
    directory.close();
  }
}

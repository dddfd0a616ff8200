package org.maptoolkit.search.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.maptoolkit.search.document.Extraction;
import org.maptoolkit.search.document.LinkedDocument;
import org.maptoolkit.search.document.MapDocument;
import org.maptoolkit.search.index.IndexStore;
import org.maptoolkit.search.index.IndexUpdate;
import org.maptoolkit.search.index.IndexWriteException;

/**
 * The ingest pipeline: list a source's items, skip what is unchanged since the last commit, parse
 * pages, extract linked documents, build records, index them, and count every outcome. Commits
 * every few seconds, so a crash loses at most the work since the last commit.
 */
public final class Ingester {
  /** Bump when parsing or indexing changes, so the next run re-indexes everything. */
  static final String PIPELINE_VERSION = "4";

  /** How often a long ingest commits, bounding what a crash can lose. */
  public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofSeconds(5);

  private final IndexStore store;
  private final TextExtractor extractor;
  private final DocumentBuilder builder;
  private final PageParser parser = new PageParser();
  private final int threads;
  private final HttpFetcher fetcher;
  private final Duration commitInterval;

  /** Called as items finish; {@code done} of {@code total}. */
  public interface Progress {
    void update(int done, int total);

    Progress NONE = (done, total) -> {};
  }

  /**
   * @param fetcher fetches main documents linked by URL; null to record such links unfetched
   */
  public Ingester(
      IndexStore store,
      TextExtractor extractor,
      Vocabulary vocabulary,
      HttpFetcher fetcher,
      int threads) {
    this(store, extractor, vocabulary, fetcher, threads, DEFAULT_COMMIT_INTERVAL);
  }

  /** As above, committing every {@code commitInterval} during a long run. */
  public Ingester(
      IndexStore store,
      TextExtractor extractor,
      Vocabulary vocabulary,
      HttpFetcher fetcher,
      int threads,
      Duration commitInterval) {
    this.commitInterval = commitInterval;
    this.store = store;
    this.extractor = extractor;
    this.builder = new DocumentBuilder(vocabulary);
    this.fetcher = fetcher;
    this.threads = Math.max(1, threads);
  }

  /**
   * Ingests {@code source}. With {@code prune}, records in the index that the source no longer
   * holds are deleted (the index then mirrors the source).
   *
   * @throws IOException when the source cannot be listed (nothing is changed then)
   */
  public IngestReport ingest(Source source, boolean prune, Progress progress) throws IOException {
    long start = System.nanoTime();
    List<SourceItem> items = source.items();
    List<IngestReport.Entry> entries = Collections.synchronizedList(new ArrayList<>());
    List<DocumentBuilder.Unmatched> unmatched = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (IndexUpdate update = store.update()) {
      Map<String, String> committed = update.committedHashes();
      CompletionService<IngestReport.Entry> done = new ExecutorCompletionService<>(pool);
      // Items are independent: parsing and extraction run in parallel; IndexWriter is thread-safe.
      for (SourceItem item : items) {
        done.submit(() -> process(source, item, committed, update, unmatched));
      }
      long lastCommit = System.currentTimeMillis();
      for (int i = 0; i < items.size(); i++) {
        entries.add(take(done, items.get(i)));
        progress.update(i + 1, items.size());
        if (System.currentTimeMillis() - lastCommit > commitInterval.toMillis()) {
          update.commit(commitData(source, "partial"));
          lastCommit = System.currentTimeMillis();
        }
      }
      if (prune) {
        Set<String> seen = new HashSet<>();
        items.forEach(item -> seen.add(item.id()));
        for (String id : new TreeSet<>(committed.keySet())) {
          if (!seen.contains(id)) {
            update.delete(id);
            entries.add(
                new IngestReport.Entry(
                    id,
                    id,
                    IngestReport.Outcome.DELETED,
                    null,
                    "no longer in the source",
                    List.of()));
          }
        }
      }
      update.commit(commitData(source, "complete"));
    } finally {
      pool.shutdownNow();
    }
    return report(entries, unmatched, (System.nanoTime() - start) / 1_000_000);
  }

  private static IngestReport.Entry take(
      CompletionService<IngestReport.Entry> done, SourceItem fallback) {
    try {
      return done.take().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("ingest interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IndexWriteException write) {
        throw write;
      }
      // process() reports failures itself; this is a bug, still counted rather than lost.
      return new IngestReport.Entry(
          fallback.id(),
          fallback.origin(),
          IngestReport.Outcome.FAILED,
          null,
          "internal error: " + e.getCause(),
          List.of());
    }
  }

  private IngestReport.Entry process(
      Source source,
      SourceItem item,
      Map<String, String> committed,
      IndexUpdate update,
      List<DocumentBuilder.Unmatched> unmatched) {
    try {
      return switch (item) {
        case SourceItem.Skipped s -> {
          // Never indexed: e.g. the editor's view of a protected page must not reach search.
          if (committed.containsKey(s.id())) {
            update.delete(s.id());
          }
          yield entry(item, IngestReport.Outcome.SKIPPED, null, s.reason(), List.of());
        }
        case SourceItem.Invalid bad ->
            entry(item, IngestReport.Outcome.FAILED, null, bad.reason(), List.of());
        case SourceItem.DocumentFile file -> processStandalone(file, committed, update);
        case SourceItem.ReadyRecord record -> processRecord(record, committed, update, unmatched);
        case SourceItem.PageFile page ->
            processPage(
                source,
                item,
                () -> parser.parse(page.file()),
                () -> hashOf(page.file()),
                stat(page.file()),
                committed,
                update,
                unmatched);
        case SourceItem.HtmlPage page ->
            processPage(
                source,
                item,
                () -> parser.parse(page.html(), ""),
                () -> hashOf(page.fingerprint()),
                null,
                committed,
                update,
                unmatched);
      };
    } catch (IndexWriteException e) {
      // Not this item's fault: the index cannot be written, so the whole run stops.
      throw e;
    } catch (IOException | RuntimeException e) {
      return entry(
          item,
          IngestReport.Outcome.FAILED,
          null,
          TikaExtractor.describe(e).replace("cannot parse", "cannot read"),
          List.of());
    }
  }

  /** Parses a page when asked; parsing is skipped entirely for an unchanged page. */
  private interface PageReader {
    ParsedPage read() throws IOException;
  }

  /** Hashes a page when asked: not at all when its size and modification time are unchanged. */
  private interface PageHasher {
    String hash() throws IOException;
  }

  private IngestReport.Entry processPage(
      Source source,
      SourceItem item,
      PageReader reader,
      PageHasher hasher,
      String stat,
      Map<String, String> committed,
      IndexUpdate update,
      List<DocumentBuilder.Unmatched> unmatched)
      throws IOException {
    Stamp prior = Stamp.parse(committed.get(item.id()));
    String pageHash = null;
    if (prior != null && prior.linkedHash().equals(linkedHash(source, item, prior.href()))) {
      // Same main document. As git and rsync do, a file whose size and modification time are
      // those recorded is not read again; otherwise its bytes decide, so a page touched but not
      // changed is not re-parsed.
      if (stat != null && stat.equals(prior.stat())) {
        return entry(item, IngestReport.Outcome.UNCHANGED, null, null, List.of());
      }
      pageHash = hasher.hash();
      if (prior.pageHash().equals(pageHash)) {
        return entry(item, IngestReport.Outcome.UNCHANGED, null, null, List.of());
      }
    }
    if (pageHash == null) {
      pageHash = hasher.hash();
    }
    ParsedPage page = reader.read();
    if (page.passwordProtected()) {
      // Never indexed: the editor's view of a protected page must not reach public search.
      if (committed.containsKey(item.id())) {
        update.delete(item.id());
      }
      return entry(item, IngestReport.Outcome.SKIPPED, null, "password-protected page", List.of());
    }
    ParsedPage.Link link = mainLink(page);
    Path localFile = link == null ? null : source.resolveFile(item, link.href()).orElse(null);
    HttpFetcher.Fetched fetched = null;
    if (link != null && localFile == null && isUrl(link.href()) && fetcher != null) {
      fetched = fetcher.fetch(link.href());
    }
    Stamp stamp =
        new Stamp(
            pageHash,
            linkedHash(localFile, fetched, link),
            link == null ? "" : link.href(),
            stat == null ? NO_STAT : stat);
    String hash = stamp.toString();
    if (prior != null && prior.sameContent(stamp)) {
      return entry(item, IngestReport.Outcome.UNCHANGED, null, null, List.of());
    }
    LinkedDocument main = link == null ? null : linkedDocument(source, link, localFile, fetched);
    List<String> related = new ArrayList<>();
    for (ParsedPage.Link l : page.links()) {
      source.resolvePage(item, l.href()).ifPresent(related::add);
    }
    List<DocumentBuilder.Unmatched> found = new ArrayList<>();
    MapDocument doc = builder.build(item.id(), item.origin(), page, main, related, hash, found);
    unmatched.addAll(found);
    update.upsert(doc);
    return entry(
        item,
        IngestReport.Outcome.INDEXED,
        main == null || main.extraction() == null ? null : main.extraction().status().value(),
        null,
        doc.warnings());
  }

  private IngestReport.Entry processRecord(
      SourceItem.ReadyRecord record,
      Map<String, String> committed,
      IndexUpdate update,
      List<DocumentBuilder.Unmatched> unmatched) {
    String hash = hashOf(record.fingerprint());
    if (hash.equals(committed.get(record.id()))) {
      return entry(record, IngestReport.Outcome.UNCHANGED, null, null, List.of());
    }
    List<DocumentBuilder.Unmatched> found = new ArrayList<>();
    MapDocument doc = builder.normalise(record.document(), hash, found);
    unmatched.addAll(found);
    update.upsert(doc);
    return entry(record, IngestReport.Outcome.INDEXED, null, null, doc.warnings());
  }

  private IngestReport.Entry processStandalone(
      SourceItem.DocumentFile item, Map<String, String> committed, IndexUpdate update)
      throws IOException {
    String hash = hashOf(item.file());
    if (hash.equals(committed.get(item.id()))) {
      return entry(item, IngestReport.Outcome.UNCHANGED, null, null, List.of());
    }
    Extraction extraction = extractor.extract(item.file(), item.file().getFileName().toString());
    if (extraction.status() == Extraction.Status.FAILED) {
      return entry(item, IngestReport.Outcome.FAILED, "failed", extraction.reason(), List.of());
    }
    LinkedDocument doc = new LinkedDocument(null, item.origin(), item.origin(), extraction);
    MapDocument record = builder.buildStandalone(item.id(), item.origin(), doc, hash);
    update.upsert(record);
    return entry(
        item, IngestReport.Outcome.INDEXED, extraction.status().value(), null, record.warnings());
  }

  /** The page's main document link: the first link of its "Link to main document" part. */
  private static ParsedPage.Link mainLink(ParsedPage page) {
    ParsedPage.Section section = page.sections().get(Label.LINK);
    if (section == null || section.links().isEmpty()) {
      return null;
    }
    return section.links().getFirst();
  }

  private static boolean isUrl(String href) {
    String h = href.strip().toLowerCase(java.util.Locale.ROOT);
    return h.startsWith("http://") || h.startsWith("https://");
  }

  private LinkedDocument linkedDocument(
      Source source, ParsedPage.Link link, Path localFile, HttpFetcher.Fetched fetched) {
    String href = link.href();
    if (localFile != null) {
      Extraction extraction = extractor.extract(localFile, localFile.getFileName().toString());
      String location =
          source instanceof FolderSource folder ? folder.relative(localFile) : localFile.toString();
      return new LinkedDocument(link.text(), href, location, extraction);
    }
    if (isUrl(href)) {
      if (fetched == null) {
        // Fetching is off: the link is kept, its text is not searched.
        return new LinkedDocument(link.text(), href, href, null);
      }
      if (!fetched.ok()) {
        return new LinkedDocument(link.text(), href, href, Extraction.failed(fetched.error()));
      }
      String name = java.net.URI.create(fetched.finalUrl()).getPath();
      name = name == null ? "" : name.substring(name.lastIndexOf('/') + 1);
      return new LinkedDocument(link.text(), href, href, extractor.extract(fetched.file(), name));
    }
    return new LinkedDocument(
        link.text(), href, null, Extraction.failed("linked file not found in the source: " + href));
  }

  private static IngestReport.Entry entry(
      SourceItem item,
      IngestReport.Outcome outcome,
      String extraction,
      String reason,
      List<String> warnings) {
    return new IngestReport.Entry(item.id(), item.origin(), outcome, extraction, reason, warnings);
  }

  private static Map<String, String> commitData(Source source, String state) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("ingested_at", Instant.now().toString());
    data.put("source", source.name());
    data.put("state", state);
    return data;
  }

  /**
   * What a page's record was built from: the page's hash, its main document's hash (or why there is
   * none) and the link as written, stored with the record so that a re-run can tell an unchanged
   * page without parsing it.
   */
  record Stamp(String pageHash, String linkedHash, String href, String stat) {
    private static final Pattern STAT =
        Pattern.compile("(s\\d+m-?\\d+|-)(?: (.*))?", Pattern.DOTALL);

    static Stamp parse(String stored) {
      if (stored == null) {
        return null;
      }
      String[] parts = stored.split(" ", 3);
      if (parts.length != 3) {
        return null;
      }
      Matcher m = STAT.matcher(parts[2]);
      if (!m.matches()) {
        // A stamp from before file stats were kept: its page is hashed once more.
        return new Stamp(parts[0], parts[1], parts[2], NO_STAT);
      }
      return new Stamp(parts[0], parts[1], m.group(2) == null ? "" : m.group(2), m.group(1));
    }

    /** Built from the same bytes, whatever the file's size and time say. */
    boolean sameContent(Stamp other) {
      return pageHash.equals(other.pageHash)
          && linkedHash.equals(other.linkedHash)
          && href.equals(other.href);
    }

    @Override
    public String toString() {
      return pageHash + " " + linkedHash + " " + stat + " " + href;
    }
  }

  /** The stat part of a stamp for a page that is not a file (a WordPress post). */
  static final String NO_STAT = "-";

  /** A file's size and modification time, as a stamp records them. */
  private static String stat(Path file) throws IOException {
    java.nio.file.attribute.BasicFileAttributes a =
        Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
    return "s" + a.size() + "m" + a.lastModifiedTime().toMillis();
  }

  /** The main document's hash for a stamp: of its bytes, or a marker saying why there are none. */
  private static String linkedHash(
      Path localFile, HttpFetcher.Fetched fetched, ParsedPage.Link link) throws IOException {
    if (link == null) {
      return "none";
    }
    if (localFile != null) {
      return hashOf(localFile);
    }
    if (fetched == null) {
      return isUrl(link.href()) ? "unfetched" : "missing";
    }
    return fetched.ok() ? hashOf(fetched.file()) : "failed:" + hashOf(fetched.error());
  }

  /** The main document's hash now, for a link recorded in an earlier run. */
  private String linkedHash(Source source, SourceItem item, String href) throws IOException {
    if (href.isEmpty()) {
      return "none";
    }
    ParsedPage.Link link = new ParsedPage.Link(href, "");
    Path local = source.resolveFile(item, href).orElse(null);
    HttpFetcher.Fetched fetched =
        local == null && isUrl(href) && fetcher != null ? fetcher.fetch(href) : null;
    return linkedHash(local, fetched, link);
  }

  /** A short content hash of a file. */
  static String hashOf(Path file) throws IOException {
    return hashOf(Files.readAllBytes(file));
  }

  static String hashOf(String text) {
    return hashOf(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static String hashOf(byte[] bytes) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(PIPELINE_VERSION.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      digest.update(bytes);
      return HexFormat.of().formatHex(digest.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static IngestReport report(
      List<IngestReport.Entry> entries, List<DocumentBuilder.Unmatched> unmatched, long millis) {
    java.util.EnumMap<IngestReport.Outcome, Integer> counts =
        new java.util.EnumMap<>(IngestReport.Outcome.class);
    List<IngestReport.Entry> sorted = new ArrayList<>(entries);
    sorted.sort((a, b) -> a.id().compareTo(b.id()));
    for (IngestReport.Entry e : sorted) {
      counts.merge(e.outcome(), 1, Integer::sum);
    }
    Map<String, TreeSet<String>> byKind = new TreeMap<>();
    for (DocumentBuilder.Unmatched u : unmatched) {
      byKind.computeIfAbsent(u.kind(), k -> new TreeSet<>()).add(u.value());
    }
    Map<String, List<String>> unmatchedLists = new TreeMap<>();
    byKind.forEach((k, v) -> unmatchedLists.put(k, List.copyOf(v)));
    return new IngestReport(
        counts.getOrDefault(IngestReport.Outcome.INDEXED, 0),
        counts.getOrDefault(IngestReport.Outcome.UNCHANGED, 0),
        counts.getOrDefault(IngestReport.Outcome.SKIPPED, 0),
        counts.getOrDefault(IngestReport.Outcome.FAILED, 0),
        counts.getOrDefault(IngestReport.Outcome.DELETED, 0),
        millis,
        sorted,
        unmatchedLists);
  }
}

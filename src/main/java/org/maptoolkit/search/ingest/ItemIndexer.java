package org.maptoolkit.search.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.maptoolkit.search.document.ContentHash;
import org.maptoolkit.search.document.Extraction;
import org.maptoolkit.search.document.LinkedDocument;
import org.maptoolkit.search.document.MapDocument;
import org.maptoolkit.search.index.DocumentMapper;
import org.maptoolkit.search.index.IndexUpdate;
import org.maptoolkit.search.index.IndexWriteException;

/**
 * Turns one item of a source into index changes and one report entry: skips it when its stamp says
 * it is unchanged, otherwise parses the page, extracts its main document, builds the record and
 * indexes it. Never throws for a bad item: its failure is its entry.
 */
final class ItemIndexer implements Source.Indexed {
  private final Source source;
  // Records built with this schema, by id (empty when the schema changed: nothing is unchanged).
  private final Map<String, IndexUpdate.Committed> reusable;
  // Every record id, for deleting records the source no longer offers.
  private final Set<String> ids;
  private final boolean retryFailed;
  private final IndexUpdate update;
  private final RecordWriter records;
  private final PageParser parser = new PageParser();
  private final DocumentBuilder builder;
  private final MainDocuments mainDocuments;
  private final TextExtractor extractor;
  private final List<DocumentBuilder.Unmatched> unmatched;

  ItemIndexer(
      Source source,
      Map<String, IndexUpdate.Committed> reusable,
      Set<String> ids,
      boolean retryFailed,
      IndexUpdate update,
      RecordWriter records,
      DocumentBuilder builder,
      TextExtractor extractor,
      MainDocuments mainDocuments,
      List<DocumentBuilder.Unmatched> unmatched) {
    this.source = source;
    this.reusable = reusable;
    this.ids = ids;
    this.retryFailed = retryFailed;
    this.update = update;
    this.records = records;
    this.builder = builder;
    this.extractor = extractor;
    this.mainDocuments = mainDocuments;
    this.unmatched = unmatched;
  }

  /** Indexes {@code item} if it changed; its report entry, whatever happened. */
  IngestReport.Entry index(SourceItem item) {
    try {
      return switch (item) {
        case SourceItem.Skipped s ->
            // Never indexed: e.g. the editor's view of a protected page must not reach search.
            // A record it had (the page was public before) is removed, and reported so.
            entry(
                item,
                deleteIfIndexed(s.id())
                    ? IngestReport.Outcome.DELETED
                    : IngestReport.Outcome.SKIPPED,
                null,
                s.reason(),
                List.of());
        case SourceItem.Invalid bad ->
            entry(item, IngestReport.Outcome.FAILED, null, bad.reason(), List.of());
        case SourceItem.DocumentFile file -> standalone(file);
        case SourceItem.ReadyRecord record -> ready(record);
        case SourceItem.PageFile page ->
            page(
                item,
                () -> parser.parse(page.file()),
                () -> ContentHash.ofFile("", page.file()),
                Stamp.stat(page.file()));
        case SourceItem.HtmlPage page ->
            page(
                item,
                () -> parser.parse(page.html(), ""),
                () -> ContentHash.of(page.fingerprint()),
                null);
        case SourceItem.RemotePage page ->
            // Downloaded only when the record must be rebuilt (e.g. its main document changed).
            page(
                item,
                () -> parser.parse(page.html().html(), ""),
                () -> ContentHash.of(page.fingerprint()),
                null);
      };
    } catch (IndexWriteException e) {
      // Not this item's fault: the index cannot be written, so the whole run stops.
      throw e;
    } catch (IOException | RuntimeException | StackOverflowError e) {
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

  private IngestReport.Entry page(
      SourceItem item, PageReader reader, PageHasher hasher, String stat) throws IOException {
    IndexUpdate.Committed before = reusable(item.id());
    Stamp prior = before == null ? null : Stamp.parse(before.stamp());
    String pageHash = null;
    if (prior != null && prior.linkedHash().equals(linkedHashNow(item, prior.href()))) {
      // Same main document. As git and rsync do, a file whose size and modification time are
      // those recorded is not read again; otherwise its bytes decide, so a page touched but not
      // changed is not re-parsed.
      if (stat != null && stat.equals(prior.stat())) {
        return unchanged(item, before);
      }
      pageHash = hasher.hash();
      if (prior.pageHash().equals(pageHash)) {
        return unchanged(item, before);
      }
    }
    if (pageHash == null) {
      pageHash = hasher.hash();
    }
    ParsedPage page = reader.read();
    if (page.passwordProtected()) {
      // Never indexed: the editor's view of a protected page must not reach public search.
      return entry(
          item,
          deleteIfIndexed(item.id()) ? IngestReport.Outcome.DELETED : IngestReport.Outcome.SKIPPED,
          null,
          "password-protected page",
          List.of());
    }
    MainDocuments.Located located = mainDocuments.locate(source, item, MainDocuments.link(page));
    Stamp stamp =
        new Stamp(
            pageHash,
            MainDocuments.hash(located),
            located.link() == null ? "" : located.link().href(),
            stat == null ? Stamp.NO_STAT : stat);
    if (prior != null && prior.sameContent(stamp)) {
      return unchanged(item, before);
    }
    LinkedDocument main = located.link() == null ? null : mainDocuments.extract(source, located);
    List<String> related = new ArrayList<>();
    for (ParsedPage.Link l : page.links()) {
      source.resolvePage(item, l.href()).ifPresent(related::add);
    }
    List<DocumentBuilder.Unmatched> found = new ArrayList<>();
    MapDocument doc =
        builder.build(item.id(), item.origin(), page, main, related, stamp.toString(), found);
    unmatched.addAll(found);
    records.upsert(doc);
    return entry(
        item,
        IngestReport.Outcome.INDEXED,
        main == null || main.extraction() == null ? null : main.extraction().status().value(),
        null,
        doc.warnings());
  }

  /** The main document's hash now, for a link recorded in an earlier run. */
  private String linkedHashNow(SourceItem item, String href) throws IOException {
    ParsedPage.Link link = href.isEmpty() ? null : new ParsedPage.Link(href, "");
    return MainDocuments.hash(mainDocuments.locate(source, item, link));
  }

  private IngestReport.Entry ready(SourceItem.ReadyRecord record) {
    String hash = ContentHash.of(record.fingerprint());
    IndexUpdate.Committed before = reusable(record.id());
    if (before != null && hash.equals(before.stamp())) {
      return unchanged(record, before);
    }
    List<DocumentBuilder.Unmatched> found = new ArrayList<>();
    MapDocument doc = builder.normalise(record.document(), hash, found);
    unmatched.addAll(found);
    records.upsert(doc);
    return entry(record, IngestReport.Outcome.INDEXED, null, null, doc.warnings());
  }

  /**
   * A document no page links to: a record of its own, also when it cannot be read (its title from
   * its name, its status failed with the reason), so its link works and a librarian can see it.
   */
  private IngestReport.Entry standalone(SourceItem.DocumentFile item) throws IOException {
    String hash = ContentHash.ofFile("", item.file());
    IndexUpdate.Committed before = reusable(item.id());
    if (before != null && hash.equals(before.stamp())) {
      return unchanged(item, before);
    }
    Extraction extraction = extractor.extract(item.file(), item.file().getFileName().toString());
    LinkedDocument doc = new LinkedDocument(null, item.origin(), item.origin(), extraction);
    MapDocument record = builder.buildStandalone(item.id(), item.origin(), doc, hash);
    records.upsert(record);
    boolean failed = extraction.status() == Extraction.Status.FAILED;
    return entry(
        item,
        failed ? IngestReport.Outcome.FAILED : IngestReport.Outcome.INDEXED,
        extraction.status().value(),
        failed ? extraction.reason() : null,
        record.warnings());
  }

  /**
   * The committed record of {@code id} when it may count as unchanged: not when it failed before
   * and this run retries failures.
   */
  private IndexUpdate.Committed reusable(String id) {
    IndexUpdate.Committed before = reusable.get(id);
    return before != null && before.failure() != null && retryFailed ? null : before;
  }

  /** An unchanged item's entry; one that failed before says so, with its earlier reason. */
  private static IngestReport.Entry unchanged(SourceItem item, IndexUpdate.Committed before) {
    if (before.failure() == null) {
      return entry(item, IngestReport.Outcome.UNCHANGED, null, null, List.of());
    }
    if (before.failure().startsWith(DocumentMapper.NO_TEXT_MARK)) {
      return entry(
          item,
          IngestReport.Outcome.UNCHANGED,
          "no-text",
          "unchanged since no text was read from it (--retry-failed reads it again): "
              + before.failure().substring(DocumentMapper.NO_TEXT_MARK.length()),
          List.of());
    }
    return entry(
        item,
        IngestReport.Outcome.UNCHANGED,
        "failed",
        "unchanged since it failed (--retry-failed reads it again): " + before.failure(),
        List.of());
  }

  /** Deletes the record of {@code id}; whether there was one. */
  private boolean deleteIfIndexed(String id) {
    if (ids.contains(id)) {
      update.delete(id);
      return true;
    }
    return false;
  }

  /**
   * Whether the index holds {@code id} built from the page version {@code fingerprint} names, as
   * {@link #index} would find it unchanged (a failure it would read again does not count).
   */
  @Override
  public boolean holds(String id, String fingerprint) {
    IndexUpdate.Committed before = reusable(id);
    Stamp prior = before == null ? null : Stamp.parse(before.stamp());
    return prior != null && prior.pageHash().equals(ContentHash.of(fingerprint));
  }

  @Override
  public Set<String> ids() {
    return ids;
  }

  private static IngestReport.Entry entry(
      SourceItem item,
      IngestReport.Outcome outcome,
      String extraction,
      String reason,
      List<String> warnings) {
    return new IngestReport.Entry(item.id(), item.origin(), outcome, extraction, reason, warnings);
  }
}

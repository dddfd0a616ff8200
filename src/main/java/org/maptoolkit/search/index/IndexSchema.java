package org.maptoolkit.search.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.IndexableFieldType;
import org.maptoolkit.search.document.ContentHash;
import org.maptoolkit.search.document.DocType;
import org.maptoolkit.search.document.Extraction;
import org.maptoolkit.search.document.Facet;
import org.maptoolkit.search.document.LinkedDocument;
import org.maptoolkit.search.document.MapDocument;
import org.maptoolkit.search.document.PartialDate;

/**
 * What an index is built with, as one fingerprint recorded in every commit: the Lucene fields a
 * record becomes (names and how each is indexed), the facet registry, and what the analyzers make
 * of a probe text. It is derived from the code, not written by hand, so adding a field or a facet
 * or changing analysis changes it by itself, and the next ingest indexes every record again instead
 * of leaving unchanged pages without the new field.
 */
public final class IndexSchema {
  /** The commit user-data key holding the fingerprint. */
  public static final String COMMIT_KEY = "schema";

  /** Words that exercise every step of analysis: possessives, British spelling, accents, CJK. */
  private static final String PROBE_TEXT =
      "The NHS's Organisations' paediatric café programmes: 24/7 colour-coded STP plans,"
          + " hospitals recognised; Введение в анализ; 重庆万州; Ελληνικά; 2019-03-01";

  private IndexSchema() {}

  /**
   * The fingerprint of this build's schema.
   *
   * @param pipelineVersion the ingest pipeline's version of how it reads pages, which a schema
   *     cannot see
   */
  public static String fingerprint(String pipelineVersion) {
    TreeSet<String> parts = new TreeSet<>();
    parts.add("pipeline " + pipelineVersion);
    try {
      Document doc = new DocumentMapper().toLucene(probe());
      for (IndexableField field : doc) {
        parts.add("field " + field.name() + " " + describe(field.fieldType()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Facet facet : Facet.ALL) {
      parts.add(
          "facet " + facet.name() + " multi=" + facet.multiValued() + " stored=" + facet.indexed());
    }
    for (String field : List.of(IndexFields.ALL, IndexFields.SUGGEST)) {
      parts.add("analysis " + field + " " + tokens(Analysis.indexAnalyzerPerField(), field));
    }
    return ContentHash.of(String.join("\n", parts));
  }

  private static String describe(IndexableFieldType t) {
    return "index="
        + t.indexOptions()
        + " stored="
        + t.stored()
        + " tokenized="
        + t.tokenized()
        + " norms="
        + !t.omitNorms()
        + " docValues="
        + t.docValuesType()
        + " points="
        + t.pointDimensionCount()
        + " vectors="
        + t.vectorDimension();
  }

  private static String tokens(Analyzer analyzer, String field) {
    StringBuilder out = new StringBuilder();
    try (TokenStream ts = analyzer.tokenStream(field, PROBE_TEXT)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.append(term).append(' ');
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** A record with every field set, so that every Lucene field it can become is seen. */
  private static MapDocument probe() {
    PartialDate day = PartialDate.day(2020, 1, 2, "2 January 2020");
    return MapDocument.builder("probe", DocType.DRIVER)
        .title("title")
        .url("https://example.org/probe")
        .origin("probe.html")
        .source("source")
        .sourceText("source")
        .audiences(List.of("audience"))
        .audienceText("audience")
        .language("en")
        .published(day)
        .updated(day)
        .reviewDue(day)
        .format("PDF")
        .summary("summary")
        .keyFeatures(List.of("feature"))
        .impact(List.of("impact"))
        .groupMember("member")
        .labelled(Map.of("label", "value"))
        .text("text")
        .mainDocument(
            new LinkedDocument(
                "main",
                "main.pdf",
                "main.pdf",
                new Extraction(
                    Extraction.Status.FULL, null, "application/pdf", "t", List.of("page"), 4)))
        .related(List.of("other"))
        .contentHash("hash")
        .build();
  }
}

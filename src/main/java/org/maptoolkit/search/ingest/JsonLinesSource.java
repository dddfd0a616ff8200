package org.maptoolkit.search.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.maptoolkit.search.document.DocType;
import org.maptoolkit.search.document.Facet;
import org.maptoolkit.search.document.Ids;
import org.maptoolkit.search.document.Json;
import org.maptoolkit.search.document.MapDocument;
import org.maptoolkit.search.document.PartialDate;

/**
 * JSON Lines, one document a line, as search engines' bulk imports take: {@code _id} or {@code id},
 * {@code title}, {@code text}, and optionally {@code source}, {@code audience}, {@code type},
 * {@code published}, {@code url}, {@code summary}. A bad line is reported and skipped.
 */
public final class JsonLinesSource implements Source {
  private final Path file;
  private final ObjectMapper json = Json.mapper();
  private final DateParser dates = new DateParser();

  public JsonLinesSource(Path file) {
    this.file = file;
  }

  @Override
  public String name() {
    return file.toString();
  }

  @Override
  public List<SourceItem> items() throws IOException {
    List<SourceItem> items = new ArrayList<>();
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        items.add(item(line, number));
      }
    }
    return items;
  }

  private SourceItem item(String line, int number) {
    String origin = file.getFileName() + ":" + number;
    JsonNode node;
    try {
      node = json.readTree(line);
    } catch (JsonProcessingException e) {
      return new SourceItem.Invalid(
          "line-" + number, origin, "not valid JSON: " + e.getOriginalMessage());
    }
    if (!node.isObject()) {
      return new SourceItem.Invalid("line-" + number, origin, "not a JSON object");
    }
    String id = text(node, "_id");
    if (id == null) {
      id = text(node, "id");
    }
    if (id == null || id.isBlank()) {
      return new SourceItem.Invalid("line-" + number, origin, "no _id or id");
    }
    if (id.length() > 200) {
      return new SourceItem.Invalid("line-" + number, origin, "id must be at most 200 characters");
    }
    // Safe in a URL, stable, and distinct for distinct ids (see Ids).
    id = Ids.of(id.strip());
    String title = text(node, "title");
    String text = text(node, "text");
    if ((title == null || title.isBlank()) && (text == null || text.isBlank())) {
      return new SourceItem.Invalid(id, origin, "neither title nor text");
    }
    DocType type = DocType.DOCUMENT;
    String typeText = text(node, "type");
    if (typeText != null) {
      type = DocType.parse(typeText).orElse(null);
      if (type == null) {
        return new SourceItem.Invalid(id, origin, "unknown type '" + typeText + "'");
      }
    }
    List<String> audiences = new ArrayList<>();
    JsonNode audience = node.get("audience");
    if (audience != null && audience.isArray()) {
      audience.forEach(a -> audiences.add(a.asText()));
    } else if (audience != null && audience.isTextual()) {
      audiences.add(audience.asText());
    }
    String publishedText = text(node, "published");
    PartialDate published = publishedText == null ? null : dates.parse(publishedText).orElse(null);
    if (publishedText != null && published == null) {
      return new SourceItem.Invalid(id, origin, "published is not a date: '" + publishedText + "'");
    }
    // Publisher and audience go through the vocabularies in the pipeline, as for pages.
    MapDocument doc =
        MapDocument.builder(id, type)
            .title(title == null ? id : title)
            .url(text(node, "url"))
            .origin(origin)
            .sourceText(text(node, "source"))
            .audienceText(audiences.isEmpty() ? null : String.join("; ", audiences))
            .published(published)
            .summary(text(node, "summary"))
            .language(text(node, "language"))
            .labelled(labelled(node))
            .text(text)
            .build();
    return new SourceItem.ReadyRecord(doc, line);
  }

  /**
   * Values of registry facets this source has no field for (a {@code topic}, say), by facet name,
   * as the page sources keep labelled parts.
   */
  private static java.util.Map<String, String> labelled(JsonNode node) {
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    for (Facet facet : Facet.ALL) {
      JsonNode v = node.get(facet.name());
      if (v == null || KNOWN.contains(facet.name()) || !facet.indexed()) {
        continue;
      }
      List<String> values = new ArrayList<>();
      if (v.isArray()) {
        v.forEach(x -> values.add(x.asText()));
      } else if (v.isValueNode() && !v.isNull()) {
        values.add(v.asText());
      }
      if (!values.isEmpty()) {
        out.put(facet.name(), String.join("; ", values));
      }
    }
    return out;
  }

  /** Fields this source reads into record fields of their own. */
  private static final java.util.Set<String> KNOWN =
      java.util.Set.of(
          "_id",
          "id",
          "title",
          "text",
          "source",
          "audience",
          "type",
          "published",
          "url",
          "summary",
          "year",
          "language");

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString();
  }
}

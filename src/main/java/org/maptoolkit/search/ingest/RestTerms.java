package org.maptoolkit.search.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A site's categories and tags, by id, as posts name them: a category by its slug and a tag by its
 * name, as a WordPress export gives them, so both sources map them to types and facets alike.
 */
final class RestTerms {
  private final Map<Long, String> categories;
  private final Map<Long, String> tags;

  private RestTerms(Map<Long, String> categories, Map<Long, String> tags) {
    this.categories = categories;
    this.tags = tags;
  }

  /** The terms of the taxonomies {@code types} use (none are read when no type uses them). */
  static RestTerms load(SiteClient client, RestApi api, List<PostType> types) throws IOException {
    boolean categories = types.stream().anyMatch(t -> t.taxonomies().contains("category"));
    boolean tags = types.stream().anyMatch(t -> t.taxonomies().contains("post_tag"));
    return new RestTerms(
        categories ? read(client, api, "wp/v2/categories", "slug") : Map.of(),
        tags ? read(client, api, "wp/v2/tags", "name") : Map.of());
  }

  private static Map<Long, String> read(SiteClient client, RestApi api, String route, String field)
      throws IOException {
    Map<Long, String> terms = new HashMap<>();
    for (JsonNode term :
        RestPages.all(client, api, route, RestApi.params("_fields", "id,slug,name")).items()) {
      terms.put(term.path("id").asLong(), term.path(field).asText(""));
    }
    return terms;
  }

  /** The category slugs of the ids in {@code ids}; an unknown id as {@code term-ID}. */
  List<String> categories(JsonNode ids) {
    return names(ids, categories);
  }

  /** The tag names of the ids in {@code ids}. */
  List<String> tags(JsonNode ids) {
    return names(ids, tags);
  }

  private static List<String> names(JsonNode ids, Map<Long, String> terms) {
    List<String> names = new ArrayList<>();
    for (JsonNode id : ids) {
      // A term made after the terms were read: named by its id until the next run knows it.
      names.add(terms.getOrDefault(id.asLong(), "term-" + id.asLong()));
    }
    return names;
  }
}

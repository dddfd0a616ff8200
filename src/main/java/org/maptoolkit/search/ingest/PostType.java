package org.maptoolkit.search.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.maptoolkit.search.document.Ids;

/**
 * A content type of a WordPress site that holds its records (post, page, a custom type such as
 * driver), as its REST API describes it; WordPress's own types (media, menus, blocks, templates)
 * are left out, as they are from exports.
 *
 * @param slug the type's name ({@code driver})
 * @param route its collection's route ({@code wp/v2/drivers})
 * @param taxonomies the taxonomies it uses ({@code category}, {@code post_tag}...)
 */
record PostType(String slug, String route, Set<String> taxonomies) {
  PostType {
    taxonomies = Set.copyOf(taxonomies);
  }

  /** The segment of record ids naming this type: {@code wp:driver:12}. */
  String idSegment() {
    return Ids.segment(slug);
  }

  /** The site's record types, by slug, from {@code /wp/v2/types}. */
  static List<PostType> list(SiteClient client, RestApi api) throws IOException {
    JsonNode types =
        client
            .json(
                api.route("wp/v2/types", Map.of()),
                json -> json.isObject() ? null : "something other than the types by name")
            .json();
    List<PostType> list = new ArrayList<>();
    for (Map.Entry<String, JsonNode> t : types.properties()) {
      String slug = t.getValue().path("slug").asText(t.getKey());
      String base = t.getValue().path("rest_base").asText("");
      if (WordPressPost.INTERNAL_TYPES.contains(slug) || base.isBlank()) {
        continue;
      }
      String namespace = t.getValue().path("rest_namespace").asText("wp/v2");
      Set<String> taxonomies = new TreeSet<>();
      t.getValue().path("taxonomies").forEach(x -> taxonomies.add(x.asText()));
      list.add(new PostType(slug, namespace + "/" + base, taxonomies));
    }
    list.sort(java.util.Comparator.comparing(PostType::slug));
    return list;
  }
}

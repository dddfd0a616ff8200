package org.maptoolkit.search.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every page of a REST collection, a hundred items a page, as many pages as {@code X-WP-TotalPages}
 * says (or until a short page, when a site leaves the header out). A page that is not a list of
 * items with ids is malformed: it is asked for again, and fails the listing if it stays so.
 */
final class RestPages {
  /** The most items WordPress gives in one page. */
  static final int PER_PAGE = 100;

  /** Past this, a listing that never ends is a broken site, not a big one (a million items). */
  private static final int MAX_PAGES = 10_000;

  private RestPages() {}

  /** A list of objects that each have a positive integer {@code id}. */
  static final SiteClient.Shape ITEMS =
      json -> {
        if (!json.isArray()) {
          return "a "
              + json.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
              + " where a list of items belongs";
        }
        for (JsonNode item : json) {
          if (!item.path("id").canConvertToLong() || item.path("id").asLong() <= 0) {
            return "an item without an id in a list";
          }
        }
        return null;
      };

  /** A collection's items, and when the site began to give them (by its clock). */
  record Listing(List<JsonNode> items, java.time.Instant siteTime) {}

  /** Every item of {@code route} with {@code params}, all pages read. */
  static Listing all(SiteClient client, RestApi api, String route, Map<String, String> params)
      throws IOException {
    List<JsonNode> items = new ArrayList<>();
    java.time.Instant siteTime = null;
    Integer declared = null;
    for (int page = 1; page <= MAX_PAGES; page++) {
      Map<String, String> p = new LinkedHashMap<>(params);
      p.put("per_page", String.valueOf(PER_PAGE));
      p.put("page", String.valueOf(page));
      SiteClient.Answer answer;
      try {
        answer = client.json(api.route(route, p), ITEMS);
      } catch (SiteException e) {
        if (page > 1 && e.status() == 400) {
          // The collection shrank while it was read (WordPress refuses a page past its end).
          return new Listing(items, siteTime);
        }
        throw e;
      }
      answer.json().forEach(items::add);
      if (page == 1) {
        declared = totalPages(answer).orElse(null);
        siteTime = answer.siteTime();
      }
      boolean last = declared != null ? page >= declared : answer.json().size() < PER_PAGE;
      if (last) {
        return new Listing(items, siteTime);
      }
    }
    throw new SiteException(
        200, "the listing of " + route + " did not end after " + MAX_PAGES + " pages");
  }

  private static Optional<Integer> totalPages(SiteClient.Answer answer) {
    try {
      return answer
          .headers()
          .firstValue("X-WP-TotalPages")
          .map(String::strip)
          .map(Integer::valueOf);
    } catch (NumberFormatException e) {
      // Unreadable: the pages are read until a short one instead.
      return Optional.empty();
    }
  }
}

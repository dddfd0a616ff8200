package org.maptoolkit.search.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A WordPress site's REST API: found from the site's address, and the address of one of its routes
 * with parameters, whether the site has pretty permalinks ({@code /wp-json/wp/v2/posts}) or not
 * ({@code /?rest_route=/wp/v2/posts}).
 *
 * @param root the API's root, ending in {@code /wp-json/} or holding {@code rest_route=/}
 */
record RestApi(URI root) {
  /** The relation WordPress names its REST API with, in the home page's Link header. */
  static final String API_REL = "https://api.w.org/";

  private static final Pattern LINK = Pattern.compile("<([^>]*)>([^,<]*)");
  private static final Pattern REL = Pattern.compile("(?i)\\brel\\s*=\\s*\"?([^\";]+)\"?");

  /**
   * The REST API of the site at {@code site}: the address itself when it is the API's root, else
   * {@code /wp-json/} under it, else the root the home page names in its Link header (on the same
   * host). Each is checked to be a WordPress API (it lists the {@code wp/v2} namespace).
   *
   * @throws SiteException when none is found, or the site fails or refuses
   */
  static RestApi discover(SiteClient client, URI site) throws IOException {
    if (site.getRawPath().endsWith("/wp-json/")) {
      return check(client, site);
    }
    URI guess = site.resolve("wp-json/");
    SiteException notThere;
    try {
      return check(client, guess);
    } catch (SiteException e) {
      if (!notHere(e)) {
        throw e;
      }
      notThere = e;
    }
    Optional<URI> named = named(client.headers(site), site);
    if (named.isPresent() && !named.get().equals(guess)) {
      return check(client, named.get());
    }
    throw new SiteException(
        404,
        "no WordPress REST API found for "
            + site
            + ": "
            + notThere.getMessage()
            + ", and the home page names none (Link: <...>; rel=\""
            + API_REL
            + "\")");
  }

  /** An answer that says "not here" rather than "not now" or "not you". */
  private static boolean notHere(SiteException e) {
    return e.status() == 404 || e.status() == 410 || e.status() == 200 || e.status() == 400;
  }

  private static RestApi check(SiteClient client, URI root) throws IOException {
    RestApi api = new RestApi(root);
    // Only the namespaces: the whole index describes every route (some 200 KB).
    client.jsonIfAny(
        api.route("", params("_fields", "namespaces")),
        json -> {
          for (JsonNode ns : json.path("namespaces")) {
            if (ns.asText().equals("wp/v2")) {
              return null;
            }
          }
          return "no WordPress REST API (its index lists no wp/v2 namespace)";
        });
    return api;
  }

  /** The REST root a page's Link headers name, when it is on the site's own host. */
  static Optional<URI> named(HttpHeaders headers, URI site) {
    for (String value : headers.allValues("Link")) {
      Matcher link = LINK.matcher(value);
      while (link.find()) {
        Matcher rel = REL.matcher(link.group(2));
        if (!rel.find() || !rel.group(1).strip().equalsIgnoreCase(API_REL)) {
          continue;
        }
        try {
          URI root = site.resolve(link.group(1).strip());
          // Another host is not followed: the operator chose this site, not where it points.
          if (root.getHost() != null
              && root.getHost().equalsIgnoreCase(site.getHost())
              && root.getScheme() != null
              && root.getScheme().toLowerCase(Locale.ROOT).startsWith("http")) {
            return Optional.of(root);
          }
        } catch (IllegalArgumentException e) {
          // A malformed link names nothing.
        }
      }
    }
    return Optional.empty();
  }

  /** The address of {@code route} (e.g. {@code wp/v2/posts}) with {@code params}, in order. */
  URI route(String route, Map<String, String> params) {
    StringBuilder query = new StringBuilder();
    for (Map.Entry<String, String> p : params.entrySet()) {
      query.append(query.isEmpty() ? "" : "&").append(p.getKey()).append('=');
      query.append(encode(p.getValue()));
    }
    String raw = root.toString();
    int at = raw.indexOf("rest_route=");
    if (at >= 0) {
      return URI.create(
          raw.substring(0, at)
              + "rest_route="
              + encode("/" + route)
              + (query.isEmpty() ? "" : "&" + query));
    }
    return URI.create(raw + route + (query.isEmpty() ? "" : "?" + query));
  }

  /** Parameters in the order given, for {@link #route}. */
  static Map<String, String> params(String... namesAndValues) {
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      params.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return params;
  }

  /** A query value, percent-encoded; commas and slashes stay readable (WordPress reads both). */
  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8)
        .replace("+", "%20")
        .replace("%2C", ",")
        .replace("%2F", "/");
  }
}

package org.maptoolkit.search.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The published posts of one type of a site, read through its REST API as the public sees them: a
 * cheap listing (ids, modification times, links and terms, no content), and the content of chosen
 * posts, a hundred a request. Drafts, private and trashed posts are never asked for.
 */
final class RestPosts {
  /** What a listing gives: enough to name a post's version without its content. */
  static final String LISTED_FIELDS = "id,modified_gmt,link,categories,tags";

  /** What building a post's record needs. */
  static final String FULL_FIELDS =
      "id,type,status,link,title,content,date,modified_gmt,categories,tags";

  /**
   * How recent a modification must be to be unsettled: WordPress keeps modification times to the
   * second, so an edit in the same second as a read leaves the time as it was.
   */
  static final Duration UNSETTLED = Duration.ofSeconds(2);

  private final SiteClient client;
  private final RestApi api;
  private final PostType type;
  private final RestTerms terms;

  RestPosts(SiteClient client, RestApi api, PostType type, RestTerms terms) {
    this.client = client;
    this.api = api;
    this.type = type;
    this.terms = terms;
  }

  /**
   * A post as a listing names it.
   *
   * @param version what changes whenever its record would: its modification time, link and terms
   */
  record Listed(PostType type, long id, String link, String version) {
    String recordId() {
      return "wp:" + type.idSegment() + ":" + id;
    }
  }

  /** A post read in full, with the version it was read at. */
  record Read(Listed listed, WordPressPost post) {}

  /** Every published post of the type (password-protected ones too: they are skipped later). */
  List<Listed> list() throws IOException {
    RestPages.Listing listing =
        RestPages.all(
            client,
            api,
            type.route(),
            RestApi.params(
                "status", "publish", "orderby", "id", "order", "asc", "_fields", LISTED_FIELDS));
    List<Listed> listed = new ArrayList<>();
    for (JsonNode post : listing.items()) {
      listed.add(listed(post, listing.siteTime()));
    }
    return listed;
  }

  /** Which of {@code ids} are published now, as a listing names them (at most a hundred). */
  List<Listed> find(Collection<Long> ids) throws IOException {
    SiteClient.Answer answer = batch(ids, LISTED_FIELDS);
    List<Listed> found = new ArrayList<>();
    for (JsonNode post : answer.json()) {
      found.add(listed(post, answer.siteTime()));
    }
    return found;
  }

  /** The published posts among {@code ids} with their content, by id (at most a hundred). */
  Map<Long, Read> read(Collection<Long> ids) throws IOException {
    SiteClient.Answer answer = batch(ids, FULL_FIELDS);
    Map<Long, Read> posts = new LinkedHashMap<>();
    for (JsonNode post : answer.json()) {
      posts.put(post.path("id").asLong(), new Read(listed(post, answer.siteTime()), post(post)));
    }
    return posts;
  }

  /** One post in full; fails when it is no longer published. */
  Read read(long id) throws IOException {
    Read read = read(List.of(id)).get(id);
    if (read == null) {
      throw new SiteException(
          404, type.slug() + " " + id + " is no longer published; its record goes at the next run");
    }
    return read;
  }

  /** Where a post is read from: its REST address, the record's origin. */
  String origin(long id) {
    return api.route(type.route() + "/" + id, Map.of()).toString();
  }

  private SiteClient.Answer batch(Collection<Long> ids, String fields) throws IOException {
    if (ids.isEmpty() || ids.size() > RestPages.PER_PAGE) {
      throw new IllegalArgumentException("1 to " + RestPages.PER_PAGE + " posts a request");
    }
    URI uri =
        api.route(
            type.route(),
            RestApi.params(
                "status",
                "publish",
                "include",
                ids.stream().sorted().map(String::valueOf).collect(Collectors.joining(",")),
                "per_page",
                String.valueOf(RestPages.PER_PAGE),
                "_fields",
                fields));
    return client.json(uri, RestPages.ITEMS);
  }

  /**
   * The post as a listing names it. A post modified within {@link #UNSETTLED} of {@code siteTime}
   * (when the site answered) may change again without a new modification time: its version then
   * names this read, so the next run reads it again rather than trust the time.
   */
  private Listed listed(JsonNode post, Instant siteTime) {
    long id = post.path("id").asLong();
    String link = post.path("link").asText("");
    String modified = post.path("modified_gmt").asText("");
    String version =
        String.join(
            "\n",
            "wp-rest",
            type.slug(),
            String.valueOf(id),
            modified,
            link,
            String.join(",", terms.categories(post.path("categories"))),
            String.join(",", terms.tags(post.path("tags"))));
    if (unsettled(modified, siteTime)) {
      version += "\nunsettled at " + siteTime;
    }
    return new Listed(type, id, link, version);
  }

  /** Whether {@code modifiedGmt} is unreadable or within UNSETTLED of {@code siteTime}. */
  static boolean unsettled(String modifiedGmt, Instant siteTime) {
    try {
      Instant modified = LocalDateTime.parse(modifiedGmt).toInstant(ZoneOffset.UTC);
      return !modified.isBefore(siteTime.minus(UNSETTLED));
    } catch (DateTimeParseException e) {
      return true;
    }
  }

  /**
   * Whether the post's content is behind a password. A type without content (no editor) has nothing
   * to protect; content without the flag counts as protected, so that a site that leaves it out
   * never lets a secret through.
   */
  static boolean isProtected(JsonNode post) {
    if (!post.has("content")) {
      return false;
    }
    JsonNode flag = post.path("content").path("protected");
    return !flag.isBoolean() || flag.asBoolean();
  }

  private WordPressPost post(JsonNode post) {
    return new WordPressPost(
        post.path("id").asText(),
        type.slug(),
        post.path("title").path("rendered").asText(""),
        post.path("link").isTextual() ? post.path("link").asText() : null,
        post.path("content").path("rendered").asText(""),
        post.path("status").asText("publish"),
        isProtected(post),
        post.path("date").isTextual() ? post.path("date").asText() : null,
        terms.categories(post.path("categories")),
        terms.tags(post.path("tags")));
  }
}

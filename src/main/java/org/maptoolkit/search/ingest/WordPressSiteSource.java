package org.maptoolkit.search.ingest;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A live WordPress site, read through its REST API as the public sees it: its published posts,
 * pages and custom types become pages like an export's posts (same ids, same page shape, so the
 * same parsing, types and facets). A run lists every published post cheaply (ids, modification
 * times, links, terms), downloads in full only those the index does not hold at that version, and
 * offers the rest as {@link SourceItem.RemotePage}s. What the listing no longer holds (trashed,
 * unpublished, made private) is asked for by id before it may be deleted, so a listing that missed
 * a post never removes its record; a password-protected post is skipped, and its record removed.
 * When the site cannot be listed, the run fails and changes nothing; a post whose content cannot be
 * read is reported failed and its record kept.
 */
public final class WordPressSiteSource implements Source {
  private final URI site;
  private final SiteClient client;
  // Filled by items(): the links of the site's posts, to resolve links between them.
  private final Map<String, String> recordByLink = new HashMap<>();
  private final Map<String, String> linkByRecord = new HashMap<>();
  private final List<String> notes = new ArrayList<>();
  private final AtomicInteger downloaded = new AtomicInteger();
  private int known;

  /**
   * The site at {@code site} (its home address, or its REST root), read as {@code settings} say.
   */
  public WordPressSiteSource(URI site, SiteSettings settings) throws IOException {
    this.site = site;
    this.client = new SiteClient(settings);
  }

  @Override
  public String name() {
    return site.toString();
  }

  @Override
  public List<SourceItem> items() throws IOException {
    return items(Indexed.NONE);
  }

  @Override
  public List<SourceItem> items(Indexed indexed) throws IOException {
    RestApi api = RestApi.discover(client, site);
    List<PostType> types = PostType.list(client, api);
    RestTerms terms = RestTerms.load(client, api, types);
    Map<String, RestPosts> postsByType = new LinkedHashMap<>();
    types.forEach(t -> postsByType.put(t.idSegment(), new RestPosts(client, api, t, terms)));

    Map<String, RestPosts.Listed> listed = listing(postsByType.values());
    int before = listed.size();
    confirmMissing(indexed, postsByType, listed);
    remember(listed.values());

    List<SourceItem> items = new ArrayList<>();
    int changed = 0;
    for (Map.Entry<String, RestPosts> type : postsByType.entrySet()) {
      RestPosts posts = type.getValue();
      List<RestPosts.Listed> toRead = new ArrayList<>();
      for (RestPosts.Listed l : listed.values()) {
        if (!l.type().idSegment().equals(type.getKey())) {
          continue;
        }
        if (indexed.holds(l.recordId(), l.version())) {
          items.add(remote(posts, l));
        } else {
          toRead.add(l);
        }
      }
      changed += toRead.size();
      for (int from = 0; from < toRead.size(); from += RestPages.PER_PAGE) {
        items.addAll(
            read(posts, toRead.subList(from, Math.min(toRead.size(), from + RestPages.PER_PAGE))));
      }
    }
    items.sort(Comparator.comparing(SourceItem::id));
    notes.add(
        "WordPress REST API at "
            + api.root()
            + ": "
            + listed.size()
            + " published items ("
            + String.join(", ", types.stream().map(PostType::slug).toList())
            + ")"
            + (listed.size() > before
                ? "; " + (listed.size() - before) + " missed by the listing were found by id"
                : ""));
    known = listed.size() - changed;
    return items;
  }

  /** Every published post of every type, by record id. */
  private static Map<String, RestPosts.Listed> listing(Iterable<RestPosts> types)
      throws IOException {
    Map<String, RestPosts.Listed> listed = new LinkedHashMap<>();
    for (RestPosts posts : types) {
      for (RestPosts.Listed l : posts.list()) {
        // A post can appear twice when others are published while the pages are read.
        listed.putIfAbsent(l.recordId(), l);
      }
    }
    return listed;
  }

  /**
   * Asks by id for the posts the index holds and the listing left out: a post that is published
   * after all (the listing shifted while it was read) is kept; only the rest may be deleted.
   */
  private static void confirmMissing(
      Indexed indexed, Map<String, RestPosts> postsByType, Map<String, RestPosts.Listed> listed)
      throws IOException {
    Map<String, TreeSet<Long>> missing = new TreeMap<>();
    for (String id : indexed.ids()) {
      String[] parts = id.split(":");
      if (parts.length == 3
          && parts[0].equals("wp")
          && postsByType.containsKey(parts[1])
          && parts[2].matches("\\d{1,18}")
          && !listed.containsKey(id)) {
        missing.computeIfAbsent(parts[1], k -> new TreeSet<>()).add(Long.parseLong(parts[2]));
      }
    }
    for (Map.Entry<String, TreeSet<Long>> type : missing.entrySet()) {
      List<Long> ids = new ArrayList<>(type.getValue());
      for (int from = 0; from < ids.size(); from += RestPages.PER_PAGE) {
        List<Long> batch = ids.subList(from, Math.min(ids.size(), from + RestPages.PER_PAGE));
        for (RestPosts.Listed l : postsByType.get(type.getKey()).find(batch)) {
          listed.putIfAbsent(l.recordId(), l);
        }
      }
    }
  }

  /** A post the index holds at this version: downloaded only if its record must be rebuilt. */
  private SourceItem remote(RestPosts posts, RestPosts.Listed l) {
    return new SourceItem.RemotePage(
        l.recordId(),
        posts.origin(l.id()),
        l.version(),
        () -> {
          RestPosts.Read read = posts.read(l.id());
          downloaded.incrementAndGet();
          if (!(read.post().item(posts.origin(l.id())) instanceof SourceItem.HtmlPage page)) {
            throw new SiteException(
                200,
                l.type().slug()
                    + " "
                    + l.id()
                    + " is no longer public; its record goes at the next run");
          }
          return page.html();
        });
  }

  /**
   * Downloads a batch of posts: each becomes its page, or is skipped (protected, or no longer
   * published); when the batch cannot be read, each is failed and its record kept as it is.
   */
  private List<SourceItem> read(RestPosts posts, List<RestPosts.Listed> batch) {
    List<SourceItem> items = new ArrayList<>();
    Map<Long, RestPosts.Read> read;
    try {
      read = posts.read(batch.stream().map(RestPosts.Listed::id).toList());
    } catch (IOException e) {
      for (RestPosts.Listed l : batch) {
        items.add(
            new SourceItem.Invalid(
                l.recordId(),
                posts.origin(l.id()),
                "not read from the site (its record is kept as it was): " + e.getMessage()));
      }
      return items;
    }
    for (RestPosts.Listed l : batch) {
      String origin = posts.origin(l.id());
      RestPosts.Read post = read.get(l.id());
      SourceItem item =
          post == null
              // Trashed, unpublished or made private since it was listed.
              ? new SourceItem.Skipped(l.recordId(), origin, "no longer published")
              : post.post().item(origin, post.listed().version());
      if (item instanceof SourceItem.HtmlPage) {
        // A protected post comes without its content: only a page counts as downloaded.
        downloaded.incrementAndGet();
      }
      items.add(item);
    }
    return items;
  }

  private void remember(Iterable<RestPosts.Listed> listed) {
    for (RestPosts.Listed l : listed) {
      if (!l.link().isEmpty()) {
        recordByLink.put(normal(l.link()), l.recordId());
        linkByRecord.put(l.recordId(), l.link());
      }
    }
  }

  /** A link between the site's own posts leads to the other post's record. */
  @Override
  public Optional<String> resolvePage(SourceItem item, String href) {
    try {
      String base = linkByRecord.get(item.id());
      URI target = base == null ? URI.create(href.strip()) : URI.create(base).resolve(href.strip());
      return Optional.ofNullable(recordByLink.get(normal(target.toString())));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** A link without its fragment and trailing slash, so the spellings of one address meet. */
  private static String normal(String link) {
    String s = link;
    int hash = s.indexOf('#');
    if (hash >= 0) {
      s = s.substring(0, hash);
    }
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s.replaceFirst("^https?://", "").toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public List<String> notes() {
    SiteClient.Counts c = client.counts();
    List<String> all = new ArrayList<>(notes);
    all.add(
        downloaded.get()
            + " downloaded in full, "
            + known
            + " known unchanged by their modification time; "
            + c.requests()
            + (c.requests() == 1 ? " request" : " requests")
            + " to the site ("
            + c.retries()
            + " retried, "
            + c.notModified()
            + " not modified)");
    return all;
  }

  @Override
  public void close() {
    client.close();
  }
}

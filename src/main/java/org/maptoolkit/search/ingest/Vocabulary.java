package org.maptoolkit.search.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The editable vocabularies that turn free text into facet values: publisher aliases and audience
 * categories. Loaded from {@code publishers.tsv} and {@code audiences.tsv} in a folder, or from the
 * copies shipped in the jar.
 */
public final class Vocabulary {
  private static final Pattern ABBREVIATED = Pattern.compile("^(.*?)\\s*\\(([^)]+)\\)\\s*$");

  private final Map<String, String> publisherByAlias;
  private final List<AudiencePattern> audiencePatterns;

  /** A pattern of a category; a fallback is a general word ("public") a phrase may override. */
  private record AudiencePattern(String category, Pattern pattern, boolean fallback) {}

  private Vocabulary(Map<String, String> publisherByAlias, List<AudiencePattern> audiencePatterns) {
    this.publisherByAlias = publisherByAlias;
    this.audiencePatterns = audiencePatterns;
  }

  /** The vocabularies shipped with MAP Search. */
  public static Vocabulary bundled() {
    try {
      return new Vocabulary(
          publishers(resourceLines("publishers.tsv")), audiences(resourceLines("audiences.tsv")));
    } catch (IOException e) {
      throw new IllegalStateException("the bundled vocabularies are missing from the jar", e);
    }
  }

  /**
   * Vocabularies from {@code dir}; a file missing there falls back to the bundled one.
   *
   * @throws IllegalArgumentException naming the file and line of a malformed entry
   */
  public static Vocabulary load(Path dir) throws IOException {
    List<String> publishers =
        Files.exists(dir.resolve("publishers.tsv"))
            ? Files.readAllLines(dir.resolve("publishers.tsv"))
            : resourceLines("publishers.tsv");
    List<String> audiences =
        Files.exists(dir.resolve("audiences.tsv"))
            ? Files.readAllLines(dir.resolve("audiences.tsv"))
            : resourceLines("audiences.tsv");
    return new Vocabulary(publishers(publishers), audiences(audiences));
  }

  /** Lines of a vocabulary file shipped in the jar. */
  public static List<String> resourceLines(String name) throws IOException {
    try (InputStream in = Vocabulary.class.getResourceAsStream("/vocab/" + name)) {
      if (in == null) {
        throw new IOException("no bundled vocabulary " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  private static Map<String, String> publishers(List<String> lines) {
    Map<String, String> byAlias = new HashMap<>();
    int number = 0;
    for (String line : withoutBom(lines)) {
      number++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] names = line.split("\t");
      String canonical = names[0].strip();
      if (key(canonical).isEmpty()) {
        throw new IllegalArgumentException(
            "publishers.tsv line " + number + ": the first cell must name the publisher");
      }
      for (String name : names) {
        if (key(name).isEmpty()) {
          continue;
        }
        String before = byAlias.putIfAbsent(key(name), canonical);
        if (before != null && !before.equals(canonical)) {
          // One spelling for two publishers would split or merge facet values at random.
          throw new IllegalArgumentException(
              "publishers.tsv line "
                  + number
                  + ": '"
                  + name.strip()
                  + "' is already a name of "
                  + before);
        }
      }
    }
    return Map.copyOf(byAlias);
  }

  /** Lines without the byte-order mark that some editors put at the start of a file. */
  private static List<String> withoutBom(List<String> lines) {
    if (lines.isEmpty() || !lines.getFirst().startsWith("\uFEFF")) {
      return lines;
    }
    List<String> out = new ArrayList<>(lines);
    out.set(0, out.getFirst().substring(1));
    return out;
  }

  private static List<AudiencePattern> audiences(List<String> lines) {
    List<AudiencePattern> patterns = new ArrayList<>();
    int number = 0;
    for (String line : withoutBom(lines)) {
      number++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] cells = line.split("\t");
      if (cells[0].isBlank() || cells.length < 2) {
        throw new IllegalArgumentException(
            "audiences.tsv line " + number + ": need a category, a tab and at least one pattern");
      }
      for (int i = 1; i < cells.length; i++) {
        boolean fallback = cells[i].startsWith("~");
        String regex = fallback ? cells[i].substring(1) : cells[i];
        try {
          patterns.add(
              new AudiencePattern(
                  cells[0].strip(),
                  Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE),
                  fallback));
        } catch (PatternSyntaxException e) {
          throw new IllegalArgumentException(
              "audiences.tsv line " + number + ": bad pattern '" + cells[i] + "'", e);
        }
      }
    }
    return List.copyOf(patterns);
  }

  /** Normalises a name for alias lookup: case, accents, punctuation, "the", "&". */
  static String key(String name) {
    String s = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
    s =
        s.toLowerCase(Locale.ROOT)
            .replace("&", " and ")
            .replaceAll("[^\\p{L}\\p{N}]+", " ")
            .strip();
    return s.startsWith("the ") ? s.substring(4) : s;
  }

  /** The canonical publisher for a name as written; empty when the name is not in the list. */
  public Optional<String> publisher(String written) {
    if (written == null || written.isBlank()) {
      return Optional.empty();
    }
    String direct = publisherByAlias.get(key(written));
    if (direct != null) {
      return Optional.of(direct);
    }
    Matcher m = ABBREVIATED.matcher(written.strip());
    if (m.matches()) {
      String whole = publisherByAlias.get(key(m.group(1)));
      String abbreviation = publisherByAlias.get(key(m.group(2)));
      if (whole != null) {
        return Optional.of(whole);
      }
      if (abbreviation != null) {
        return Optional.of(abbreviation);
      }
    }
    return Optional.empty();
  }

  /** The audience categories a free-text audience falls into, in file order; may be empty. */
  public List<String> audiences(String written) {
    return audienceMatch(written).categories();
  }

  /**
   * How a free-text audience was read.
   *
   * @param categories the categories it falls into, in file order
   * @param fallbackOnly true when only general words (marked {@code ~}) placed it: worth a look
   */
  public record AudienceMatch(List<String> categories, boolean fallbackOnly) {}

  /**
   * The categories of a free-text audience. Every pattern is looked for; the longest matches claim
   * their words first, and a match overlapping a longer one does not count, so "Public health
   * staff" is public health, not the public.
   */
  public AudienceMatch audienceMatch(String written) {
    if (written == null || written.isBlank()) {
      return new AudienceMatch(List.of(), false);
    }
    record Found(AudiencePattern rule, int start, int end) {}
    List<Found> found = new ArrayList<>();
    for (AudiencePattern rule : audiencePatterns) {
      Matcher m = rule.pattern().matcher(written);
      while (m.find()) {
        found.add(new Found(rule, m.start(), m.end()));
      }
    }
    found.sort(
        java.util.Comparator.comparingInt((Found f) -> f.end() - f.start())
            .reversed()
            .thenComparingInt(Found::start));
    boolean[] claimed = new boolean[written.length() + 1];
    Set<String> categories = new java.util.HashSet<>();
    boolean specific = false;
    for (Found f : found) {
      boolean overlaps = false;
      for (int i = f.start(); i < f.end(); i++) {
        overlaps |= claimed[i];
      }
      if (overlaps) {
        continue;
      }
      for (int i = f.start(); i < f.end(); i++) {
        claimed[i] = true;
      }
      categories.add(f.rule().category());
      specific |= !f.rule().fallback();
    }
    List<String> ordered =
        audiencePatterns.stream()
            .map(AudiencePattern::category)
            .distinct()
            .filter(categories::contains)
            .toList();
    return new AudienceMatch(ordered, !ordered.isEmpty() && !specific);
  }
}

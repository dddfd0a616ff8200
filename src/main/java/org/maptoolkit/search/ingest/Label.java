package org.maptoolkit.search.ingest;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The labelled parts of toolkit pages and the spellings editors use for them. A label is matched at
 * the start of a block, ignoring case, quotes and a trailing colon or question mark.
 */
public enum Label {
  TITLE("Title of driver", "Title"),
  IMPACT(
      "Impact on library policy/practice",
      "Impact on library policy and practice",
      "Impact on library policy / practice",
      "Impact on library practice",
      "Impact on library policy",
      "Impact on libraries"),
  SOURCE("Source", "Publisher"),
  LINK("Link to main document", "Link to the main document", "Main document", "Link to document"),
  FORMAT("Publication format", "Format"),
  PUBLISHED("Date of publication", "Publication date", "Date published", "Published"),
  SUMMARY("Summary of driver", "Summary of the driver", "Summary"),
  FEATURES("Key features of driver", "Key features of the driver", "Key features"),
  AUDIENCE("Primary audience", "Target audience", "Audience"),
  UPDATED("Date last updated", "Last updated", "Updated"),
  REVIEW("Due for review", "Review date", "Date due for review", "Next review"),
  MEMBER("Group member responsible", "Group member", "Responsible"),
  // MAP Story parts
  TEAM("Project team"),
  RESOURCES("Resources required", "Resources"),
  STORY("The story"),
  ALIGNMENT(
      "Alignment to local, regional and national drivers",
      "Alignment to local, regional and/or national drivers",
      "Alignment to drivers",
      "Alignment"),
  IMPACT_LIBRARY("Impact for the library", "Impact on the library", "Impact for library"),
  IMPACT_ORGANISATION(
      "Impact for the organisation/customer",
      "Impact for the organisation / customer",
      "Impact for the organisation",
      "Impact for the customer",
      "Impact on the organisation"),
  FUTURE("Future impacts", "Future impact"),
  LESSONS("Lessons learned", "Lessons learnt"),
  NEXT_STEPS(
      "Sustainability/next steps", "Sustainability / next steps", "Next steps", "Sustainability");

  @SuppressWarnings("ImmutableEnumChecker") // List.of(...) is immutable; the check sees the type
  private final List<String> spellings;

  Label(String... spellings) {
    this.spellings = List.of(spellings);
  }

  /** A label found at the start of a text, and the text after it. */
  public record Match(Label label, String rest, boolean hadColon) {}

  private static final List<Pattern> PATTERNS_BY_LENGTH;
  private static final List<Label> LABELS_BY_LENGTH;

  static {
    record Entry(Label label, String spelling) {}
    List<Entry> entries =
        java.util.Arrays.stream(values())
            .flatMap(l -> l.spellings.stream().map(s -> new Entry(l, s)))
            .sorted(Comparator.comparingInt((Entry e) -> e.spelling().length()).reversed())
            .toList();
    PATTERNS_BY_LENGTH =
        entries.stream()
            .map(
                e ->
                    Pattern.compile(
                        "^[\\s\"'“”‘’]*"
                            + Pattern.quote(e.spelling()).replace("/", "\\E\\s*/\\s*\\Q")
                            + "[\\s\"'“”‘’]*(:|\\?|\\s*–|\\s*-(?=\\s))?[\\s:]*",
                        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))
            .toList();
    LABELS_BY_LENGTH = entries.stream().map(Entry::label).toList();
  }

  /**
   * Finds a label at the start of {@code text}; the longest spelling wins, so "Summary of driver"
   * is not read as "Summary".
   */
  public static Optional<Match> at(String text) {
    String t = text.replace('\u00A0', ' ');
    for (int i = 0; i < PATTERNS_BY_LENGTH.size(); i++) {
      Matcher m = PATTERNS_BY_LENGTH.get(i).matcher(t);
      if (m.find()) {
        String rest = t.substring(m.end()).strip();
        // A label must end at a word boundary: "Sourced from..." is prose, not "Source".
        if (m.end() < t.length()
            && m.group(1) == null
            && Character.isLetterOrDigit(t.charAt(m.end() - 1))
            && Character.isLetterOrDigit(t.charAt(m.end()))) {
          continue;
        }
        return Optional.of(new Match(LABELS_BY_LENGTH.get(i), rest, m.group(1) != null));
      }
    }
    return Optional.empty();
  }

  /** The label's usual spelling, for reports. */
  public String display() {
    return spellings.getFirst();
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}

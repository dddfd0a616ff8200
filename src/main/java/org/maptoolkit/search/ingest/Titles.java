package org.maptoolkit.search.ingest;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A document's title from what the file says about itself: a plausible metadata title first, then
 * its first heading, then the line in its largest type on the first page, then its first line.
 * Metadata titles that tools fill in by themselves ("Microsoft Word - X.doc", "PowerPoint
 * Presentation", "Untitled", a file name) are refused.
 */
final class Titles {
  private static final Set<String> PLACEHOLDERS =
      Set.of(
          "untitled",
          "title",
          "no title",
          "document",
          "document1",
          "presentation",
          "presentation1",
          "powerpoint presentation",
          "slide 1",
          "adobe photoshop pdf",
          "microsoft word document",
          "word document",
          "pdf",
          "abc",
          "test");

  /** A name with an extension: what a tool writes when it copies the file name into the title. */
  private static final Pattern FILE_NAME =
      Pattern.compile(
          "(?i)^[^\\s/\\\\]*\\.[a-z0-9]{2,4}$|.*\\.(docx?|pptx?|xlsx?|pdf|rtf|odt|exe|indd|qxd|tmp)$");

  /** Tools that prefix the file name: "Microsoft Word - report.doc". */
  private static final Pattern TOOL_PREFIX =
      Pattern.compile("(?i)^(microsoft (word|powerpoint|excel)|powerpoint|word)\\s*-\\s*.*");

  private static final int MAX_LENGTH = 200;

  private Titles() {}

  /**
   * The best of the candidates, or null when none will do.
   *
   * @param fileName the file's name, to refuse a title that only repeats it
   */
  static String choose(
      String metadataTitle,
      String firstHeading,
      String largestLine,
      String firstLine,
      String fileName) {
    if (plausible(metadataTitle, fileName)) {
      return clean(metadataTitle);
    }
    for (String candidate : new String[] {firstHeading, largestLine, firstLine}) {
      if (readable(candidate) && plausible(candidate, fileName)) {
        return clean(candidate);
      }
    }
    return null;
  }

  /** Whether a title says something of its own: not a placeholder, tool output or file name. */
  static boolean plausible(String title, String fileName) {
    if (title == null) {
      return false;
    }
    String t = clean(title);
    if (t.isEmpty() || t.length() > MAX_LENGTH) {
      return false;
    }
    String lower = t.toLowerCase(Locale.ROOT);
    if (PLACEHOLDERS.contains(lower)
        || TOOL_PREFIX.matcher(t).matches()
        || FILE_NAME.matcher(t).matches()) {
      return false;
    }
    if (fileName != null) {
      String base = fileName.replaceFirst("\\.[A-Za-z0-9]+$", "").toLowerCase(Locale.ROOT);
      if (lower.equals(base) || lower.equals(base.replace('_', ' ').replace('-', ' '))) {
        return false;
      }
    }
    // At least one word of three letters: not a number, a code or punctuation.
    return t.codePoints().filter(Character::isLetter).count() >= 3
        && Pattern.compile("\\p{L}{3,}").matcher(t).find();
  }

  /** A line that reads as words: most of its characters letters or spaces, not OCR noise. */
  private static boolean readable(String line) {
    if (line == null) {
      return false;
    }
    String t = clean(line);
    // OCR noise starts with stray marks ("£- Chapter ae"); a title starts with a word or number.
    if (t.isEmpty() || (!Character.isLetterOrDigit(t.codePointAt(0)) && t.codePointAt(0) != '"')) {
      return false;
    }
    long letters = t.codePoints().filter(c -> Character.isLetter(c) || c == ' ').count();
    // A title is a short line of words, not a sentence of the body.
    if (t.split(" ").length > 15 || t.endsWith(".")) {
      return false;
    }
    return !t.isEmpty() && letters >= 0.8 * t.codePointCount(0, t.length());
  }

  /** White space made single, footnote marks and trailing punctuation dropped. */
  static String clean(String title) {
    return title
        .replaceAll("(?U)\\s+", " ")
        .strip()
        .replaceAll("[*†‡]+$", "")
        .replaceAll("[\\s:;,.·|-]+$", "")
        .strip();
  }
}

package org.maptoolkit.search.index;

import java.io.IOException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Folds regular British and American spelling pairs together before stemming (organisation /
 * organization, analyse / analyze, behaviour / behavior, centre / center, paediatric / pediatric),
 * so that a search in either spelling finds both: Porter alone stems each pair apart.
 */
public final class BritishSpellingFilter extends TokenFilter {
  private static final Pattern ISE =
      Pattern.compile("^([a-z]{3,})(y|i)s(e|es|ed|ing|ation|ations|er|ers)$");
  private static final Pattern OUR =
      Pattern.compile("^([a-z]{3,})our(|s|ed|ing|al|able|ite|ites)$");
  private static final Pattern TRE = Pattern.compile("^([a-z]{2,}[^aeiou])tre(s|d)?$");
  private static final Pattern AE = Pattern.compile("^(p|an|h|gyn|orthop|leuk)ae");
  private static final Pattern OE = Pattern.compile("^(oe|dysp?noe|diarrhoe|oedem)");

  /** Words spelt -ise on both sides of the Atlantic (compared as the base word ending in "ise"). */
  private static final Set<String> ALWAYS_ISE =
      Set.of(
          "advertise",
          "advise",
          "apprise",
          "arise",
          "chastise",
          "comprise",
          "compromise",
          "demise",
          "despise",
          "devise",
          "disguise",
          "enterprise",
          "excise",
          "exercise",
          "expertise",
          "franchise",
          "improvise",
          "incise",
          "premise",
          "promise",
          "revise",
          "supervise",
          "surmise",
          "surprise",
          "televise",
          "raise",
          "praise",
          "noise",
          "poise",
          "cruise",
          "bruise",
          "wise",
          "otherwise",
          "likewise",
          "precise",
          "concise",
          "paradise",
          "merchandise",
          "circumcise",
          "treatise",
          "anise",
          "chemise",
          "reprise",
          "valise");

  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

  public BritishSpellingFilter(TokenStream input) {
    super(input);
  }

  @Override
  public boolean incrementToken() throws IOException {
    if (!input.incrementToken()) {
      return false;
    }
    if (term.length() >= 5) {
      String t = term.toString();
      String folded = fold(t);
      if (!folded.equals(t)) {
        term.setEmpty().append(folded);
      }
    }
    return true;
  }

  /** Maps a lower-case word to its American spelling where the two differ by a regular rule. */
  static String fold(String t) {
    // Cheap guards first: this runs for every token indexed and searched.
    int n = t.length();
    if (t.indexOf("is", n - 9 < 0 ? 0 : n - 9) >= 0
        || t.indexOf("ys", n - 9 < 0 ? 0 : n - 9) >= 0) {
      Matcher m = ISE.matcher(t);
      if (m.matches() && !alwaysIse(m.group(1) + m.group(2) + "se")) {
        return m.group(1) + m.group(2) + "z" + m.group(3);
      }
    }
    if (t.contains("our")) {
      Matcher m = OUR.matcher(t);
      if (m.matches() && !t.startsWith("hour") && !t.endsWith("flour")) {
        return m.group(1) + "or" + m.group(2);
      }
    }
    if (t.endsWith("tre") || t.endsWith("tres") || t.endsWith("tred")) {
      Matcher m = TRE.matcher(t);
      if (m.matches() && !t.startsWith("theatre")) {
        return m.group(1) + "ter" + (m.group(2) == null ? "" : m.group(2).equals("d") ? "ed" : "s");
      }
    }
    if (t.indexOf("ae") >= 0 && AE.matcher(t).find()) {
      return AE.matcher(t).replaceFirst("$1e");
    }
    if (t.indexOf("oe") >= 0 && OE.matcher(t).find()) {
      return t.replaceFirst("oe", "e");
    }
    return t;
  }

  private static boolean alwaysIse(String base) {
    for (String word : ALWAYS_ISE) {
      // Whole words, or long ones as a word's end (supervise, otherwise): "organise" must not
      // count as ending in "anise".
      if (base.equals(word) || (word.length() >= 6 && base.endsWith(word))) {
        return true;
      }
    }
    return false;
  }
}

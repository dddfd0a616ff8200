package org.maptoolkit.search.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.tika.langdetect.opennlp.OpenNLPDetector;
import org.apache.tika.language.detect.LanguageResult;

/**
 * The main language of a text, with Apache OpenNLP's language model (through Tika), as an ISO 639-1
 * code. Short or unreadable text (a few words, OCR noise) has no language rather than a wrong one.
 */
public final class Languages {
  /** Letters needed before a guess is made. */
  private static final int MIN_LETTERS = 40;

  /** How much text is looked at: the model settles long before this. */
  private static final int MAX_CHARS = 20_000;

  /**
   * The model's score above which its best guess stands on its own (measured on ../shared/realdocs:
   * whole documents score 0.15 and more, OCR noise 0.01-0.02).
   */
  private static final double SURE_SCORE = 0.1;

  /**
   * On a short text every score is low; its best guess stands when it leads the next by this much
   * (a clean English sentence 1.4, OCR noise 1.0-1.1).
   */
  private static final double LEAD = 1.35;

  private static final Map<String, String> ISO3_TO_ISO1 = iso3ToIso1();

  private Languages() {}

  /** The main language of {@code text} (e.g. {@code en}, {@code fr}, {@code ru}), or null. */
  public static String detect(String text) {
    if (text == null || letters(text) < MIN_LETTERS) {
      return null;
    }
    OpenNLPDetector detector = new OpenNLPDetector();
    try {
      detector.loadModels();
    } catch (IOException e) {
      throw new UncheckedIOException("the language model is missing from the jar", e);
    }
    detector.addText(text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text);
    java.util.List<LanguageResult> ranked = detector.detectAll();
    if (ranked.isEmpty() || ranked.getFirst().getLanguage().isEmpty()) {
      return null;
    }
    LanguageResult best = ranked.getFirst();
    double next = ranked.size() > 1 ? ranked.get(1).getRawScore() : 0;
    if (best.getRawScore() < SURE_SCORE && best.getRawScore() < LEAD * next) {
      return null;
    }
    String code = best.getLanguage();
    return ISO3_TO_ISO1.getOrDefault(code, code);
  }

  private static int letters(String text) {
    int n = 0;
    for (int i = 0; i < text.length() && n < MIN_LETTERS; i++) {
      if (Character.isLetter(text.charAt(i))) {
        n++;
      }
    }
    return n;
  }

  private static Map<String, String> iso3ToIso1() {
    Map<String, String> map = new HashMap<>();
    for (String two : Locale.getISOLanguages()) {
      try {
        map.put(Locale.of(two).getISO3Language(), two);
      } catch (java.util.MissingResourceException e) {
        // A code without a three-letter form: nothing to map.
      }
    }
    // OpenNLP's codes for Chinese, Persian and Malay are macrolanguage forms.
    map.put("cmn", "zh");
    map.put("pes", "fa");
    map.put("zsm", "ms");
    return Map.copyOf(map);
  }
}

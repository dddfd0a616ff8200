package org.maptoolkit.search.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * A deterministic synthetic corpus shaped like the samples: driver pages with the site's labels,
 * publishers, audiences and dates drawn like the samples', words drawn from the samples' own
 * vocabulary (Zipf-like), and PDFs of 2-40 pages of such text.
 */
public final class CorpusGenerator {
  private static final List<String> PUBLISHERS =
      List.of(
          "NHS England",
          "NHS England",
          "NHS England",
          "Health Education England (HEE)",
          "HEE",
          "Department of Health and Social Care",
          "DHSC",
          "Care Quality Commission",
          "National Institute for Health and Care Excellence",
          "Public Health England",
          "The King's Fund",
          "The Health Foundation",
          "NHS Improvement",
          "NHSX",
          "UK Health Security Agency");
  private static final List<String> AUDIENCES =
      List.of(
          "All",
          "All staff",
          "Senior managers in NHS organisations and partners",
          "All NHS England organisations, particularly Executives and senior managers",
          "Library and knowledge services staff",
          "Clinicians, nurses and allied health professionals",
          "Commissioners and ICB leaders",
          "Patients, carers and the public",
          "Board members",
          "Public health teams and local authorities",
          "Educators and trainees");
  private static final String[] MONTHS = {
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December"
  };
  private static final String FALLBACK_WORDS =
      "library knowledge services evidence health care workforce plan digital patient safety nurse"
          + " training data primary integrated system board policy review framework strategy"
          + " quality improvement leadership access research clinical staff organisation"
          + " commissioning transformation sustainability partnership community mental maternity"
          + " cancer urgent emergency elective recovery equality inclusion prevention public"
          + " national local regional trust hospital general practice pharmacy information"
          + " literature search current awareness summary bulletin outreach literacy learning";

  private final List<String> vocabulary;
  private final long seed;

  /** Words from the samples folder when it exists, so the text looks like the toolkit's. */
  public CorpusGenerator(Path samples, long seed) throws IOException {
    this.seed = seed;
    this.vocabulary = vocabulary(samples);
  }

  public int vocabularySize() {
    return vocabulary.size();
  }

  private static List<String> vocabulary(Path samples) throws IOException {
    List<String> words = new ArrayList<>();
    if (samples != null && Files.isDirectory(samples)) {
      Pattern word = Pattern.compile("\\b[a-z][a-z]{2,}\\b");
      try (Stream<Path> files = Files.walk(samples)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".html")).sorted().toList()) {
          String text = Files.readString(f).replaceAll("<[^>]+>", " ").toLowerCase(java.util.Locale.ROOT);
          Matcher m = word.matcher(text);
          while (m.find()) {
            words.add(m.group());
          }
        }
      }
    }
    if (words.size() < 1000) {
      words = new ArrayList<>(List.of(FALLBACK_WORDS.split(" ")));
    }
    // Kept with repetitions: drawing uniformly from the list keeps the samples' word frequencies.
    return words;
  }

  private String words(Random r, int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        b.append(' ');
      }
      b.append(vocabulary.get(r.nextInt(vocabulary.size())));
    }
    return b.toString();
  }

  /** Writes {@code count} driver pages under {@code dir/drivers}. */
  public void writePages(Path dir, int count) throws IOException {
    Path drivers = Files.createDirectories(dir.resolve("drivers"));
    Random r = new Random(seed);
    for (int i = 0; i < count; i++) {
      int year = 2014 + r.nextInt(13);
      String title = capitalise(words(r, 3 + r.nextInt(6)));
      String html =
          """
          <!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>%1$s | MAP Toolkit</title></head>
          <body><main><article class="post category-drivers"><header><h1 class="entry-title">%1$s</h1></header>
          <div class="entry-content">
          <p><strong>Impact on library policy/practice:</strong></p><ul><li>%2$s</li><li>%3$s</li><li>%4$s</li></ul>
          <p><strong>Source:</strong> %5$s</p>
          <p><strong>Link to main document</strong> <a href="https://www.example.org/doc/%6$d.pdf">Main document</a></p>
          <p><strong>Publication format:</strong> PDF</p>
          <p><strong>Date of publication:</strong> %7$d %8$s %9$d</p>
          <p><strong>Summary of driver:</strong> %10$s</p>
          <p><strong>Key features of driver:</strong></p><ul><li>%11$s</li><li>%12$s</li><li>%13$s</li></ul>
          <p><strong>Primary audience:</strong> %14$s</p>
          <p><strong>Date last updated:</strong> %8$s %15$d</p>
          <p><strong>Due for review:</strong> %8$s %16$d</p>
          </div></article></main></body></html>
          """
              .formatted(
                  title,
                  capitalise(words(r, 14)),
                  capitalise(words(r, 12)),
                  capitalise(words(r, 16)),
                  PUBLISHERS.get(r.nextInt(PUBLISHERS.size())),
                  i,
                  1 + r.nextInt(28),
                  MONTHS[r.nextInt(12)],
                  year,
                  capitalise(words(r, 60 + r.nextInt(80))),
                  capitalise(words(r, 15)),
                  capitalise(words(r, 12)),
                  capitalise(words(r, 18)),
                  AUDIENCES.get(r.nextInt(AUDIENCES.size())),
                  Math.min(2026, year + r.nextInt(3)),
                  Math.min(2027, year + 1 + r.nextInt(3)));
      try (Writer out = Files.newBufferedWriter(drivers.resolve("d" + i + ".html"))) {
        out.write(html);
      }
    }
  }

  /** Writes {@code count} PDFs of 2-40 pages under {@code dir}; returns the total page count. */
  public int writePdfs(Path dir, int count) throws IOException {
    Files.createDirectories(dir);
    Random r = new Random(seed + 1);
    int pages = 0;
    for (int i = 0; i < count; i++) {
      int n = 2 + r.nextInt(39);
      pages += n;
      Files.write(dir.resolve("doc" + i + ".pdf"), pdf(r, n));
    }
    return pages;
  }

  private byte[] pdf(Random r, int pages) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
      for (int p = 0; p < pages; p++) {
        PDPage page = new PDPage();
        doc.addPage(page);
        try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
          cs.beginText();
          cs.setFont(font, 10);
          cs.setLeading(13);
          cs.newLineAtOffset(50, 740);
          for (int line = 0; line < 40; line++) {
            cs.showText(words(r, 12));
            cs.newLine();
          }
          cs.endText();
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    }
  }

  /**
   * Queries of 1-3 words and phrases, drawn from the vocabulary's distinct words without the 100
   * most frequent: those occur in nearly every page (like "nhs" or "health") and nobody searches
   * for them alone, while drawing by frequency would make almost every query match everything.
   */
  public List<String> queries(int count) {
    java.util.Map<String, Integer> freq = new java.util.HashMap<>();
    vocabulary.forEach(w -> freq.merge(w, 1, Integer::sum));
    List<String> distinct =
        freq.entrySet().stream()
            .sorted(
                (a, b) ->
                    b.getValue() != a.getValue().intValue()
                        ? b.getValue() - a.getValue()
                        : a.getKey().compareTo(b.getKey()))
            .map(java.util.Map.Entry::getKey)
            .toList();
    List<String> pool = distinct.size() > 200 ? distinct.subList(100, distinct.size()) : distinct;
    Random r = new Random(seed + 2);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int n = i % 4 == 0 ? 1 : i % 4 == 1 ? 2 : i % 4 == 2 ? 3 : 2;
      StringBuilder q = new StringBuilder();
      for (int w = 0; w < n; w++) {
        q.append(w == 0 ? "" : " ").append(pool.get(r.nextInt(pool.size())));
      }
      out.add(i % 4 == 3 ? "\"" + q + "\"" : q.toString());
    }
    return out;
  }

  private static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}

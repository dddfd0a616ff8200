package org.maptoolkit.search.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.maptoolkit.search.Cli;

/**
 * Five records whose titles are Greek, Russian, Chinese, Korean and typographic English, written as
 * JSON Lines and ingested with the real command: what a reference manager or feed reader must keep
 * letter for letter.
 */
final class ScriptsIndex {
  private ScriptsIndex() {}

  /** Titles by record id, as written into the source. */
  static final Map<String, String> TITLES =
      Map.of(
          "greek", "Υπηρεσίες βιβλιοθήκης και γνώσης για το προσωπικό",
          "russian", "Библиотечные службы для персонала больниц",
          "chinese", "医院图书馆知识服务",
          "korean", "병원 도서관 지식 서비스",
          "typographic", "Staff’s “quick” guide – library services");

  /** The JSON Lines source and its index, both under {@code dir}. */
  record Built(Path source, Path index) {}

  /**
   * Writes the records as toolkit driver pages into {@code folder}, published 1 to 5 March 2024 in
   * id order, for {@code serve}, which ingests a folder on first start.
   */
  static void writePages(Path folder) throws IOException {
    Files.createDirectories(folder.resolve("drivers"));
    int day = 1;
    for (var e : new TreeMap<>(TITLES).entrySet()) {
      String title = e.getValue();
      Files.writeString(
          folder.resolve("drivers/" + e.getKey() + ".html"),
          "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>"
              + title
              + " | MAP Toolkit</title></head><body><article class=\"category-drivers\">"
              + "<h1 class=\"entry-title\">"
              + title
              + "</h1><div class=\"entry-content\">"
              + "<p><strong>Date of publication:</strong></p><p>"
              + day++
              + " March 2024</p><p><strong>Source:</strong></p><p>NHS England</p>"
              + "<p><strong>Summary of driver:</strong></p><p>"
              + title
              + " — library services, 2024.</p></div></article></body></html>",
          StandardCharsets.UTF_8);
    }
  }

  /** Writes the source, published 1 to 5 March 2024 in id order, and ingests it. */
  static Built build(Path dir) throws IOException {
    ObjectMapper json = new ObjectMapper();
    StringBuilder jsonl = new StringBuilder();
    int day = 1;
    for (var e : new TreeMap<>(TITLES).entrySet()) {
      jsonl
          .append(
              json.writeValueAsString(
                  Map.of(
                      "id",
                      e.getKey(),
                      "title",
                      e.getValue(),
                      "text",
                      e.getValue() + " — library services, 2024.",
                      "published",
                      "2024-03-0" + day++)))
          .append('\n');
    }
    Path source = dir.resolve("scripts.jsonl");
    Files.writeString(source, jsonl, StandardCharsets.UTF_8);
    Path index = dir.resolve("scripts-index");
    Cli.Result run =
        Cli.run("ingest", "--no-semantic", source.toString(), "--index", index.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    return new Built(source, index);
  }
}

package org.maptoolkit.search.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ids that survive any file name, and shortening text that has no spaces. */
class IdsAndTextsTest {
  @Test
  void anIdIsOneSafeUrlSegmentWhateverTheName() {
    assertThat(Ids.ofPath("drivers/long-term-plan.html", true)).isEqualTo("drivers:long-term-plan");
    assertThat(Ids.ofPath("documents/plan_2019.pdf", false)).isEqualTo("documents:plan_2019.pdf");
    for (String name :
        List.of(
            "Annual report #1 (final).docx",
            "what?.pdf",
            "100% done.pdf",
            "a%20b.pdf",
            "보고서 요약.pdf",
            "Επίπεδο 2.html",
            "café.pdf")) {
      String id = Ids.ofPath("shared/" + name, false);
      assertThat(id).as(name).matches("shared:[A-Za-z0-9._~-]+");
      // Usable as it is in a path, and the same every time.
      assertThat(URI.create("/documents/" + id).getPath()).isEqualTo("/documents/" + id);
      assertThat(Ids.ofPath("shared/" + name, false)).isEqualTo(id);
    }
    assertThat(Ids.ofPath("x/café.pdf", false)).startsWith("x:cafe-").endsWith(".pdf");
    // Two names that differ only in what is made safe keep apart.
    assertThat(Ids.segment("a b.pdf")).isNotEqualTo(Ids.segment("a-b.pdf"));
    assertThat(Ids.segment("a b.pdf")).isNotEqualTo(Ids.segment("a?b.pdf"));
  }

  @Test
  void textWithoutSpacesIsShortenedNotBroken() {
    String chinese = "重庆万州经济技术开发集团有限公司".repeat(40);
    assertThat(Texts.lead(chinese, 400)).hasSize(400 + 2).endsWith(" …");
    String links = "https://example.org/a/very/long/path/".repeat(30);
    assertThat(Texts.lead(links, 100)).startsWith("https://example.org/").endsWith(" …");
    // A pair of UTF-16 chars (an emoji) is never cut in half.
    String emoji = "😀".repeat(300);
    String lead = Texts.lead(emoji, 101);
    assertThat(lead.codePoints().filter(c -> c == 0xFFFD).count()).isZero();
    assertThat(Character.isHighSurrogate(lead.charAt(lead.length() - 3))).isFalse();
    assertThat(Texts.lead("Short and sweet.", 400)).isEqualTo("Short and sweet.");
  }
}

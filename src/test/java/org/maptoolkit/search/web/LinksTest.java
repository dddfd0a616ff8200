package org.maptoolkit.search.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** Editors' links made valid once, checked against the JDK's own URI encoder. */
class LinksTest {
  @Test
  void aRawLinkIsEncodedAsTheJdkEncodesIt() throws Exception {
    for (String path :
        new String[] {"/a b.pdf", "/Επίπεδο 2/", "/보고서 요약.pdf", "/café.pdf", "/😀.pdf"}) {
      String expected = new URI("https", "example.org", path, null).toASCIIString();
      assertThat(Links.encode("https://example.org" + path)).isEqualTo(expected);
    }
  }

  @Test
  void aValidLinkIsLeftAsItIsAndAStrayPercentIsEscaped() {
    String greek = "https://example.org/%ce%b5%cf%80%ce%af%cf%80%ce%b5%ce%b4%ce%bf-2/";
    assertThat(Links.encode(greek)).isEqualTo(greek);
    assertThat(Links.encode("https://example.org/?q=a+b&page=2#top"))
        .isEqualTo("https://example.org/?q=a+b&page=2#top");
    assertThat(Links.encode("https://example.org/100% sure.pdf"))
        .isEqualTo("https://example.org/100%25%20sure.pdf");
    assertThat(URI.create(Links.encode("https://example.org/100% sure.pdf"))).isNotNull();
  }
}

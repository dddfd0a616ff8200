package org.maptoolkit.search.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.maptoolkit.search.Cli;

/**
 * How a site's address is read and its REST API addressed, without a site: what a user may type,
 * the API's routes with and without pretty permalinks, the Link header that names the API, waits a
 * site asks for, when a modification time can be trusted, and what counts as protected.
 */
class SiteAddressesTest {
  @Test
  void aSourceIsAPathOrASiteAndABadAddressSaysWhy() {
    assertThat(SourceLocation.parse("samples"))
        .isEqualTo(new SourceLocation.Local(Path.of("samples")));
    assertThat(SourceLocation.parse("exports/site.xml"))
        .isEqualTo(new SourceLocation.Local(Path.of("exports/site.xml")));
    assertThat(SourceLocation.parse("https://toolkit.example.org"))
        .isEqualTo(new SourceLocation.Site(URI.create("https://toolkit.example.org/")));
    assertThat(SourceLocation.parse("HTTP://toolkit.example.org/lks"))
        .isEqualTo(new SourceLocation.Site(URI.create("http://toolkit.example.org/lks/")));
    assertThatThrownBy(() -> SourceLocation.parse("ftp://toolkit.example.org/"))
        .hasMessageContaining("only http and https");
    assertThatThrownBy(() -> SourceLocation.parse("https:///nohost"))
        .hasMessageContaining("no host");
    assertThatThrownBy(() -> SourceLocation.parse("https://toolkit.example.org/?p=1"))
        .hasMessageContaining("without a query");
    assertThatThrownBy(() -> SourceLocation.parse("https://tool kit.example.org/"))
        .hasMessageContaining("not a valid URL");
  }

  @Test
  void theCommandLineRefusesABadSiteAddressAsAUsageError() {
    Cli.Result r = Cli.run("ingest", "--no-semantic", "ftp://toolkit.example.org/");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("only http and https sites can be read");
    Cli.Result serve =
        Cli.run("serve", "--no-semantic", "--sync-url", "toolkit.example.org", "--port", "0");
    assertThat(serve.exit()).isEqualTo(2);
    assertThat(serve.err()).contains("--sync-url").contains("give it with http:// or https://");
  }

  @Test
  void routesWithAndWithoutPrettyPermalinks() {
    Map<String, String> params = RestApi.params("status", "publish", "_fields", "id,link");
    assertThat(
            new RestApi(URI.create("https://t.example.org/wp-json/")).route("wp/v2/posts", params))
        .hasToString("https://t.example.org/wp-json/wp/v2/posts?status=publish&_fields=id,link");
    assertThat(
            new RestApi(URI.create("https://t.example.org/?rest_route=/"))
                .route("wp/v2/posts", params))
        .hasToString(
            "https://t.example.org/?rest_route=/wp/v2/posts&status=publish&_fields=id,link");
    assertThat(new RestApi(URI.create("https://t.example.org/wp-json/")).route("", Map.of()))
        .hasToString("https://t.example.org/wp-json/");
  }

  @Test
  void theApiIsTheOneTheHomePageNamesOnItsOwnHost() {
    URI site = URI.create("https://t.example.org/");
    HttpHeaders headers =
        HttpHeaders.of(
            Map.of(
                "Link",
                List.of(
                    "<https://t.example.org/wp-json/wp/v2/pages/2>; rel=\"alternate\";"
                        + " type=\"application/json\", <https://t.example.org/lks/wp-json/>;"
                        + " rel=\"https://api.w.org/\"")),
            (a, b) -> true);
    assertThat(RestApi.named(headers, site))
        .contains(URI.create("https://t.example.org/lks/wp-json/"));
    HttpHeaders elsewhere =
        HttpHeaders.of(
            Map.of(
                "Link",
                List.of("<https://other.example.org/wp-json/>; rel=\"https://api.w.org/\"")),
            (a, b) -> true);
    assertThat(RestApi.named(elsewhere, site)).isEmpty();
  }

  @Test
  void aSiteMayAskForAWaitInSecondsOrAsADate() {
    assertThat(SiteClient.retryAfter("7")).isEqualTo(Duration.ofSeconds(7));
    assertThat(SiteClient.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
    assertThat(SiteClient.retryAfter("soon")).isNull();
    assertThat(SiteClient.retryAfter(null)).isNull();
  }

  @Test
  void aModificationInTheSecondsBeforeAReadIsNotTrusted() {
    Instant read = Instant.parse("2026-03-01T10:00:05Z");
    assertThat(RestPosts.unsettled("2026-03-01T10:00:01", read)).isFalse();
    assertThat(RestPosts.unsettled("2026-03-01T10:00:03", read)).isTrue();
    assertThat(RestPosts.unsettled("2026-03-01T10:00:05", read)).isTrue();
    assertThat(RestPosts.unsettled("", read)).isTrue();
  }

  @Test
  void contentWithoutItsProtectedFlagCountsAsProtected() throws Exception {
    ObjectMapper json = new ObjectMapper();
    assertThat(
            RestPosts.isProtected(
                json.readTree("{\"content\":{\"rendered\":\"x\",\"protected\":false}}")))
        .isFalse();
    assertThat(
            RestPosts.isProtected(
                json.readTree("{\"content\":{\"rendered\":\"\",\"protected\":true}}")))
        .isTrue();
    assertThat(RestPosts.isProtected(json.readTree("{\"content\":{\"rendered\":\"x\"}}"))).isTrue();
    // A type without an editor has no content to protect.
    assertThat(RestPosts.isProtected(json.readTree("{\"title\":{\"rendered\":\"x\"}}"))).isFalse();
  }
}

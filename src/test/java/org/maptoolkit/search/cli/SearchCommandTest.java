package org.maptoolkit.search.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.maptoolkit.search.Cli;
import org.maptoolkit.search.document.Facet;

/** {@code map-search search} as a user types it: filters from the registry, errors as the API's. */
class SearchCommandTest {
  @RegisterExtension static final SamplesIndex SAMPLES = new SamplesIndex();

  @TempDir Path dir;

  private static Cli.Result search(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "search";
    all[1] = "--index";
    all[2] = SAMPLES.path().toString();
    System.arraycopy(args, 0, all, 3, args.length);
    return Cli.run(all);
  }

  @Test
  void everyFacetIsAnOptionAndFiltersLikeTheApi() {
    Cli.Result help = Cli.run("search", "--help");
    for (Facet facet : Facet.ALL) {
      assertThat(help.out()).contains("--" + facet.name() + "=");
    }
    Cli.Result drivers = search("--type", "DRIVER", "--source", "Nuffield Trust", "workforce");
    assertThat(drivers.exit()).as(drivers.err()).isZero();
    // Of the samples, two drivers are the Nuffield Trust's and one of them mentions workforce.
    assertThat(drivers.out())
        .startsWith("1 hit\n")
        .contains("drivers:rising-pressure-workforce")
        .contains("type:  driver (1)");
  }

  @Test
  void aMistypedIndexFolderIsRefusedNotCreated() {
    Path typo = dir.resolve("indx");
    Cli.Result r = Cli.run("search", "--index", typo.toString(), "workforce");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("there is no index in " + typo);
    assertThat(typo).doesNotExist();
  }

  @Test
  void badValuesNameTheValidOnesAndExitTwo() {
    Cli.Result sort = search("--sort", "bogus", "plan");
    assertThat(sort.exit()).isEqualTo(2);
    assertThat(sort.err())
        .startsWith("sort must be one of relevance, newest, oldest, review, title; got 'bogus'");
    Cli.Result type = search("--type", "bogus", "plan");
    assertThat(type.exit()).isEqualTo(2);
    assertThat(type.err())
        .startsWith("type must be one of driver, story, news, meeting, document; got 'bogus'");
    assertThat(search("--year", "17").err()).startsWith("year must be a four-digit year, got '17'");
    assertThat(search("--size", "500").exit()).isEqualTo(2);
  }
}

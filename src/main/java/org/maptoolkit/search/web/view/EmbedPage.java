package org.maptoolkit.search.web.view;

import java.util.List;

/**
 * The builder of the embeddable search box: this service's address and the real values of each
 * facet a box can be preset with.
 */
public record EmbedPage(String host, List<Preset> presets) {

  /** A facet a box can be preset with, and its values as the index holds them. */
  public record Preset(String name, String label, List<String> values) {}
}

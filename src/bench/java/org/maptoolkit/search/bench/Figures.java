package org.maptoolkit.search.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** The figures of one benchmark run, by name in the order measured, rounded for reading. */
final class Figures {
  private final Map<String, Object> values = new LinkedHashMap<>();

  void put(String name, double value) {
    values.put(name, Math.round(value * 100) / 100.0);
  }

  void put(String name, long value) {
    values.put(name, value);
  }

  void put(String name, String value) {
    values.put(name, value);
  }

  Map<String, Object> asMap() {
    return values;
  }
}

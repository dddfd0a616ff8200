package org.maptoolkit.search.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.maptoolkit.search.document.Facet;
import org.maptoolkit.search.document.Json;

/**
 * {@code GET /openapi.json}: the OpenAPI 3.1 description shipped in the jar, with one filter
 * parameter per facet of the registry added to the search operations at start-up, so a new facet is
 * documented where it is defined.
 */
public final class OpenApiController implements Controller {
  private final byte[] document;

  public OpenApiController() {
    ObjectMapper json = Json.mapper();
    try (InputStream in = OpenApiController.class.getResourceAsStream("/openapi.json")) {
      if (in == null) {
        throw new IllegalStateException("openapi.json is missing from the jar");
      }
      ObjectNode root = (ObjectNode) json.readTree(in);
      addFacets(root);
      this.document = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Each facet as a repeatable query parameter of a search (and of the suggestions, which take the
   * same filters) and a property of POST's body, as a key of the search response's {@code facets}
   * ({@code Facets}) and of a report's {@code filters} ({@code Filters}): those schemas allow no
   * other key.
   */
  static void addFacets(ObjectNode root) {
    JsonNode search = root.path("paths").path("/api/search");
    ArrayNode parameters = (ArrayNode) search.path("get").path("parameters");
    ObjectNode body =
        (ObjectNode)
            search
                .path("post")
                .path("requestBody")
                .path("content")
                .path("application/json")
                .path("schema")
                .path("properties");
    ArrayNode suggest =
        (ArrayNode) root.path("paths").path("/api/suggest").path("get").path("parameters");
    JsonNode schemas = root.path("components").path("schemas");
    ObjectNode counts = (ObjectNode) schemas.path("Facets").path("properties");
    ObjectNode filters = (ObjectNode) schemas.path("Filters").path("properties");
    // After q, in registry order.
    int at = 1;
    for (Facet facet : Facet.ALL) {
      ObjectNode value = root.objectNode().put("type", "string");
      if (!facet.closedValues().isEmpty()) {
        ArrayNode values = value.putArray("enum");
        facet.closedValues().forEach(values::add);
      } else if (facet.valuePattern() != null) {
        value.put("pattern", "^" + facet.valuePattern().pattern() + "$");
      }
      ObjectNode parameter = root.objectNode();
      parameter.put("name", facet.name());
      parameter.put("in", "query");
      parameter.put(
          "description",
          facet.description() + " Repeatable: values of one facet are OR'ed, facets AND'ed.");
      ObjectNode schema = parameter.putObject("schema");
      schema.put("type", "array");
      schema.set("items", value.deepCopy());
      parameter.put("style", "form");
      parameter.put("explode", true);
      // The suggestions take the same filters (an embedded box's presets), after q and limit.
      suggest.insert(at + 1, parameter.deepCopy());
      parameters.insert(at++, parameter);
      ObjectNode property = body.putObject(facet.name());
      property.put("description", facet.description());
      ArrayNode oneOf = property.putArray("oneOf");
      oneOf.add(value.deepCopy());
      oneOf.addObject().put("type", "array").set("items", value.deepCopy());
      ObjectNode count = counts.putObject(facet.name());
      count.put("description", facet.label() + ": values with their number of matches.");
      count.put("type", "array");
      count.putObject("items").put("$ref", "#/components/schemas/FacetValue");
      ObjectNode filter = filters.putObject(facet.name());
      filter.put("description", facet.label() + ": the values searched for.");
      filter.put("type", "array");
      filter.put("minItems", 1);
      filter.set("items", value.deepCopy());
    }
  }

  @Override
  public void routes(Routes routes) {
    routes.get(
        "/openapi.json",
        ctx -> {
          QueryParams.only(ctx, java.util.Set.of());
          ctx.contentType("application/json").result(document);
        });
  }
}

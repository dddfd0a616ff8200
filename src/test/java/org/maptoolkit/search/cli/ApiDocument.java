package org.maptoolkit.search.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi31;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The served {@code /openapi.json}, read as a client reads it, and the check of one HTTP exchange
 * against it: the status is one the operation documents, the Content-Type one of that response's
 * media types, the body valid against its JSON Schema (2020-12, by networknt's validator, {@code
 * $ref}s resolved in the document), and every header it requires present and valid. Objects the
 * document closes ({@code additionalProperties: false}) make an undocumented field a failure.
 */
final class ApiDocument {
  /** Where the document is "loaded" from, so that its {@code #/...} references resolve. */
  static final String BASE = "https://map-search.invalid/openapi.json";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CODE_DESCRIPTION = Pattern.compile("^(\\d{3}) ([a-z_]+): .+");

  /** One operation: its id, method (lower case, as in the document), path template and node. */
  record Operation(String id, String method, String path, JsonNode node) {
    String name() {
      return method.toUpperCase(Locale.ROOT) + " " + path;
    }
  }

  /** What the ErrorCode catalogue says of one code. */
  record CodeFacts(int status, String type) {}

  /** One answer as it came: status, headers, body (empty for HEAD). */
  static final class Exchange {
    private final int status;
    private final HttpHeaders headers;
    private final byte[] body;

    Exchange(int status, HttpHeaders headers, byte[] body) {
      this.status = status;
      this.headers = headers;
      this.body = body.clone();
    }

    static Exchange of(HttpResponse<byte[]> r) {
      return new Exchange(r.statusCode(), r.headers(), r.body());
    }

    int status() {
      return status;
    }

    HttpHeaders headers() {
      return headers;
    }

    byte[] body() {
      return body.clone();
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  final JsonNode root;
  private final Map<String, Operation> operations = new LinkedHashMap<>();
  private final JsonSchemaFactory factory;
  private final SchemaValidatorsConfig config =
      SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
  private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();
  private Map<String, CodeFacts> catalogue;

  ApiDocument(JsonNode root) {
    this.root = root;
    String text = root.toString();
    this.factory =
        JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V202012,
            b ->
                b.metaSchema(OpenApi31.getInstance())
                    .defaultMetaSchemaIri(OpenApi31.getInstance().getIri())
                    .schemaLoaders(loaders -> loaders.schemas(Map.of(BASE, text))));
    for (var path : root.get("paths").properties()) {
      for (var entry : path.getValue().properties()) {
        if (entry.getValue().has("operationId")) {
          String id = entry.getValue().get("operationId").asText();
          operations.put(id, new Operation(id, entry.getKey(), path.getKey(), entry.getValue()));
        }
      }
    }
  }

  /** GET {@code base}/openapi.json. */
  static ApiDocument fetch(HttpClient http, String base) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/openapi.json")).build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new AssertionError("GET /openapi.json answered " + r.statusCode());
    }
    return new ApiDocument(JSON.readTree(r.body()));
  }

  Map<String, Operation> operations() {
    return operations;
  }

  Operation operation(String id) {
    Operation op = operations.get(id);
    if (op == null) {
      throw new AssertionError("openapi.json has no operation " + id);
    }
    return op;
  }

  /** The node a {@code $ref} names (following chains), or the node itself. */
  JsonNode deref(JsonNode node) {
    JsonNode n = node;
    for (int i = 0; n != null && n.has("$ref") && i < 10; i++) {
      n = at(n.get("$ref").asText());
    }
    return n;
  }

  /** The node at a local reference {@code #/a/b~1c}. */
  JsonNode at(String ref) {
    if (!ref.startsWith("#/")) {
      throw new AssertionError("not a local reference: " + ref);
    }
    JsonNode n = root;
    for (String part : ref.substring(2).split("/", -1)) {
      n = n.path(part.replace("~1", "/").replace("~0", "~"));
    }
    if (n.isMissingNode()) {
      throw new AssertionError("unresolved reference " + ref);
    }
    return n;
  }

  /** The parameters of an operation, its path item's and its own, resolved. */
  List<JsonNode> parameters(Operation op) {
    List<JsonNode> all = new ArrayList<>();
    for (JsonNode p : root.get("paths").get(op.path()).path("parameters")) {
      all.add(deref(p));
    }
    for (JsonNode p : op.node().path("parameters")) {
      all.add(deref(p));
    }
    return all;
  }

  /** The names of an operation's query parameters, in document order. */
  Set<String> queryParameters(Operation op) {
    Set<String> names = new LinkedHashSet<>();
    for (JsonNode p : parameters(op)) {
      if (p.get("in").asText().equals("query")) {
        names.add(p.get("name").asText());
      }
    }
    return names;
  }

  /** An operation's response for a status, resolved; empty when it documents none. */
  Optional<JsonNode> response(Operation op, int status) {
    JsonNode r = op.node().path("responses").get(String.valueOf(status));
    return r == null ? Optional.empty() : Optional.of(deref(r));
  }

  /** The error codes an operation's response for {@code status} names (empty for non-errors). */
  Set<String> errorCodes(Operation op, int status) {
    Set<String> codes = new LinkedHashSet<>();
    response(op, status)
        .map(r -> r.path("content").path("application/json").path("schema"))
        .ifPresent(schema -> collectCodes(schema, codes));
    return codes;
  }

  private void collectCodes(JsonNode schema, Set<String> codes) {
    for (JsonNode part : schema.path("allOf")) {
      for (JsonNode code : part.path("properties").path("code").path("enum")) {
        codes.add(code.asText());
      }
    }
  }

  /** The ErrorCode catalogue: each code with the status and type its description gives. */
  Map<String, CodeFacts> catalogue() {
    if (catalogue == null) {
      catalogue = readCatalogue();
    }
    return catalogue;
  }

  private Map<String, CodeFacts> readCatalogue() {
    JsonNode schema = root.at("/components/schemas/ErrorCode");
    Map<String, CodeFacts> facts = new LinkedHashMap<>();
    for (JsonNode code : schema.get("enum")) {
      String description = schema.path("x-enumDescriptions").path(code.asText()).asText();
      Matcher m = CODE_DESCRIPTION.matcher(description);
      if (!m.matches()) {
        throw new AssertionError(
            "ErrorCode's description of " + code + " does not start 'STATUS type: '");
      }
      facts.put(code.asText(), new CodeFacts(Integer.parseInt(m.group(1)), m.group(2)));
    }
    return facts;
  }

  /**
   * What is wrong with {@code response} as an answer of {@code op} to a request with {@code method}
   * (HEAD answers as GET without a body); empty when it is as documented.
   */
  List<String> problems(Operation op, String method, Exchange response) {
    List<String> problems = new ArrayList<>();
    int status = response.status();
    Optional<JsonNode> documented = response(op, status);
    if (documented.isEmpty()) {
      problems.add(op.id() + " does not document status " + status + ": " + clip(response.text()));
      return problems;
    }
    JsonNode doc = documented.get();
    for (var header : doc.path("headers").properties()) {
      JsonNode h = deref(header.getValue());
      Optional<String> value = response.headers().firstValue(header.getKey());
      if (value.isEmpty()) {
        if (h.path("required").asBoolean(false)) {
          problems.add("required header " + header.getKey() + " is missing");
        }
        continue;
      }
      if (h.has("schema")) {
        for (ValidationMessage m : validate(h.get("schema"), new TextNode(value.get()))) {
          problems.add("header " + header.getKey() + ": " + value.get() + ": " + m.getMessage());
        }
      }
    }
    Optional<String> contentType = response.headers().firstValue("Content-Type");
    boolean head = method.equalsIgnoreCase("HEAD");
    if (!doc.has("content")) {
      if (response.body().length > 0) {
        problems.add("status " + status + " documents no body, but one was sent");
      }
      if (status == 304 && contentType.isPresent()) {
        problems.add("a 304 has no body, so no Content-Type, but sent " + contentType.get());
      }
      return problems;
    }
    if (contentType.isEmpty()) {
      problems.add("no Content-Type");
      return problems;
    }
    Optional<String> key = mediaType(doc.get("content"), contentType.get());
    if (key.isEmpty()) {
      problems.add(
          "Content-Type "
              + contentType.get()
              + " is not among "
              + iterable(doc.get("content").fieldNames()));
      return problems;
    }
    if (head) {
      if (response.body().length > 0) {
        problems.add("HEAD answered with a body");
      }
      return problems;
    }
    JsonNode schema = doc.get("content").get(key.get()).get("schema");
    String k = key.get();
    String body;
    try {
      body =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(response.body()))
              .toString();
    } catch (CharacterCodingException e) {
      if (k.startsWith("application/json") || k.contains("charset=utf-8")) {
        problems.add("the body is not UTF-8");
      }
      return problems;
    }
    if (schema == null) {
      return problems;
    }
    JsonNode value;
    if (isJson(k)) {
      try {
        value = JSON.readTree(body);
      } catch (Exception e) {
        problems.add("the body is not JSON: " + e.getMessage());
        return problems;
      }
    } else if (schema.path("type").asText().equals("string")) {
      value = new TextNode(body);
    } else {
      return problems;
    }
    for (ValidationMessage m : validate(schema, value)) {
      problems.add("body: " + m.getMessage());
    }
    if (status >= 400 && isJson(k)) {
      CodeFacts facts = catalogue().get(value.path("code").asText());
      if (facts != null
          && (facts.status() != status || !facts.type().equals(value.path("type").asText()))) {
        problems.add(
            "code "
                + value.path("code").asText()
                + " is "
                + facts
                + " in the ErrorCode catalogue, but came as "
                + status
                + " "
                + value.path("type").asText());
      }
    }
    return problems;
  }

  /** Validates {@code value} against {@code schema}, a node of the document. */
  Set<ValidationMessage> validate(JsonNode schema, JsonNode value) {
    JsonSchema compiled =
        schemas.computeIfAbsent(
            schema.toString(), k -> factory.getSchema(absolute(schema.deepCopy()), config));
    return compiled.validate(value);
  }

  /** Makes the {@code #/...} references of a copied schema name the loaded document. */
  private static JsonNode absolute(JsonNode node) {
    if (node.isObject()) {
      ObjectNode o = (ObjectNode) node;
      if (o.has("$ref") && o.get("$ref").asText().startsWith("#/")) {
        o.put("$ref", BASE + o.get("$ref").asText());
      }
      for (var child : o.properties()) {
        absolute(child.getValue());
      }
    } else if (node.isArray()) {
      node.forEach(ApiDocument::absolute);
    }
    return node;
  }

  static boolean isJson(String mediaType) {
    String type = mediaType.split(";")[0].strip();
    return type.equals("application/json") || type.endsWith("+json");
  }

  /**
   * The key of {@code content} that a response's Content-Type is: the same type with the same
   * parameters (spaces and case aside), else a range ({@code type/*}, {@code *}{@code /*}).
   */
  static Optional<String> mediaType(JsonNode content, String contentType) {
    String given = normalise(contentType);
    String type = given.split(";")[0];
    Optional<String> range = Optional.empty();
    for (Iterator<String> it = content.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (normalise(key).equals(given)) {
        return Optional.of(key);
      }
      if (key.equals("*/*") || (key.endsWith("/*") && type.startsWith(key.replace("*", "")))) {
        range = Optional.of(key);
      }
    }
    // A range stands for any type not listed exactly, parameters and all.
    for (Iterator<String> it = content.fieldNames(); it.hasNext(); ) {
      if (normalise(it.next()).split(";")[0].equals(type)) {
        return Optional.empty();
      }
    }
    return range;
  }

  private static String normalise(String mediaType) {
    return mediaType.toLowerCase(Locale.ROOT).replaceAll("\\s*;\\s*", ";").strip();
  }

  static String clip(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }

  private static List<String> iterable(Iterator<String> it) {
    List<String> list = new ArrayList<>();
    it.forEachRemaining(list::add);
    return list;
  }
}

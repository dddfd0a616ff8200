package org.maptoolkit.search.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.maptoolkit.search.Project;

/**
 * A real WordPress on loopback, brought up by {@code src/test/wordpress/wp-loopback.sh}, with the
 * test's probe plugin ({@code map-search-probe.php}: a log of every REST request, faults on
 * demand). Tests change its content as an editor would, through its REST API with the application
 * password; MAP Search reads it anonymously, as the public does.
 */
final class LoopbackWordPress implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path state;
  private final String baseUrl;
  private final String authorization;
  private final HttpClient http = HttpClient.newHttpClient();

  private LoopbackWordPress(Path state, String baseUrl, String user, String appPassword) {
    this.state = state;
    this.baseUrl = baseUrl;
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + appPassword).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Starts WordPress with its state in {@code state} (a short path: MariaDB's socket lives there);
   * skips the test when WordPress, MariaDB or PHP is not installed (fails under CI).
   */
  static LoopbackWordPress up(Path state) throws Exception {
    Project.require(
        installed(),
        "WordPress, MariaDB and PHP are needed for the tests against a real WordPress"
            + " (src/test/wordpress/README.md has the apt-get line)");
    Files.createDirectories(state);
    Path err = state.resolveSibling(state.getFileName() + "-up.err");
    Process up =
        new ProcessBuilder(script().toString(), "up", state.toString(), String.valueOf(freePort()))
            .redirectError(err.toFile())
            .start();
    String out = new String(up.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!up.waitFor(120, TimeUnit.SECONDS) || up.exitValue() != 0) {
      up.destroyForcibly();
      throw new IllegalStateException(
          "wp-loopback.sh up failed: " + Files.readString(err, StandardCharsets.UTF_8));
    }
    JsonNode started = JSON.readTree(out);
    LoopbackWordPress wp =
        new LoopbackWordPress(
            state,
            started.get("baseUrl").asText(),
            started.get("user").asText(),
            started.get("appPassword").asText());
    Files.copy(
        Project.dir().resolve("src/test/wordpress/map-search-probe.php"),
        state.resolve("wp-content/mu-plugins/map-search-probe.php"));
    return wp;
  }

  private static boolean installed() {
    return Files.isRegularFile(Path.of("/usr/share/wordpress/wp-settings.php"))
        && onPath("php")
        && onPath("mariadbd")
        && onPath("mariadb-install-db");
  }

  private static boolean onPath(String command) {
    List<String> dirs = new ArrayList<>(List.of(System.getenv("PATH").split(":")));
    dirs.add("/usr/sbin");
    return dirs.stream().anyMatch(d -> Files.isExecutable(Path.of(d, command)));
  }

  private static Path script() {
    return Project.dir().resolve("src/test/wordpress/wp-loopback.sh");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** The site's home address, as a user would give it to MAP Search. */
  String home() {
    return baseUrl + "/";
  }

  /** The REST address of a post: {@code restUrl("drivers", 5)}. */
  String restUrl(String route, long id) {
    return baseUrl + "/wp-json/wp/v2/" + route + "/" + id;
  }

  /**
   * Creates an item of {@code route} ({@code posts}, {@code pages}, {@code drivers}...); its id.
   */
  long create(String route, Map<String, Object> fields) throws Exception {
    return send("POST", "/wp-json/wp/v2/" + route, fields).get("id").asLong();
  }

  /** Changes fields of an item. */
  JsonNode update(String route, long id, Map<String, Object> fields) throws Exception {
    return send("POST", "/wp-json/wp/v2/" + route + "/" + id, fields);
  }

  /** Moves an item to the trash (as the editor's Trash link does). */
  void trash(String route, long id) throws Exception {
    send("DELETE", "/wp-json/wp/v2/" + route + "/" + id, null);
  }

  /** Deletes an item for good. */
  void delete(String route, long id) throws Exception {
    send("DELETE", "/wp-json/wp/v2/" + route + "/" + id + "?force=true", null);
  }

  /** A category's id, made if new. */
  long category(String name) throws Exception {
    return create("categories", Map.of("name", name));
  }

  /** Uploads a file to the media library; its public address. */
  String upload(String name, byte[] bytes, String type) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(baseUrl + "/wp-json/wp/v2/media"))
                .header("Authorization", authorization)
                .header("Content-Type", type)
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 201) {
      throw new IllegalStateException("upload failed: " + r.statusCode() + " " + r.body());
    }
    return JSON.readTree(r.body()).get("source_url").asText();
  }

  /** The ids of every item of {@code route} in any state, as the editor sees them. */
  List<Long> all(String route) throws Exception {
    List<Long> ids = new ArrayList<>();
    for (JsonNode item :
        send("GET", "/wp-json/wp/v2/" + route + "?status=any&per_page=100&_fields=id", null)) {
      ids.add(item.get("id").asLong());
    }
    return ids;
  }

  private JsonNode send(String method, String path, Map<String, Object> body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", authorization);
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }
    HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() >= 300) {
      throw new IllegalStateException(method + " " + path + ": " + r.statusCode() + " " + r.body());
    }
    return JSON.readTree(r.body());
  }

  /**
   * Makes anonymous REST requests whose address contains {@code match} ("-" for all) fail: {@code
   * status} an HTTP status or "malformed" (cut-off JSON), with a Retry-After unless "-".
   */
  void fault(String status, String retryAfter, String match) throws IOException {
    Files.writeString(
        state.resolve("wp-content/rest-fault"), status + " " + retryAfter + " " + match + "\n");
  }

  /** The site answers normally again. */
  void noFault() throws IOException {
    Files.deleteIfExists(state.resolve("wp-content/rest-fault"));
  }

  /**
   * From now on REST answers carry an ETag and a request holding it gets a 304, as behind a cache
   * (WordPress itself sends no validators).
   */
  void etags() throws IOException {
    Files.writeString(state.resolve("wp-content/rest-etags"), "on\n");
  }

  /** Every REST request the site received so far, oldest first (method, uri, userAgent...). */
  List<JsonNode> requests() throws IOException {
    Path log = state.resolve("wp-content/rest-requests.log");
    List<JsonNode> requests = new ArrayList<>();
    if (Files.exists(log)) {
      for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
        requests.add(JSON.readTree(line));
      }
    }
    return requests;
  }

  @Override
  public void close() throws Exception {
    Process down = new ProcessBuilder(script().toString(), "down", state.toString()).start();
    down.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    down.waitFor(60, TimeUnit.SECONDS);
    // The themes link points into the package: removed here, so the temporary folder's cleanup
    // has nothing outside it to step around.
    Files.deleteIfExists(state.resolve("wp-content/themes"));
    http.close();
  }
}

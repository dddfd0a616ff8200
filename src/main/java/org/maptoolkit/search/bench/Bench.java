package org.maptoolkit.search.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.Query;
import org.maptoolkit.search.index.IndexStore;
import org.maptoolkit.search.ingest.ExtractionLimits;
import org.maptoolkit.search.ingest.ForkedExtractor;
import org.maptoolkit.search.ingest.IngestReport;
import org.maptoolkit.search.ingest.Ingester;
import org.maptoolkit.search.ingest.Source;
import org.maptoolkit.search.ingest.TikaExtractor;
import org.maptoolkit.search.ingest.Vocabulary;
import org.maptoolkit.search.search.QueryBuilder;
import org.maptoolkit.search.search.SearchRequest;
import org.maptoolkit.search.search.SearchService;
import org.maptoolkit.search.web.ApiServer;
import org.maptoolkit.search.web.Controller;

/**
 * The benchmark harness: ingest throughput (pages and PDF pages, 1 and 2 threads), index size,
 * search over HTTP at several concurrencies, the same searches in process and through raw Lucene
 * (so each layer's overhead is a ratio from one run), serve start-up time and resident memory.
 */
public final class Bench {
  /**
   * What to run.
   *
   * @param samples the samples folder whose vocabulary shapes the synthetic text (may be absent)
   * @param docs synthetic driver pages to generate
   * @param pdfs synthetic PDFs (2-40 pages) for the extraction figures
   * @param seconds how long each search measurement runs
   * @param jar the service jar, to time {@code serve} start-up in its own process (skipped if
   *     absent)
   */
  public record Config(
      Path samples,
      int docs,
      int pdfs,
      double seconds,
      Path work,
      Path jar,
      Path beir,
      PrintStream out) {}

  private final Config config;
  private final Analyzer queryAnalyzer;
  private final Wiring controllers;

  /** Builds the HTTP controllers for an index, wired as {@code serve} wires them. */
  public interface Wiring {
    /**
     * @param cached with the result cache {@code serve} keeps by default; without it every request
     *     does the full work
     */
    List<Controller> controllers(IndexStore store, boolean cached);
  }

  /**
   * @param controllers builds the HTTP controllers for an index, wired as {@code serve} wires them
   */
  public Bench(Config config, Analyzer queryAnalyzer, Wiring controllers) {
    this.config = config;
    this.queryAnalyzer = queryAnalyzer;
    this.controllers = controllers;
  }

  /** Runs every measurement; returns the figures by name (also printed as they come). */
  public Map<String, Object> run() throws Exception {
    Map<String, Object> figures = new LinkedHashMap<>();
    PrintStream out = config.out();
    CorpusGenerator generator = new CorpusGenerator(config.samples(), 42);
    Path pages = config.work().resolve("pages");
    long t = System.nanoTime();
    generator.writePages(pages, config.docs());
    out.printf(
        "generated %d pages (vocabulary of %d words) in %.1f s%n",
        config.docs(), generator.vocabularySize(), (System.nanoTime() - t) / 1e9);
    figures.put("docs", config.docs());

    // Ingest, pages only: 1 thread, then 2 threads into a fresh index, then an unchanged re-run.
    double oneThread = ingestRate(pages, config.work().resolve("index-1"), 1);
    Path index = config.work().resolve("index-2");
    long start = System.nanoTime();
    double twoThreads = ingestRate(pages, index, 2);
    double firstSeconds = (System.nanoTime() - start) / 1e9;
    start = System.nanoTime();
    ingestRate(pages, index, 2);
    double rerunSeconds = (System.nanoTime() - start) / 1e9;
    long bytes = folderBytes(index);
    out.printf(
        "ingest pages: 1 thread %.0f pages/s, 2 threads %.0f pages/s (x%.2f); unchanged re-run %.1fx faster; %.0f index bytes/doc%n",
        oneThread,
        twoThreads,
        twoThreads / oneThread,
        firstSeconds / rerunSeconds,
        bytes / (double) config.docs());
    figures.put("ingest_pages_per_s_1_thread", round(oneThread));
    figures.put("ingest_pages_per_s_2_threads", round(twoThreads));
    figures.put("ingest_thread_scaling", round(twoThreads / oneThread));
    figures.put("reingest_speedup", round(firstSeconds / rerunSeconds));
    figures.put("index_bytes_per_doc", Math.round(bytes / (double) config.docs()));

    // PDF extraction through the forked extractor, 1 and 2 workers.
    if (config.pdfs() > 0) {
      Path pdfDir = config.work().resolve("pdfs");
      int pdfPages = generator.writePdfs(pdfDir, config.pdfs());
      double pdf1 = pdfRate(pdfDir, pdfPages, 1);
      double pdf2 = pdfRate(pdfDir, pdfPages, 2);
      out.printf(
          "PDF extraction (%d PDFs, %d pages): 1 worker %.0f pages/s, 2 workers %.0f pages/s (x%.2f)%n",
          config.pdfs(), pdfPages, pdf1, pdf2, pdf2 / pdf1);
      figures.put("pdf_pages", pdfPages);
      figures.put("pdf_pages_per_s_1_thread", round(pdf1));
      figures.put("pdf_pages_per_s_2_threads", round(pdf2));
    }

    List<String> queries = generator.queries(200);
    searchFigures(index, queries, generator.queries(2_000), figures);
    serveFigures(index, queries, figures);
    if (config.beir() != null && Files.isRegularFile(config.beir().resolve("corpus.jsonl"))) {
      beirFigures(figures);
    } else {
      out.println("BEIR comparison: skipped (no collection at " + config.beir() + ")");
    }
    return figures;
  }

  /**
   * The BEIR collection ingested as JSON Lines: HTTP at concurrency 1 against raw Lucene in process
   * for the same top-10 queries, without snippets (and facets), then with both.
   */
  private void beirFigures(Map<String, Object> figures) throws Exception {
    PrintStream out = config.out();
    Path index = config.work().resolve("index-beir");
    double rate = ingestRate(config.beir().resolve("corpus.jsonl"), index, 2);
    List<String> queries = new ArrayList<>();
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    for (String line : Files.readAllLines(config.beir().resolve("queries.jsonl"))) {
      if (!line.isBlank()) {
        queries.add(json.readTree(line).get("text").asText());
      }
    }
    out.printf(
        "BEIR %s: ingested at %.0f docs/s; %d queries%n",
        config.beir().getFileName(), rate, queries.size());
    int max = 2_000_000;
    try (IndexStore store = IndexStore.open(index)) {
      SearchService service = new SearchService(store, queryAnalyzer);
      RawLucene raw = new RawLucene(store, queryAnalyzer);
      QueryBuilder builder = new QueryBuilder(queryAnalyzer);
      List<Query> parsed = queries.stream().map(q -> builder.parse(q).query()).toList();
      LoadRunner.run(
          2,
          Math.min(3, config.seconds()),
          max,
          i -> raw.search(parsed.get(i % parsed.size()), true));
      try (ApiServer server = new ApiServer(controllers.controllers(store, false))) {
        int port = server.start("127.0.0.1", 0);
        List<URI> plain = new ArrayList<>();
        List<URI> full = new ArrayList<>();
        for (String q : queries) {
          String base =
              "http://127.0.0.1:"
                  + port
                  + "/api/search?size=10&q="
                  + URLEncoder.encode(q, StandardCharsets.UTF_8);
          plain.add(URI.create(base + "&facets=false&snippets=false"));
          full.add(URI.create(base));
        }
        ThreadLocal<KeepAliveClient> clients =
            ThreadLocal.withInitial(() -> new KeepAliveClient("127.0.0.1", port));
        LoadRunner.Call plainCall = i -> check(clients.get().get(plain.get(i % plain.size())));
        LoadRunner.Call fullCall = i -> check(clients.get().get(full.get(i % full.size())));
        LoadRunner.run(2, Math.min(3, config.seconds()), max, fullCall);
        LoadRunner.run(2, Math.min(3, config.seconds()), max, plainCall);
        Stats rawPlain =
            LoadRunner.run(
                1, config.seconds(), max, i -> raw.search(parsed.get(i % parsed.size()), false));
        Stats httpPlain = LoadRunner.run(1, config.seconds(), max, plainCall);
        Stats rawFull =
            LoadRunner.run(
                1, config.seconds(), max, i -> raw.search(parsed.get(i % parsed.size()), true));
        Stats httpFull = LoadRunner.run(1, config.seconds(), max, fullCall);
        out.printf("BEIR raw Lucene top 10        c=1 %s%n", rawPlain);
        out.printf(
            "BEIR HTTP top 10, no snippets c=1 %s  (%.0f%% of raw)%n",
            httpPlain, 100 * httpPlain.qps() / rawPlain.qps());
        out.printf("BEIR raw facets+snippets      c=1 %s%n", rawFull);
        out.printf(
            "BEIR HTTP facets+snippets     c=1 %s  (%.0f%% of raw)%n",
            httpFull, 100 * httpFull.qps() / rawFull.qps());
        figures.put("beir_raw_qps_top10", round(rawPlain.qps()));
        figures.put("beir_http_qps_top10", round(httpPlain.qps()));
        figures.put("beir_http_vs_raw_top10", round(httpPlain.qps() / rawPlain.qps()));
        figures.put("beir_raw_qps_full", round(rawFull.qps()));
        figures.put("beir_http_qps_full", round(httpFull.qps()));
        figures.put("beir_http_vs_raw_full", round(httpFull.qps() / rawFull.qps()));
        figures.put("beir_http_c1_p50_ms_top10", round(httpPlain.p50Ms()));
        figures.put("beir_http_c1_p99_ms_top10", round(httpPlain.p99Ms()));
      }
    }
  }

  private static void check(int status) {
    if (status != 200) {
      throw new IllegalStateException("HTTP " + status);
    }
  }

  /**
   * @param pool the distinct searches of the stream measured with the cache
   */
  private void searchFigures(
      Path index, List<String> queries, List<String> pool, Map<String, Object> figures)
      throws Exception {
    PrintStream out = config.out();
    int max = 2_000_000;
    try (IndexStore store = IndexStore.open(index)) {
      SearchService service = new SearchService(store, queryAnalyzer);
      RawLucene raw = new RawLucene(store, queryAnalyzer);
      QueryBuilder builder = new QueryBuilder(queryAnalyzer);
      List<Query> parsed = queries.stream().map(q -> builder.parse(q).query()).toList();
      // A mix as the API sees it: plain queries, two facet filters, newest first.
      List<SearchRequest> requests = new ArrayList<>();
      for (int i = 0; i < queries.size(); i++) {
        Map<String, List<String>> filters =
            i % 5 == 3
                ? Map.of(
                    "source",
                    List.of("NHS England", "Health Education England"),
                    "year",
                    List.of("2019", "2020", "2021"))
                : Map.of();
        SearchRequest.Sort sort =
            i % 5 == 4 ? SearchRequest.Sort.NEWEST : SearchRequest.Sort.RELEVANCE;
        requests.add(new SearchRequest(queries.get(i), filters, sort, 1, 10));
      }
      // Warm up both paths so the JIT has compiled them before anything is timed.
      LoadRunner.run(
          2,
          Math.min(3, config.seconds()),
          max,
          i -> service.search(requests.get(i % requests.size())));
      LoadRunner.run(
          2,
          Math.min(3, config.seconds()),
          max,
          i -> raw.search(parsed.get(i % parsed.size()), true));

      Stats rawPlain =
          LoadRunner.run(
              1, config.seconds(), max, i -> raw.search(parsed.get(i % parsed.size()), false));
      Stats rawFull =
          LoadRunner.run(
              1, config.seconds(), max, i -> raw.search(parsed.get(i % parsed.size()), true));
      Stats inProcess =
          LoadRunner.run(
              1, config.seconds(), max, i -> service.search(requests.get(i % requests.size())));
      out.printf("raw Lucene, top 10 only       c=1 %s%n", rawPlain);
      out.printf("raw Lucene, facets+snippets   c=1 %s%n", rawFull);
      out.printf(
          "service in process            c=1 %s  (%.0f%% of raw with facets+snippets)%n",
          inProcess, 100 * inProcess.qps() / rawFull.qps());
      figures.put("raw_lucene_qps_top10", round(rawPlain.qps()));
      figures.put("raw_lucene_qps_facets_snippets", round(rawFull.qps()));
      figures.put("in_process_qps", round(inProcess.qps()));
      figures.put("in_process_vs_raw", round(inProcess.qps() / rawFull.qps()));

      try (ApiServer server = new ApiServer(controllers.controllers(store, false))) {
        int port = server.start("127.0.0.1", 0);
        // A minimal keep-alive client: the JDK's client spent as much CPU as the server did.
        ThreadLocal<KeepAliveClient> clients =
            ThreadLocal.withInitial(() -> new KeepAliveClient("127.0.0.1", port));
        List<URI> uris = new ArrayList<>();
        for (SearchRequest r : requests) {
          uris.add(URI.create("http://127.0.0.1:" + port + "/api/search?" + queryString(r)));
        }
        LoadRunner.run(
            8,
            Math.min(3, config.seconds()),
            max,
            i -> check(clients.get().get(uris.get(i % uris.size()))));
        for (int c : new int[] {1, 8, 32}) {
          Stats s =
              LoadRunner.run(
                  c,
                  config.seconds(),
                  max,
                  i -> check(clients.get().get(uris.get(i % uris.size()))));
          out.printf("HTTP /api/search, no cache    c=%-2d %s%n", c, s);
          figures.put("http_c" + c + "_qps", round(s.qps()));
          figures.put("http_c" + c + "_p50_ms", round(s.p50Ms()));
          figures.put("http_c" + c + "_p99_ms", round(s.p99Ms()));
          if (c == 1) {
            figures.put("http_c1_vs_raw_facets_snippets", round(s.qps() / rawFull.qps()));
            out.printf(
                "HTTP c=1 is %.0f%% of raw Lucene with facets and snippets%n",
                100 * s.qps() / rawFull.qps());
          }
        }
        List<URI> suggest = new ArrayList<>();
        for (String q : queries) {
          String prefix = q.replace("\"", "");
          prefix = prefix.substring(0, Math.min(prefix.length(), 4));
          suggest.add(
              URI.create(
                  "http://127.0.0.1:"
                      + port
                      + "/api/suggest?q="
                      + URLEncoder.encode(prefix, StandardCharsets.UTF_8)));
        }
        if (clients.get().get(suggest.getFirst()) == 200) {
          Stats s =
              LoadRunner.run(
                  8,
                  config.seconds(),
                  max,
                  i -> check(clients.get().get(suggest.get(i % suggest.size()))));
          out.printf("HTTP /api/suggest, no cache   c=8  %s%n", s);
          figures.put("suggest_uncached_c8_p50_ms", round(s.p50Ms()));
          figures.put("suggest_uncached_c8_p99_ms", round(s.p99Ms()));
        }
      }
      warmFigures(store, requests, pool, figures);
    }
  }

  /**
   * Search and autocomplete as a live service sees them: a stream of requests in which popular
   * searches recur (Zipf-distributed over 2,000 distinct searches, as search logs are), served with
   * the result cache that {@code serve} keeps. Prints the share of requests the cache answered.
   */
  private void warmFigures(
      IndexStore store,
      List<SearchRequest> requests,
      List<String> pool,
      Map<String, Object> figures)
      throws Exception {
    PrintStream out = config.out();
    int max = 2_000_000;
    List<URI> searches = new ArrayList<>();
    List<URI> suggests = new ArrayList<>();
    try (ApiServer server = new ApiServer(controllers.controllers(store, true))) {
      int port = server.start("127.0.0.1", 0);
      String base = "http://127.0.0.1:" + port;
      for (int i = 0; i < pool.size(); i++) {
        SearchRequest r = requests.get(i % requests.size());
        searches.add(
            URI.create(
                base
                    + "/api/search?"
                    + queryString(
                        new SearchRequest(pool.get(i), r.filters(), r.sort(), 1, r.size()))));
        String prefix = pool.get(i).replace("\"", "");
        prefix = prefix.substring(0, Math.min(prefix.length(), 2 + i % 4));
        suggests.add(
            URI.create(
                base + "/api/suggest?q=" + URLEncoder.encode(prefix, StandardCharsets.UTF_8)));
      }
      int[] stream = zipf(pool.size(), 1.0, 4_000_000, 7);
      ThreadLocal<KeepAliveClient> clients =
          ThreadLocal.withInitial(() -> new KeepAliveClient("127.0.0.1", port));
      ZipfStream search = new ZipfStream(stream);
      // Warm up as a running service would be: the JIT compiled and the cache filled by traffic.
      search.run(
          8, Math.min(3, config.seconds()), max, i -> check(clients.get().get(searches.get(i))));
      for (int c : new int[] {8, 32}) {
        ZipfStream.Window w =
            search.run(c, config.seconds(), max, i -> check(clients.get().get(searches.get(i))));
        out.printf(
            "HTTP /api/search, cached      c=%-2d %s  (%.0f%% of requests repeated a cached search)%n",
            c, w.stats(), 100 * w.repeatShare());
        figures.put("http_cached_c" + c + "_qps", round(w.stats().qps()));
        figures.put("http_cached_c" + c + "_p50_ms", round(w.stats().p50Ms()));
        figures.put("http_cached_c" + c + "_p99_ms", round(w.stats().p99Ms()));
        figures.put("http_cached_c" + c + "_repeat_share", round(w.repeatShare()));
      }
      if (clients.get().get(suggests.getFirst()) == 200) {
        ZipfStream suggest = new ZipfStream(stream);
        suggest.run(
            8, Math.min(3, config.seconds()), max, i -> check(clients.get().get(suggests.get(i))));
        ZipfStream.Window w =
            suggest.run(8, config.seconds(), max, i -> check(clients.get().get(suggests.get(i))));
        out.printf(
            "HTTP /api/suggest, cached     c=8  %s  (%.0f%% repeated)%n",
            w.stats(), 100 * w.repeatShare());
        figures.put("suggest_c8_p50_ms", round(w.stats().p50Ms()));
        figures.put("suggest_c8_p99_ms", round(w.stats().p99Ms()));
        figures.put("suggest_c8_repeat_share", round(w.repeatShare()));
      } else {
        out.println("HTTP /api/suggest: not available in this build");
      }
    }
  }

  /** {@code count} draws from a Zipf distribution over {@code n} ranks (0 the most popular). */
  static int[] zipf(int n, double exponent, int count, long seed) {
    double[] cdf = new double[n];
    double sum = 0;
    for (int k = 0; k < n; k++) {
      sum += 1 / Math.pow(k + 1, exponent);
      cdf[k] = sum;
    }
    java.util.Random random = new java.util.Random(seed);
    int[] draws = new int[count];
    for (int i = 0; i < count; i++) {
      int k = java.util.Arrays.binarySearch(cdf, random.nextDouble() * sum);
      draws[i] = Math.min(n - 1, k < 0 ? -k - 1 : k);
    }
    return draws;
  }

  /**
   * One request stream consumed by successive load runs, so that each run continues where the last
   * stopped and knows which of its requests repeated an earlier one.
   */
  private static final class ZipfStream {
    record Window(Stats stats, double repeatShare) {}

    private final int[] draws;
    private final java.util.BitSet seen = new java.util.BitSet();
    private int consumed;

    ZipfStream(int[] draws) {
      this.draws = draws;
    }

    Window run(int threads, double seconds, int max, LoadRunner.Call call) throws Exception {
      int base = consumed;
      Stats stats = LoadRunner.run(threads, seconds, max, i -> call.run(draws[base + i]));
      int repeats = 0;
      for (int i = base; i < base + (int) stats.count(); i++) {
        if (seen.get(draws[i])) {
          repeats++;
        }
        seen.set(draws[i]);
      }
      consumed = base + (int) stats.count();
      return new Window(stats, stats.count() == 0 ? 0 : repeats / (double) stats.count());
    }
  }

  /**
   * Starts {@code serve} in its own JVM on the benchmark index, as the launcher does, twice: the
   * first start writes the class-data-sharing archive (as a deployment's first start would), the
   * second is timed to its first answered search; then resident memory is read under load.
   */
  private void serveFigures(Path index, List<String> queries, Map<String, Object> figures)
      throws Exception {
    PrintStream out = config.out();
    if (config.jar() == null || !Files.isRegularFile(config.jar())) {
      out.println("serve start-up: skipped (no " + config.jar() + "; run ./mvnw package first)");
      return;
    }
    Path archive = config.work().resolve("map-search.jsa");
    Served first = serve(index, archive, queries);
    first.process().destroy();
    first.process().waitFor();
    Served second = serve(index, archive, queries);
    try {
      if (second.port() < 0) {
        out.println("serve start-up: the server did not start");
        return;
      }
      HttpClient http = HttpClient.newHttpClient();
      List<URI> uris = new ArrayList<>();
      for (String q : queries) {
        uris.add(
            URI.create(
                "http://127.0.0.1:"
                    + second.port()
                    + "/api/search?q="
                    + URLEncoder.encode(q, StandardCharsets.UTF_8)));
      }
      LoadRunner.run(8, config.seconds(), 2_000_000, i -> get(http, uris.get(i % uris.size())));
      long rssKb = rssKb(second.process().pid());
      out.printf(
          "serve: start to first answered search %.2f s (first start, writing the CDS archive: %.2f"
              + " s); resident memory after load %d MB (heap limit 512 MB)%n",
          second.readySeconds(), first.readySeconds(), rssKb / 1024);
      figures.put("serve_ready_s", round(second.readySeconds()));
      figures.put("serve_first_start_s", round(first.readySeconds()));
      figures.put("serve_rss_mb", rssKb / 1024);
    } finally {
      second.process().destroy();
      second.process().waitFor();
    }
  }

  /** A started server: its process, port, and seconds from start to first answered search. */
  private record Served(Process process, int port, double readySeconds) {}

  private Served serve(Path index, Path archive, List<String> queries) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    long start = System.nanoTime();
    Process serve =
        new ProcessBuilder(
                java,
                "-Xmx512m",
                "--add-modules",
                "jdk.incubator.vector",
                "-XX:SharedArchiveFile=" + archive,
                "-XX:+AutoCreateSharedArchive",
                "-Xlog:cds=off",
                "-Xlog:cds+dynamic=off",
                "-jar",
                config.jar().toString(),
                "serve",
                "--index",
                index.toString(),
                "--port",
                "0",
                "--host",
                "127.0.0.1",
                "--rate-limit",
                "100000000")
            .redirectErrorStream(true)
            .start();
    BufferedReader lines = new BufferedReader(new InputStreamReader(serve.getInputStream()));
    Pattern serving = Pattern.compile("serving http://127.0.0.1:(\\d+)/");
    int port = -1;
    String line;
    while ((line = lines.readLine()) != null) {
      Matcher m = serving.matcher(line);
      if (m.find()) {
        port = Integer.parseInt(m.group(1));
        break;
      }
    }
    Thread.ofPlatform().daemon().start(() -> lines.lines().forEach(l -> {}));
    if (port < 0) {
      return new Served(serve, -1, 0);
    }
    HttpClient http = HttpClient.newHttpClient();
    URI first =
        URI.create(
            "http://127.0.0.1:"
                + port
                + "/api/search?q="
                + URLEncoder.encode(queries.getFirst().replace("\"", ""), StandardCharsets.UTF_8));
    while (status(http, first) != 200) {
      Thread.sleep(5);
    }
    return new Served(serve, port, (System.nanoTime() - start) / 1e9);
  }

  private double ingestRate(Path source, Path index, int threads) throws IOException {
    long start = System.nanoTime();
    IngestReport report;
    try (IndexStore store = IndexStore.open(index);
        TikaExtractor extractor = new TikaExtractor(ExtractionLimits.DEFAULT)) {
      report =
          new Ingester(store, extractor, Vocabulary.bundled(), null, threads)
              .ingest(Source.open(source), true, Ingester.Progress.NONE);
    }
    if (report.failed() > 0) {
      throw new IllegalStateException(report.failed() + " synthetic pages failed to ingest");
    }
    return report.total() / ((System.nanoTime() - start) / 1e9);
  }

  private double pdfRate(Path dir, int pages, int workers) throws Exception {
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.sorted(Comparator.naturalOrder()).toList();
    }
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try (ForkedExtractor extractor = new ForkedExtractor(ExtractionLimits.DEFAULT, workers, 512)) {
      // Start the workers before timing: start-up is paid once per ingest, not per document.
      List<Future<?>> warm = new ArrayList<>();
      for (int i = 0; i < workers; i++) {
        Path f = files.get(i % files.size());
        warm.add(pool.submit(() -> extractor.extract(f, f.getFileName().toString())));
      }
      for (Future<?> f : warm) {
        f.get();
      }
      long start = System.nanoTime();
      List<Future<?>> jobs = new ArrayList<>();
      for (Path f : files) {
        jobs.add(
            pool.submit(
                () -> {
                  var e = extractor.extract(f, f.getFileName().toString());
                  if (e.pages().isEmpty()) {
                    throw new IllegalStateException("no text from " + f + ": " + e.reason());
                  }
                }));
      }
      for (Future<?> f : jobs) {
        f.get();
      }
      return pages / ((System.nanoTime() - start) / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }

  private static String queryString(SearchRequest r) {
    StringBuilder q =
        new StringBuilder("q=").append(URLEncoder.encode(r.query(), StandardCharsets.UTF_8));
    r.filters()
        .forEach(
            (k, vs) ->
                vs.forEach(
                    v ->
                        q.append('&')
                            .append(k)
                            .append('=')
                            .append(URLEncoder.encode(v, StandardCharsets.UTF_8))));
    if (r.sort() == SearchRequest.Sort.NEWEST) {
      q.append("&sort=newest");
    }
    return q.toString();
  }

  private static void get(HttpClient http, URI uri) throws Exception {
    HttpResponse<byte[]> r =
        http.send(
            HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("HTTP " + r.statusCode() + " for " + uri);
    }
  }

  private static int status(HttpClient http, URI uri) {
    try {
      return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  private static long rssKb(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    return -1;
  }

  private static long folderBytes(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}

package org.maptoolkit.search.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.maptoolkit.search.document.Extraction;
import org.maptoolkit.search.document.Json;

/**
 * Runs Tika in a pool of child JVMs with a bounded heap, so that a parser that hangs, loops or
 * exhausts memory cannot take down the ingest or the server: a worker that overruns its time is
 * killed and replaced (its limit is processor time, so a busy machine does not fail documents), one
 * that runs out of memory exits and is replaced, and the document is reported as failed with the
 * reason. (Tika's own ForkParser does the same job but needs its class loader tricks; a plain child
 * process on our classpath is simpler to reason about.)
 *
 * <p>Over 300 lines on purpose: the worker pool, its protocol and its recovery from every way a
 * child can fail are one mechanism; split up, each part would need the others' state.
 */
public final class ForkedExtractor implements TextExtractor {
  /**
   * Threads that wait for workers' replies. Not the common pool: it may have one thread on a
   * two-core machine, and one slow document would then hold up every other worker's reply.
   */
  private final java.util.concurrent.ExecutorService readers =
      java.util.concurrent.Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "extract-reply");
            t.setDaemon(true);
            return t;
          });

  /** The longest a document read by OCR may take: a 300-page scan at a few seconds a page. */
  private static final java.time.Duration OCR_WALL = java.time.Duration.ofMinutes(30);

  private final ExtractionLimits limits;
  private final OcrSettings ocr;
  private final int heapMb;
  private final BlockingQueue<Worker> idle;
  private final List<String> command;
  private final ObjectMapper json = Json.mapper();
  private volatile boolean closed;

  /**
   * @param workers how many documents may be extracted at once
   * @param heapMb the heap of each child JVM, the memory bound of one extraction
   */
  public ForkedExtractor(ExtractionLimits limits, int workers, int heapMb) {
    this(limits, OcrSettings.DISABLED, workers, heapMb);
  }

  /**
   * Workers that read scans and images by OCR when {@code ocr} is on.
   *
   * @param workers how many documents may be extracted at once
   * @param heapMb the heap of each child JVM, the memory bound of one extraction
   */
  public ForkedExtractor(ExtractionLimits limits, OcrSettings ocr, int workers, int heapMb) {
    if (workers < 1 || heapMb < 64) {
      throw new IllegalArgumentException("need at least 1 worker and 64 MB of heap");
    }
    this.limits = limits;
    this.ocr = ocr;
    this.heapMb = heapMb;
    this.idle = new ArrayBlockingQueue<>(workers);
    String java = ProcessHandle.current().info().command().orElse("java");
    this.command =
        List.of(
            java,
            "-Xmx" + heapMb + "m",
            "-XX:+ExitOnOutOfMemoryError",
            "-XX:TieredStopAtLevel=1",
            // One GC thread: the time limit counts the worker's processor time, which parallel
            // collector threads would inflate on a small heap for no gain.
            "-XX:+UseSerialGC",
            "-Xshare:auto",
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
            "-cp",
            System.getProperty("java.class.path"),
            ExtractWorker.class.getName(),
            String.valueOf(limits.maxCharacters()),
            ocr.enabled() ? ocr.languages() : "-",
            String.valueOf(ocr.pageSeconds()),
            ocr.enabled() ? "" : ocr.off());
    for (int i = 0; i < workers; i++) {
      idle.add(new Worker(null));
    }
  }

  @Override
  public Extraction extract(Path file, String nameHint) {
    Extraction result = attempt(file, nameHint, true);
    if (ocr.enabled() && result.status() == Extraction.Status.FAILED && outOfMemory(result)) {
      // Rendering a page for OCR is what most often exhausts a worker (a 9000 x 9000 scan):
      // the text layer alone is still worth having.
      Extraction withoutOcr = attempt(file, nameHint, false);
      if (withoutOcr.status() != Extraction.Status.FAILED) {
        String note = "OCR ran out of memory (limit " + heapMb + " MB) and was left out";
        boolean said = withoutOcr.reason() != null && withoutOcr.reason().contains("OCR");
        return new Extraction(
            withoutOcr.status() == Extraction.Status.FULL
                ? Extraction.Status.PARTIAL
                : withoutOcr.status(),
            withoutOcr.reason() == null
                ? note
                : said ? withoutOcr.reason() : withoutOcr.reason() + "; " + note,
            withoutOcr.contentType(),
            withoutOcr.title(),
            withoutOcr.pages(),
            withoutOcr.characters(),
            withoutOcr.language(),
            withoutOcr.created(),
            withoutOcr.modified(),
            0);
      }
    }
    return result;
  }

  private static boolean outOfMemory(Extraction e) {
    return e.reason() != null && e.reason().startsWith("extraction ran out of memory");
  }

  private Extraction attempt(Path file, String nameHint, boolean withOcr) {
    if (closed) {
      // The reply threads are gone: starting a worker now would throw, and extract never throws.
      return Extraction.failed("the extractor is closed");
    }
    try {
      long size = Files.size(file);
      if (size == 0) {
        return Extraction.failed("empty file (0 bytes)");
      }
      if (size > limits.maxBytes()) {
        return Extraction.failed(
            "file is " + size + " bytes, over the limit of " + limits.maxBytes());
      }
    } catch (IOException e) {
      return Extraction.failed("cannot read file: " + e.getClass().getSimpleName());
    }
    Worker worker;
    try {
      worker = idle.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Extraction.failed("interrupted");
    }
    Worker next = worker;
    try {
      if (!worker.alive()) {
        next = worker = Worker.start(command, readers);
      }
      String request =
          json.writeValueAsString(
              Map.of("path", file.toAbsolutePath().toString(), "name", nameHint, "ocr", withOcr));
      worker.send(request);
      CompletableFuture<String> reply = CompletableFuture.supplyAsync(worker::readLine, readers);
      String line = awaitReply(worker, reply);
      if (line == null && !reply.isDone()) {
        worker.kill();
        next = new Worker(null);
        return Extraction.failed(
            "extraction took longer than "
                + TikaExtractor.describe(limits.timeout())
                + " of processor time and was stopped");
      }
      if (line == null || !line.startsWith("{")) {
        // The worker died (the JVM may print why on stdout, e.g. when it runs out of memory).
        int exit = worker.waitForExit();
        worker.kill();
        boolean outOfMemory = exit == 3 || (line != null && line.contains("OutOfMemoryError"));
        next = new Worker(null);
        // -XX:+ExitOnOutOfMemoryError exits with status 3.
        return Extraction.failed(
            outOfMemory
                ? "extraction ran out of memory (limit " + heapMb + " MB) and was stopped"
                : "extraction process ended unexpectedly (exit " + exit + ")");
      }
      return json.readValue(line, Extraction.class);
    } catch (IOException | UncheckedIOException | ExecutionException e) {
      worker.kill();
      next = new Worker(null);
      return Extraction.failed("extraction process failed: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      worker.kill();
      next = new Worker(null);
      Thread.currentThread().interrupt();
      return Extraction.failed("interrupted");
    } finally {
      if (closed) {
        next.kill();
      }
      idle.add(next);
    }
  }

  /**
   * The worker's reply, or null without completing {@code reply} when the document used up its
   * time. The limit is the worker's processor time, not the wall clock, so a busy machine does not
   * fail documents that would parse in time; a worker that neither answers nor computes (stuck on a
   * lock, say) is stopped after several times the limit of wall time.
   */
  private String awaitReply(Worker worker, CompletableFuture<String> reply)
      throws InterruptedException, ExecutionException {
    long budget = limits.timeout().toNanos();
    long cpuAtStart = worker.cpuNanos();
    // OCR runs in Tesseract's own processes, each page under its own limit: a long scan needs
    // more wall time than its worker's processor time says.
    long wall =
        ocr.enabled()
            ? Math.max(3 * budget, OCR_WALL.toNanos())
            : Math.max(3 * budget, budget + 30_000_000_000L);
    long wallDeadline = System.nanoTime() + wall;
    while (true) {
      try {
        return reply.get(50, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        long cpu = worker.cpuNanos();
        if ((cpu >= 0 && cpuAtStart >= 0 && cpu - cpuAtStart > budget)
            || System.nanoTime() > wallDeadline) {
          return null;
        }
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    readers.shutdownNow();
    for (Worker w : idle) {
      w.kill();
    }
  }

  /** One child process; a worker with no process is started on first use. */
  private static final class Worker {
    private static final int STARTUP_TIMEOUT_SECONDS = 60;

    private final Process process;
    private final BufferedWriter in;
    private final BufferedReader out;

    Worker(Process process) {
      this.process = process;
      this.in =
          process == null
              ? null
              : new BufferedWriter(
                  new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
      this.out =
          process == null
              ? null
              : new BufferedReader(
                  new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static Worker start(List<String> command, java.util.concurrent.Executor readers)
        throws IOException {
      Process p =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      Worker worker = new Worker(p);
      // Wait for the worker to say it is up, so its start-up is not charged to a document.
      CompletableFuture<String> ready = CompletableFuture.supplyAsync(worker::readLine, readers);
      try {
        String line = ready.get(STARTUP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!ExtractWorker.READY.equals(line)) {
          worker.kill();
          throw new IOException("extraction worker did not start (it said: " + line + ")");
        }
      } catch (InterruptedException e) {
        worker.kill();
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while starting an extraction worker", e);
      } catch (ExecutionException | TimeoutException e) {
        worker.kill();
        throw new IOException(
            "extraction worker did not start within " + STARTUP_TIMEOUT_SECONDS + " s", e);
      }
      return worker;
    }

    boolean alive() {
      return process != null && process.isAlive();
    }

    /** Processor time the worker's JVM has used, all threads; -1 where the OS does not say. */
    long cpuNanos() {
      return process.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(-1L);
    }

    void send(String line) throws IOException {
      in.write(line);
      in.write('\n');
      in.flush();
    }

    String readLine() {
      try {
        return out.readLine();
      } catch (IOException e) {
        return null;
      }
    }

    int waitForExit() {
      try {
        return process.waitFor(5, TimeUnit.SECONDS) ? process.exitValue() : -1;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
    }

    void kill() {
      if (process != null) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    }
  }
}

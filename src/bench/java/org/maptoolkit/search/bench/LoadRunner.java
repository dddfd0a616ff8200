package org.maptoolkit.search.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Runs a task from {@code threads} threads for a fixed time and gathers latencies. */
final class LoadRunner {
  /** One call; returns normally on success, throws on failure. */
  interface Call {
    void run(int index) throws Exception;
  }

  private LoadRunner() {}

  static Stats run(int threads, double seconds, int maxCalls, Call call)
      throws InterruptedException {
    long[] nanos = new long[maxCalls];
    AtomicInteger next = new AtomicInteger();
    AtomicLong failures = new AtomicLong();
    java.util.concurrent.atomic.AtomicReference<Exception> first =
        new java.util.concurrent.atomic.AtomicReference<>();
    AtomicLong callerCpu = new AtomicLong();
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long processCpu = processCpuNanos();
    long end = System.nanoTime() + (long) (seconds * 1e9);
    long start = System.nanoTime();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      workers.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    long ownCpu = cpu.getCurrentThreadCpuTime();
                    while (System.nanoTime() < end) {
                      int i = next.getAndIncrement();
                      if (i >= maxCalls) {
                        break;
                      }
                      long s = System.nanoTime();
                      try {
                        call.run(i);
                      } catch (Exception e) {
                        failures.incrementAndGet();
                        first.compareAndSet(null, e);
                      }
                      nanos[i] = System.nanoTime() - s;
                    }
                    callerCpu.addAndGet(cpu.getCurrentThreadCpuTime() - ownCpu);
                  }));
    }
    for (Thread w : workers) {
      w.join();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    processCpu = processCpuNanos() - processCpu;
    int n = Math.min(next.get(), maxCalls);
    if (failures.get() > 0) {
      throw new IllegalStateException(
          failures.get() + " calls failed during the load run, first: " + first.get(), first.get());
    }
    return Stats.of(nanos, n, elapsed, processCpu, callerCpu.get());
  }

  /** CPU the whole process has used so far (every thread, user and system). */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}

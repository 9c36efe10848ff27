package io.engram.control;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;

/**
 * Bytes the calling thread allocates, from the JVM's per-thread allocation counter; a test that
 * uses it is skipped where the JVM does not count.
 */
public final class ThreadAllocation {

  private final com.sun.management.ThreadMXBean threads;

  private ThreadAllocation(com.sun.management.ThreadMXBean threads) {
    this.threads = threads;
  }

  /** The counter, switched on; skips the test (JUnit assumption) where it is unavailable. */
  public static ThreadAllocation counter() {
    java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    assumeTrue(bean instanceof com.sun.management.ThreadMXBean,
        "this JVM does not count allocated bytes per thread");
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
    assumeTrue(threads.isThreadAllocatedMemorySupported(), "allocation counting unsupported");
    threads.setThreadAllocatedMemoryEnabled(true);
    return new ThreadAllocation(threads);
  }

  /** Bytes {@code work} allocated on this thread, less what reading the counter costs. */
  public long allocatedBy(Runnable work) {
    long id = Thread.currentThread().getId();
    long empty0 = threads.getThreadAllocatedBytes(id);
    long empty1 = threads.getThreadAllocatedBytes(id);
    long before = threads.getThreadAllocatedBytes(id);
    work.run();
    long after = threads.getThreadAllocatedBytes(id);
    return (after - before) - (empty1 - empty0);
  }
}

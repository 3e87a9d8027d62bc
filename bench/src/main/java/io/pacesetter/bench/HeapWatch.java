package io.pacesetter.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * The highest heap use seen while a job runs, sampled every 10 ms on a daemon thread. It includes
 * the in-memory input, which every variant holds alike.
 */
final class HeapWatch {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Thread sampler;
    private volatile boolean running = true;
    private volatile long peak;

    private HeapWatch() {
        sampler = new Thread(
                () -> {
                    while (running) {
                        peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
                        try {
                            Thread.sleep(10);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                },
                "heap-watch");
        sampler.setDaemon(true);
    }

    static HeapWatch start() {
        HeapWatch watch = new HeapWatch();
        watch.sampler.start();
        return watch;
    }

    /** @return the peak heap used, in bytes */
    long stop() throws InterruptedException {
        running = false;
        sampler.join();
        return Math.max(peak, memory.getHeapMemoryUsage().getUsed());
    }
}

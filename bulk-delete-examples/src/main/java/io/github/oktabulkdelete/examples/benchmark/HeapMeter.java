package io.github.oktabulkdelete.examples.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The peak heap used while a variant runs: a daemon thread samples the JVM's heap use every few milliseconds and
 * keeps the largest value. Sampling can miss a peak between two samples, but every figure is one the heap really
 * reached (summing each memory pool's own peak instead would add peaks of different moments).
 */
final class HeapMeter {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private static final AtomicLong PEAK = new AtomicLong();

    static {
        Thread sampler = new Thread(() -> {
            while (true) {
                PEAK.accumulateAndGet(MEMORY.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(2); // the sampling period is the point of this thread
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-meter");
        sampler.setDaemon(true);
        sampler.start();
    }

    private HeapMeter() {
    }

    static void reset() {
        System.gc();
        PEAK.set(MEMORY.getHeapMemoryUsage().getUsed());
    }

    static double peakMb() {
        PEAK.accumulateAndGet(MEMORY.getHeapMemoryUsage().getUsed(), Math::max);
        return PEAK.get() / (1024.0 * 1024.0);
    }
}

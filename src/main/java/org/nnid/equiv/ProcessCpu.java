package org.nnid.equiv;

/** CPU time of the whole process, every core: on a shared machine, what a computation really cost. */
final class ProcessCpu {
    private ProcessCpu() {}

    /** Nanoseconds of CPU used by this process so far; 0 when the JVM cannot say. */
    static long nanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
    }
}

package app.cutout.core.refine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Time (and, where the host can count them, freshly allocated bytes) of each named pass of one refinement, so that a
 * pass that does not pay for itself shows in the benchmark. {@link EdgeRefiner} calls {@link #pass} at the end of
 * each pass; a pass's figures run from the previous call (or {@link #start}). A name given twice adds up.
 *
 * <p>The browser counts time only (a worker has no allocation counter); the JVM probe counts bytes too, with the same
 * code.
 */
public final class PassLog {
    /** Records nothing. */
    public static final PassLog OFF = new PassLog(null, null);

    private final DoubleSupplier clock;
    private final LongSupplier allocated;
    private final Map<String, Double> millis = new LinkedHashMap<>();
    private final Map<String, Double> megabytes = new LinkedHashMap<>();
    private double lastTime;
    private long lastBytes;

    /**
     * @param clock milliseconds
     * @param allocated bytes allocated so far by this thread, or null where the host cannot tell
     */
    public PassLog(DoubleSupplier clock, LongSupplier allocated) {
        this.clock = clock;
        this.allocated = allocated;
    }

    /** Starts the first pass now. */
    public void start() {
        if (clock == null) {
            return;
        }
        lastTime = clock.getAsDouble();
        lastBytes = allocated == null ? 0 : allocated.getAsLong();
    }

    /** Ends the pass {@code name} now and starts the next one. */
    public void pass(String name) {
        if (clock == null) {
            return;
        }
        double now = clock.getAsDouble();
        add(millis, name, now - lastTime);
        lastTime = now;
        if (allocated != null) {
            long bytes = allocated.getAsLong();
            add(megabytes, name, (bytes - lastBytes) / 1e6);
            lastBytes = bytes;
        }
    }

    private static void add(Map<String, Double> figures, String name, double value) {
        Double old = figures.get(name);
        figures.put(name, old == null ? value : old + value);
    }

    /** Milliseconds per pass, in the order the passes first ended. */
    public Map<String, Double> millis() {
        return millis;
    }

    /** Megabytes allocated per pass; empty where the host cannot count them. */
    public Map<String, Double> megabytes() {
        return megabytes;
    }
}

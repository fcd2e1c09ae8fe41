package app.cutout.core.pipeline;

import app.cutout.core.model.Backend;

/**
 * How many photos of a queue are worked on at once. One inference on the CPU does not use its threads fully (ONNX
 * Runtime's parallel sections wait for each other, and decoding, refinement and the PNG run on one thread), so a
 * batch goes faster as two photos at a time, each on half the threads: on 2 cores one 12 MP inference takes 6.4 s on
 * one thread against 3.5–3.9 s on two, so two at a time finish a photo every 3.2 s instead of every 4.9 s. A single
 * photo keeps every thread, and so does the GPU (one device, one session).
 *
 * <p>A second photo in flight costs a second model session and a second photo's pixels, so it needs the memory:
 * {@value #MIN_MEMORY_GB} GB where the browser tells (Chromium's {@code navigator.deviceMemory}), and at least
 * {@value #MIN_CORES_UNKNOWN_MEMORY} cores where it does not (Firefox, Safari), which leaves phones out.
 */
public final class QueueLanes {
    static final double MIN_MEMORY_GB = 4;
    static final int MIN_CORES_UNKNOWN_MEMORY = 4;

    private QueueLanes() {
    }

    /**
     * Photos at once for a queue of {@code waiting} photos, given the session a single photo runs with.
     *
     * @param backend the backend id of the single photo's session ({@link Backend#id}); null when none started yet
     * @param threads its threads, all the user allows
     * @param deviceMemoryGb the device's memory, 0 where the browser does not tell
     * @param cores {@code navigator.hardwareConcurrency}
     */
    public static int lanes(String backend, int threads, double deviceMemoryGb, int cores, int waiting) {
        if (waiting < 2 || !Backend.WASM.id.equals(backend) || threads < 2) {
            return 1;
        }
        boolean memory = deviceMemoryGb > 0 ? deviceMemoryGb >= MIN_MEMORY_GB : cores >= MIN_CORES_UNKNOWN_MEMORY;
        return memory ? 2 : 1;
    }

    /** Each lane's share of the threads: together they use what the single photo did. */
    public static int threadsEach(int threads, int lanes) {
        return Math.max(1, threads / lanes);
    }
}

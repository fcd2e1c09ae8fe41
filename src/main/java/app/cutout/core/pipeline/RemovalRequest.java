package app.cutout.core.pipeline;

import java.util.function.BooleanSupplier;

/** What the user asked for one photo. */
public final class RemovalRequest {
    public final int id;
    /** "auto", "webgpu" or "wasm". */
    public final String backendChoice;
    /** "auto", "quint8" or "fp16". */
    public final String modelChoice;
    /** CPU threads wished for; 0 = automatic. Only the first request's wish counts: threads are fixed at start. */
    public final int threads;
    /** Edge refinement strength, 0..1; 0 is the raw mask stretched, bit for bit. */
    public final float strength;
    /** A smaller size the user accepted for a photo past the limits; 0 for full resolution. */
    public final int fitWidth;
    public final int fitHeight;
    /**
     * The device's memory in GB as the browser reported it ({@code navigator.deviceMemory}); 0 when unknown. Little
     * memory lowers the full-resolution limit ({@code core.image.ImageLimits#maxPixels}).
     */
    public final double deviceMemoryGb;
    /** Asked between stages; true stops the run with {@link Cancelled}. */
    public final BooleanSupplier cancelled;

    /** A request from a host that does not know the device's memory (the command line). */
    public RemovalRequest(int id, String backendChoice, String modelChoice, int threads, float strength, int fitWidth,
            int fitHeight, BooleanSupplier cancelled) {
        this(id, backendChoice, modelChoice, threads, strength, fitWidth, fitHeight, 0, cancelled);
    }

    public RemovalRequest(int id, String backendChoice, String modelChoice, int threads, float strength, int fitWidth,
            int fitHeight, double deviceMemoryGb, BooleanSupplier cancelled) {
        this.id = id;
        this.backendChoice = backendChoice == null ? "auto" : backendChoice;
        this.modelChoice = modelChoice == null ? "auto" : modelChoice;
        this.threads = threads;
        this.strength = strength;
        this.fitWidth = fitWidth;
        this.fitHeight = fitHeight;
        this.deviceMemoryGb = deviceMemoryGb;
        this.cancelled = cancelled == null ? () -> false : cancelled;
    }

    /** The run was stopped at the user's request between two stages. */
    public static final class Cancelled extends RuntimeException {
        public Cancelled() {
            super("cancelled");
        }
    }
}

package app.cutout.core.pipeline;

import app.cutout.core.model.Capabilities;
import app.cutout.core.model.Plan;
import java.util.function.BooleanSupplier;

/**
 * Starts inference sessions on a host: ONNX Runtime Web in the browser worker, ONNX Runtime for Java on the command
 * line.
 *
 * @param <W> the verified model bytes as the host holds them ({@link ModelSource})
 */
public interface EngineFactory<W> {
    /** What this host offers; asked once, before the first plan. {@code requestedThreads} is the user's wish. */
    Capabilities probe(int requestedThreads);

    /** @throws EngineFailure when the session cannot start on the plan's backend */
    InferenceEngine start(Plan plan, W weights);

    /**
     * Runs the engine's code for the plan's backend on a small stand-in model, so that a runtime that compiles its
     * code in tiers has its inference code compiled fully before the first photo; asked before any photo, when the
     * host is otherwise idle. It stops as soon as {@code stop} says so (checked between runs: a photo is waiting) or
     * after its own time budget, and it never fails: a runtime that cannot start here is left for the photo's own run
     * to start and report. The thread count the photo's session gets is the one this starts the runtime with.
     *
     * @return the runs made; 0 where this host or backend gains nothing from it (native code, a GPU)
     */
    default int warmUp(Plan plan, BooleanSupplier stop) {
        return 0;
    }

    /**
     * Starts what {@link #warmUp} needs (the runtime, the stand-in model's session) without waiting for it, so that it
     * gets ready while the caller does other work (decodes a photo); {@link #warmUp} then finds it started. Never
     * fails; nothing where {@link #warmUp} does nothing.
     */
    default void startWarmUp(Plan plan) {
    }

    /** The CPU threads the runtime really got (1 where threads are unavailable), once a session has started. */
    int threadsInUse();
}

package app.cutout.core.pipeline;

import app.cutout.core.model.Capabilities;
import app.cutout.core.model.Plan;

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

    /** The CPU threads the runtime really got (1 where threads are unavailable), once a session has started. */
    int threadsInUse();
}

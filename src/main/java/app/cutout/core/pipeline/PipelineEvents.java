package app.cutout.core.pipeline;

import app.cutout.core.image.Refusal;

/** What a run tells its host as it goes; each call names the request's id. */
public interface PipelineEvents {
    void progress(int id, Stage stage, double done, double total);

    /**
     * The photo is decoded, at {@code width × height}; a smaller copy of a {@code sourceWidth × sourceHeight} photo
     * when those are not 0. Comes before the model is loaded, so a host that shows the photo can start decoding it for
     * display while the model runs.
     */
    default void decoded(int id, int width, int height, int sourceWidth, int sourceHeight) {
    }

    /**
     * The engine ran {@code runs} times on a stand-in model before any photo ({@link EngineFactory#warmUp}), in
     * {@code ms} from asking to the last run's end.
     */
    default void warmedUp(int runs, double ms) {
    }

    /**
     * The pipeline began ({@code true}) or ended ({@code false}) starting its engine: probing the device, getting the
     * model, starting the runtime and the session, or a preload's warm-up. Calls come in pairs and may nest. A host
     * that runs the engine out of its own sight (the browser's page, over a worker) watches this window for a start
     * that never ends ({@link StartWatch}); inference and the photo's own work are outside it.
     */
    default void starting(boolean on) {
    }

    /** A session started (the first, or a new one after a change of plan or a fallback). */
    void session(int id, Session session);

    /** The file is not processed; the rest of the queue goes on. */
    void refused(int id, Stage stage, Refusal refusal);

    /** The run failed; the host offers to try again. */
    void failed(int id, Stage stage, Problem problem);

    /** The run stopped at the user's request. */
    void cancelled(int id);
}

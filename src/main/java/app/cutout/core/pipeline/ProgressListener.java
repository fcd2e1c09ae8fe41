package app.cutout.core.pipeline;

/** Receives progress of a long step; {@code total} is 0 when unknown. */
public interface ProgressListener {
    void progress(Stage stage, double done, double total);
}

package app.cutout.core.pipeline;

import app.cutout.core.model.ModelSpec;

/**
 * Yields a model's bytes only after they matched {@link ModelSpec#sha256}: from a local copy when it is intact, else
 * downloaded, with byte progress ({@link Stage#LOADING_MODEL}).
 *
 * @param <W> how the host holds the bytes (a JS {@code Uint8Array}, a Java array or file)
 */
public interface ModelSource<W> {
    /** @throws Problem with a {@code model.*} code when the model cannot be had (interrupted, corrupt, missing) */
    W load(ModelSpec spec, ProgressListener progress);

    /**
     * Whether a verified copy is kept here, so that {@link #load} would need no network: what decides whether a
     * session may be started before any photo ({@link RemovalPipeline#preload}).
     */
    boolean stored(ModelSpec spec);

    /** What the user should know about keeping the last model loaded (not stored, quota), or null. */
    Notice storageNotice();
}

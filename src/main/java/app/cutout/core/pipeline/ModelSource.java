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
     * Starts getting the model's bytes (from the local copy or the network) while the caller does other work:
     * decoding the photo, warming the engine up. The next {@link #load} of the same model takes them, with the
     * progress so far, and any failure is thrown there, not here. A host that cannot do two things at once does
     * nothing here; {@link #load} then gets them as before.
     */
    default void prefetch(ModelSpec spec) {
    }

    /** Whether a {@link #prefetch} of this model is still under way. */
    default boolean fetching(ModelSpec spec) {
        return false;
    }

    /**
     * Whether a verified copy is kept here, so that {@link #load} would need no network: what decides whether a
     * session may be started before any photo ({@link RemovalPipeline#preload}).
     */
    boolean stored(ModelSpec spec);

    /** What the user should know about keeping the last model loaded (not stored, quota), or null. */
    Notice storageNotice();
}

package app.cutout.core.pipeline;

import app.cutout.core.model.ModelSpec;

/** One started inference session: turns ISNet's prepared input into its mask. */
public interface InferenceEngine {
    /**
     * @param input planar RGB of {@code width * height} per plane, normalised ({@code core.ops.Preprocessor}), in its
     *     first {@code 3 * width * height} floats. Not modified.
     * @param width the input's width: {@link ModelSpec#SIZE}, or with {@link #aspectInput} the photo's
     *     {@link ModelSpec#inputWidth}
     * @param height the input's height, likewise
     * @return the mask, exactly {@code width * height} floats, 0..1; may be the same array on every run of that
     *     size, overwritten
     * @throws EngineFailure when the run fails (on a GPU: an unsupported operation, a lost device)
     */
    float[] run(float[] input, int width, int height);

    /**
     * Whether this session takes each photo at its own aspect ratio ({@link ModelSpec#inputWidth} x
     * {@link ModelSpec#inputHeight}); otherwise every input is {@link ModelSpec#SIZE}², as the model was trained.
     * Only a measurement asks for it ({@code ?ort=input:aspect}, {@code core.onnx.SessionTuning}).
     */
    default boolean aspectInput() {
        return false;
    }

    /** Why the GPU device was lost, once it has been; null while it works and on the CPU. */
    String deviceLost();

    /** The runtime build the session runs in, for the page and the benchmark (e.g. {@code webgpu}, {@code wasm}). */
    String runtime();

    /** Frees the session; failures are of no consequence and are not thrown. */
    void release();
}

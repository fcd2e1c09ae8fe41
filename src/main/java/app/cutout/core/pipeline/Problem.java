package app.cutout.core.pipeline;

/**
 * A failure the user must be told about in their language: a code ({@code Texts} key {@code error.CODE}) and its
 * placeholder values. {@link #getMessage} is for logs only.
 */
public final class Problem extends RuntimeException {
    /** The model download failed to start. {0} model id, {1} the reason. */
    public static final String MODEL_UNREACHABLE = "model-unreachable";
    /** The server answered an HTTP error for the model. {0} model id, {1} status, {2} URL. */
    public static final String MODEL_HTTP = "model-http";
    /** The download stopped. {0} model id, {1} MB received, {2} MB expected, {3} the reason. */
    public static final String MODEL_INTERRUPTED = "model-interrupted";
    /** The download ended early. {0} model id, {1} bytes received, {2} bytes expected. */
    public static final String MODEL_SHORT = "model-short";
    /** The download is larger than the known model. {0} model id, {1} bytes expected. */
    public static final String MODEL_TOO_LARGE = "model-too-large";
    /** The bytes do not match the model's SHA-256. {0} model id, {1} actual hash, {2} expected hash. */
    public static final String MODEL_CORRUPT = "model-corrupt";
    /** The model file is missing on this host (command line). {0} model id, {1} path. */
    public static final String MODEL_MISSING = "model-missing";
    /** Another failure while loading the model. {0} the reason. */
    public static final String MODEL_FAILED = "model-failed";
    /** Inference failed on the CPU. {0} the runtime's reason. */
    public static final String INFERENCE_FAILED = "inference-failed";
    /** An export failed. {0} the reason. */
    public static final String EXPORT_FAILED = "export-failed";
    /** The ZIP of all results failed. {0} the reason. */
    public static final String ZIP_FAILED = "zip-failed";
    /** Processing stopped unexpectedly (a WebAssembly trap, a worker crash). {0} the file's name, {1} the reason. */
    public static final String STOPPED = "stopped";
    /**
     * The engine's threads did not start however often a fresh worker tried (app {@code Processor}). {0} the file's
     * name, {1} the tries.
     */
    public static final String ENGINE_STALLED = "engine-stalled";
    /** Re-solving the alpha after Keep/Remove strokes failed. {0} the reason. */
    public static final String STROKES_FAILED = "strokes-failed";
    /** Anything else. {0} the reason. */
    public static final String PROCESSING_FAILED = "processing-failed";

    public final String code;
    public final Object[] args;

    public Problem(String code, Object... args) {
        super(code + describe(args));
        this.code = code;
        this.args = args;
    }

    private static String describe(Object[] args) {
        StringBuilder sb = new StringBuilder();
        for (Object arg : args) {
            sb.append(sb.length() == 0 ? ": " : ", ").append(arg);
        }
        return sb.toString();
    }
}

package app.cutout.core.pipeline;

/**
 * Something the user should know, as a code plus its placeholder values; the host words it in the user's language
 * ({@code Texts}: key {@code notice.CODE}). Never a sentence: the page may switch language after it arrived.
 */
public final class Notice {
    /** The browser has no WebGPU, so the CPU runs the model although the GPU was asked for. */
    public static final String WEBGPU_UNAVAILABLE = "webgpu-unavailable";
    /** The GPU lacks 16-bit shaders, so the fp16 model asked for runs widened to fp32. */
    public static final String NO_SHADER_F16 = "no-shader-f16";
    /** WebGPU failed to start or on a run; {0} the runtime's reason. */
    public static final String WEBGPU_FAILED = "webgpu-failed";
    /** The GPU device was lost during a run; that photo was finished on the CPU. {0} the reason. */
    public static final String GPU_LOST = "gpu-lost";
    /**
     * The page is cross-origin isolated but the browser has no {@code SharedArrayBuffer} (WebKitGTK), so the CPU
     * runs one thread.
     */
    public static final String NO_SHARED_MEMORY = "no-shared-memory";
    /** The host cannot store the model at all (private browsing, storage off, not https). */
    public static final String STORAGE_NONE = "storage-none";
    /** No space to keep the model. {0} its label, {1} its size in MB. */
    public static final String STORAGE_QUOTA = "storage-quota";
    /** Storing failed otherwise. {0} the browser's reason. */
    public static final String STORAGE_FAILED = "storage-failed";

    public final String code;
    public final Object[] args;

    public Notice(String code, Object... args) {
        this.code = code;
        this.args = args;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(code);
        for (Object arg : args) {
            sb.append(' ').append(arg);
        }
        return sb.toString();
    }
}

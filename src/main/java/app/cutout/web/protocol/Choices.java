package app.cutout.web.protocol;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;

/**
 * The user's choices that decide an inference session, as {@link RunRequest} and {@link PreloadRequest} both carry
 * them: a preload starts the session a run with the same choices would use.
 */
public interface Choices extends JSObject {
    /** "auto", "webgpu" or "wasm". */
    @JSProperty
    String getBackendChoice();

    @JSProperty
    void setBackendChoice(String choice);

    /** "auto", "quint8", "fp16" or "fp32". */
    @JSProperty
    String getModelChoice();

    @JSProperty
    void setModelChoice(String choice);

    /** The session's intra-op threads (the lane's share on the CPU). */
    @JSProperty
    int getThreads();

    @JSProperty
    void setThreads(int threads);

    /**
     * How long one of the engine's threads may take to answer when it starts before the worker reports itself
     * stalled ({@link StalledMessage}); the page lengthens it after each stall it has seen.
     */
    @JSProperty
    double getThreadDeadlineMs();

    @JSProperty
    void setThreadDeadlineMs(double ms);
}

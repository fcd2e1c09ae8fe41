package app.cutout.web.protocol;

import org.teavm.jso.JSProperty;

/**
 * Page to inference worker: start the session a photo with these choices would use, if its model is stored on this
 * device ({@code RemovalPipeline.preload}); nothing comes back but the {@link SessionMessage} when one starts.
 */
public interface PreloadRequest extends Message {
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

    @JSProperty
    int getThreads();

    @JSProperty
    void setThreads(int threads);
}

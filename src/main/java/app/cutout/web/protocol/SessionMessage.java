package app.cutout.web.protocol;

import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSArray;

/** The inference session now in use: backend, model, the threads the runtime really got, the GPU, notices. */
public interface SessionMessage extends Message {
    @JSProperty
    String getBackend();

    @JSProperty
    void setBackend(String backend);

    @JSProperty
    String getModel();

    @JSProperty
    void setModel(String model);

    @JSProperty
    int getThreads();

    @JSProperty
    void setThreads(int threads);

    @JSProperty
    String getAdapter();

    @JSProperty
    void setAdapter(String adapter);

    /** The ONNX Runtime build: {@code webgpu} or {@code wasm}. */
    @JSProperty
    String getRuntime();

    @JSProperty
    void setRuntime(String runtime);

    @JSProperty
    JSArray<Coded> getNotices();

    @JSProperty
    void setNotices(JSArray<Coded> notices);
}

package app.cutout.web.jso.ort;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.core.JSObjects;
import org.teavm.jso.core.JSString;

/** A plain options object for {@link InferenceSession#create}. */
public interface SessionOptions extends JSObject {
    @JSProperty
    void setExecutionProviders(JSArray<JSString> providers);

    @JSProperty
    void setGraphOptimizationLevel(String level);

    @JSProperty
    void setEnableMemPattern(boolean enabled);

    @JSProperty
    void setEnableCpuMemArena(boolean enabled);

    @JSProperty
    void setLogSeverityLevel(int level);

    /** {@code {name: size}}: fixes symbolic input dimensions before the graph is optimised. */
    @JSProperty
    void setFreeDimensionOverrides(JSObject overrides);

    /** {@code {"session.some.key": "value"}}: session configuration entries, passed to the runtime as strings. */
    @JSProperty
    void setExtra(JSObject extra);

    static SessionOptions create(String executionProvider) {
        SessionOptions options = JSObjects.create();
        JSArray<JSString> providers = new JSArray<>();
        providers.push(JSString.valueOf(executionProvider));
        options.setExecutionProviders(providers);
        options.setGraphOptimizationLevel("all");
        // Errors only: the WebGPU backend warns on every session that shape ops stay on the CPU, which is by design.
        options.setLogSeverityLevel(3);
        return options;
    }
}

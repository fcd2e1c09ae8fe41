package app.cutout.core.model;

/** Where inference runs. */
public enum Backend {
    WEBGPU("webgpu", "WebGPU"),
    WASM("wasm", "CPU (WebAssembly)");

    public final String id;
    public final String label;

    Backend(String id, String label) {
        this.id = id;
        this.label = label;
    }

    public static Backend byId(String id) {
        for (Backend backend : values()) {
            if (backend.id.equals(id)) {
                return backend;
            }
        }
        throw new IllegalArgumentException("Unknown backend \"" + id + "\"; expected webgpu or wasm");
    }
}

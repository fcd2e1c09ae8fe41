package app.cutout.core.model;

/** What the browser offers for inference, as probed by the platform layer. */
public final class Capabilities {
    public final boolean webGpu;
    public final boolean shaderF16;
    public final boolean crossOriginIsolated;
    /**
     * Whether {@code SharedArrayBuffer} exists. Threads need it as well as isolation: WebKitGTK reports
     * {@code crossOriginIsolated} true yet has none, and ONNX Runtime then runs one thread whatever it was told.
     */
    public final boolean sharedMemory;
    public final int hardwareConcurrency;
    /** Adapter description for the UI ("NVIDIA ...", "SwiftShader"), or empty. */
    public final String adapterName;
    /** Threads the user or the page's URL asked for; 0 = automatic. */
    public final int requestedThreads;

    public Capabilities(boolean webGpu, boolean shaderF16, boolean crossOriginIsolated, int hardwareConcurrency,
            String adapterName) {
        this(webGpu, shaderF16, crossOriginIsolated, hardwareConcurrency, adapterName, 0);
    }

    /** Assumes {@code SharedArrayBuffer} exists exactly where the page is isolated, as in Chromium and Firefox. */
    public Capabilities(boolean webGpu, boolean shaderF16, boolean crossOriginIsolated, int hardwareConcurrency,
            String adapterName, int requestedThreads) {
        this(webGpu, shaderF16, crossOriginIsolated, crossOriginIsolated, hardwareConcurrency, adapterName,
                requestedThreads);
    }

    public Capabilities(boolean webGpu, boolean shaderF16, boolean crossOriginIsolated, boolean sharedMemory,
            int hardwareConcurrency, String adapterName, int requestedThreads) {
        this.sharedMemory = sharedMemory;
        this.webGpu = webGpu;
        this.shaderF16 = webGpu && shaderF16;
        this.crossOriginIsolated = crossOriginIsolated;
        this.hardwareConcurrency = Math.max(1, hardwareConcurrency);
        this.adapterName = adapterName == null ? "" : adapterName;
        this.requestedThreads = Math.max(0, requestedThreads);
    }

    public Capabilities withRequestedThreads(int threads) {
        return new Capabilities(webGpu, shaderF16, crossOriginIsolated, sharedMemory, hardwareConcurrency,
                adapterName, threads);
    }

    public Capabilities withSharedMemory(boolean present) {
        return new Capabilities(webGpu, shaderF16, crossOriginIsolated, present, hardwareConcurrency, adapterName,
                requestedThreads);
    }

    /** True when the CPU backend can run more than one thread: isolation and {@code SharedArrayBuffer} both. */
    public boolean threadsPossible() {
        return crossOriginIsolated && sharedMemory;
    }
}

package app.cutout.core.model;

/** What the browser offers for inference, as probed by the platform layer. */
public final class Capabilities {
    public final boolean webGpu;
    public final boolean shaderF16;
    /**
     * The adapter is the browser's software fallback (SwiftShader, WARP): WebGPU on the CPU, far slower than the WASM
     * backend, so never chosen automatically.
     */
    public final boolean softwareGpu;
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

    /**
     * A hardware adapter if any, no wish for threads, and {@code SharedArrayBuffer} exactly where the page is
     * isolated, as in Chromium and Firefox; the {@code with…} methods change one fact.
     */
    public Capabilities(boolean webGpu, boolean shaderF16, boolean crossOriginIsolated, int hardwareConcurrency,
            String adapterName) {
        this(webGpu, shaderF16, false, crossOriginIsolated, crossOriginIsolated, hardwareConcurrency, adapterName, 0);
    }

    public Capabilities(boolean webGpu, boolean shaderF16, boolean softwareGpu, boolean crossOriginIsolated,
            boolean sharedMemory, int hardwareConcurrency, String adapterName, int requestedThreads) {
        this.webGpu = webGpu;
        this.shaderF16 = webGpu && shaderF16;
        this.softwareGpu = webGpu && softwareGpu;
        this.crossOriginIsolated = crossOriginIsolated;
        this.sharedMemory = sharedMemory;
        this.hardwareConcurrency = Math.max(1, hardwareConcurrency);
        this.adapterName = adapterName == null ? "" : adapterName;
        this.requestedThreads = Math.max(0, requestedThreads);
    }

    public Capabilities withRequestedThreads(int threads) {
        return new Capabilities(webGpu, shaderF16, softwareGpu, crossOriginIsolated, sharedMemory,
                hardwareConcurrency, adapterName, threads);
    }

    public Capabilities withSoftwareGpu(boolean software) {
        return new Capabilities(webGpu, shaderF16, software, crossOriginIsolated, sharedMemory, hardwareConcurrency,
                adapterName, requestedThreads);
    }

    public Capabilities withSharedMemory(boolean present) {
        return new Capabilities(webGpu, shaderF16, softwareGpu, crossOriginIsolated, present, hardwareConcurrency,
                adapterName, requestedThreads);
    }

    /** True when the CPU backend can run more than one thread: isolation and {@code SharedArrayBuffer} both. */
    public boolean threadsPossible() {
        return crossOriginIsolated && sharedMemory;
    }
}

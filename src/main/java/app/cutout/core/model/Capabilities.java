package app.cutout.core.model;

/** What the browser offers for inference, as probed by the platform layer. */
public final class Capabilities {
    public final boolean webGpu;
    public final boolean shaderF16;
    public final boolean crossOriginIsolated;
    public final int hardwareConcurrency;
    /** Adapter description for the UI ("NVIDIA ...", "SwiftShader"), or empty. */
    public final String adapterName;
    /** Threads the user or the page's URL asked for; 0 = automatic. */
    public final int requestedThreads;
    /**
     * The adapter is the browser's software fallback (SwiftShader, WARP): WebGPU on the CPU, far slower than the WASM
     * backend, so never chosen automatically.
     */
    public final boolean softwareGpu;

    public Capabilities(boolean webGpu, boolean shaderF16, boolean crossOriginIsolated, int hardwareConcurrency,
            String adapterName) {
        this(webGpu, shaderF16, crossOriginIsolated, hardwareConcurrency, adapterName, 0, false);
    }

    public Capabilities(boolean webGpu, boolean shaderF16, boolean crossOriginIsolated, int hardwareConcurrency,
            String adapterName, int requestedThreads, boolean softwareGpu) {
        this.webGpu = webGpu;
        this.shaderF16 = webGpu && shaderF16;
        this.crossOriginIsolated = crossOriginIsolated;
        this.hardwareConcurrency = Math.max(1, hardwareConcurrency);
        this.adapterName = adapterName == null ? "" : adapterName;
        this.requestedThreads = Math.max(0, requestedThreads);
        this.softwareGpu = webGpu && softwareGpu;
    }

    public Capabilities withRequestedThreads(int threads) {
        return new Capabilities(webGpu, shaderF16, crossOriginIsolated, hardwareConcurrency, adapterName, threads,
                softwareGpu);
    }

    public Capabilities withSoftwareGpu(boolean software) {
        return new Capabilities(webGpu, shaderF16, crossOriginIsolated, hardwareConcurrency, adapterName,
                requestedThreads, software);
    }
}

package app.cutout.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Memory of the app's tab, measured after a garbage collection: the page's and the inference worker's JS heaps (wasm
 * GC objects, i.e. all Java arrays, live there), the resident memory of the browser's renderer processes (which
 * adds canvases, decoded images, ArrayBuffers and ONNX Runtime's wasm memory), and the browser's own
 * {@code performance.measureUserAgentSpecificMemory()} total for the page and its workers.
 *
 * <p>{@code workerBuffers} is the inference worker's ArrayBuffer backing stores: its own buffers (the reused 12 MB
 * model input, tensor data handed back by the runtime). ONNX Runtime's threaded WebAssembly memory is a
 * SharedArrayBuffer that Chromium does not count there (measured: 12.2 MB with the model loaded); it shows in the
 * renderer's resident memory.
 *
 * @param workerBuffers -1 where the browser does not report it
 * @param uaBytes -1 where the browser did not answer
 */
record MemoryFigures(long pageHeap, long workerHeap, long workerBuffers, long rendererRss, long uaBytes) {
    static final long MB = 1L << 20;

    /**
     * @param withUserAgentFigure also ask {@code measureUserAgentSpecificMemory()}, which can take up to 30 s and
     *     held up the worker's next result while pending, so it is asked only at a few checkpoints
     */
    static MemoryFigures measure(DevTools devTools, String page, String worker, boolean withUserAgentFigure) {
        long pageHeap = devTools.heapUsed(page);
        Map<String, Object> workerUsage = worker == null ? Map.of() : devTools.heapUsage(worker);
        long workerHeap = workerUsage.get("usedSize") instanceof Number n ? n.longValue() : 0;
        long workerBuffers = workerUsage.get("backingStorageSize") instanceof Number n ? n.longValue() : -1;
        return new MemoryFigures(pageHeap, workerHeap, workerBuffers, rendererRss(devTools),
                withUserAgentFigure ? userAgentBytes(devTools, page) : -1);
    }

    /** Resident memory of this browser's renderer processes (the page's workers run inside its renderer). */
    static long rendererRss(DevTools devTools) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> processes = (List<Map<String, Object>>) devTools.send(null,
                "SystemInfo.getProcessInfo", Map.of()).get("processInfo");
        long total = 0;
        for (Map<String, Object> process : processes) {
            if ("renderer".equals(process.get("type"))) {
                total += rss(((Number) process.get("id")).longValue());
            }
        }
        return total;
    }

    private static long rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // The process ended, or this is not Linux: count nothing.
        }
        return 0;
    }

    private static long userAgentBytes(DevTools devTools, String page) {
        try {
            Object bytes = devTools.evaluate(page, "Promise.race([performance.measureUserAgentSpecificMemory()"
                    + ".then(m => m.bytes), new Promise(r => setTimeout(() => r(-1), 30000))])");
            return bytes instanceof Number n ? n.longValue() : -1;
        } catch (IllegalStateException e) {
            return -1;
        }
    }

    @Override
    public String toString() {
        return String.format("page heap %6.1f MB, worker heap %6.1f MB, worker buffers %s, renderer RSS %7.1f MB,"
                + " UA memory %s", pageHeap / (double) MB, workerHeap / (double) MB,
                workerBuffers < 0 ? "n/a" : String.format("%6.1f MB", workerBuffers / (double) MB),
                rendererRss / (double) MB,
                uaBytes < 0 ? "n/a" : String.format("%.1f MB", uaBytes / (double) MB));
    }
}

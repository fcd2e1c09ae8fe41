package app.cutout.e2e;

import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Asks the current page for a WebGPU adapter and device, on the page itself and inside a dedicated worker (the
 * app's inference runs in a worker, where WebGPU availability can differ from the page's).
 */
public final class WebGpuProbe {
    /** What each context reported: "ok ..." with the adapter's description, or why not. */
    public record Result(String page, String worker) {
        public boolean available() {
            return page.startsWith("ok") && worker.startsWith("ok");
        }

        @Override
        public String toString() {
            return "page: " + page + "; worker: " + worker;
        }
    }

    /** Runs in the page and, as source text, in a blob worker; reports instead of throwing. */
    private static final String PROBE = """
            async function probe() {
              if (!('gpu' in navigator)) return 'no navigator.gpu';
              try {
                const adapter = await navigator.gpu.requestAdapter();
                if (!adapter) return 'requestAdapter() returned null';
                const info = adapter.info || {};
                const device = await adapter.requestDevice();
                device.destroy();
                return 'ok ' + [info.vendor, info.architecture, info.description].filter(Boolean).join(' / ');
              } catch (e) {
                return 'error ' + e;
              }
            }
            """;

    private WebGpuProbe() {
    }

    public static Result run(Browser browser) {
        Object result = ((JavascriptExecutor) browser.driver()).executeAsyncScript(PROBE + """
                const done = arguments[arguments.length - 1];
                const inWorker = () => new Promise(resolve => {
                  let worker;
                  try {
                    const source = probe.toString() + '\\nprobe().then(r => postMessage(r));';
                    worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
                  } catch (e) {
                    resolve('cannot start a worker: ' + e);
                    return;
                  }
                  worker.onmessage = e => { resolve(String(e.data)); worker.terminate(); };
                  worker.onerror = e => resolve('worker error: ' + (e.message || e));
                });
                Promise.all([probe(), inWorker()]).then(([page, worker]) => done({ page, worker }));
                """);
        Map<?, ?> map = (Map<?, ?>) result;
        return new Result(String.valueOf(map.get("page")), String.valueOf(map.get("worker")));
    }
}

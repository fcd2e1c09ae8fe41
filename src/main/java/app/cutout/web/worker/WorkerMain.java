package app.cutout.web.worker;

import app.cutout.web.jso.browser.Global;
import app.cutout.web.jso.browser.WorkerScope;
import app.cutout.web.protocol.Message;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.core.JSUndefined;

/**
 * Entry point of {@code teavm/worker.wasm}, started by {@code worker.js}. The worker owns the model and all heavy
 * pixels; the page only sends files and shows results.
 */
public final class WorkerMain {
    /** Runs one request at a time, in arrival order: the session is not re-entrant. */
    private static JSPromise<JSUndefined> queue = JSPromise.resolve(JSUndefined.instance());

    private WorkerMain() {
    }

    public static void main(String[] args) {
        WorkerScope scope = Global.getSelf();
        Outbox outbox = new Outbox(scope);
        Remover remover = new Remover(outbox, Global.baseUrl());
        Exports exports = new Exports(outbox);
        scope.addEventListener("message", event -> {
            Message message = (Message) event.getData();
            switch (message.getType()) {
                case Message.RUN:
                    enqueue(() -> remover.run(message), message.getId(), outbox);
                    break;
                case Message.EXPORT:
                    enqueue(() -> exports.export(message), message.getId(), outbox);
                    break;
                case Message.ZIP:
                    enqueue(() -> exports.zip(message), message.getId(), outbox);
                    break;
                default:
                    break;
            }
        });
        outbox.ready();
    }

    /**
     * Tasks catch their own failures. What escapes them anyway (a WebAssembly trap is not a Java exception) is
     * reported for the request and swallowed, so one bad request never stalls the ones queued after it.
     */
    private static void enqueue(Runnable task, int id, Outbox outbox) {
        queue = queue.flatThen(ignored -> JSPromise.runAsync(task)).catchError(error -> {
            outbox.error(id, "", "Processing stopped unexpectedly (" + Global.describe(error) + "). Try this photo "
                    + "again; if it fails again, reload the page.");
            return JSUndefined.instance();
        });
    }
}

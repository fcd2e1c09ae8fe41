package app.cutout.web.worker;

import app.cutout.core.files.SiteParts;
import app.cutout.core.image.Refusal;
import app.cutout.core.pipeline.PipelineEvents;
import app.cutout.core.pipeline.Problem;
import app.cutout.core.pipeline.RemovalPipeline;
import app.cutout.core.pipeline.RemovalRequest;
import app.cutout.core.pipeline.Session;
import app.cutout.core.pipeline.Stage;
import app.cutout.web.jso.browser.Global;
import app.cutout.web.jso.browser.WorkerScope;
import app.cutout.web.protocol.ExportRequest;
import app.cutout.web.protocol.Message;
import app.cutout.web.protocol.PreloadRequest;
import app.cutout.web.protocol.RunRequest;
import app.cutout.web.protocol.StrokesOpen;
import app.cutout.web.protocol.StrokesSolve;
import app.cutout.web.protocol.ZipRequest;
import org.teavm.jso.browser.Performance;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.core.JSUndefined;
import org.teavm.jso.typedarrays.Uint8Array;

/**
 * Entry point of {@code teavm/worker.wasm}, started by {@code worker.js}: the message handler over the core
 * {@link RemovalPipeline} and its browser adapters (ONNX Runtime Web, the browser's codecs, the model cache). The
 * worker owns the model and all heavy pixels; the page only sends files and shows results. The same file serves as
 * the export worker ({@link Exports}) and the two strokes workers ({@link StrokeSolving}).
 */
public final class WorkerMain {
    /** Runs one request at a time, in arrival order: the session is not re-entrant. */
    private static JSPromise<JSUndefined> queue = JSPromise.resolve(JSUndefined.instance());
    /** Requests queued or running; a preload's warm-up stops when one arrives behind it. */
    private static int pending;

    private WorkerMain() {
    }

    public static void main(String[] args) {
        WorkerScope scope = Global.getSelf();
        Outbox outbox = new Outbox(scope);
        String baseUrl = Global.baseUrl();
        // Before ONNX Runtime loads: it creates its threads with the Worker constructor this wraps, and fetches its
        // WebAssembly with the fetch that EngineStart wraps.
        ThreadStartWatch.install(outbox::stalled);
        EngineStart.install(outbox, baseUrl + SiteParts.ORT_DIR);
        RemovalPipeline<Uint8Array> pipeline = new RemovalPipeline<>(new ModelStore(baseUrl),
                new WebEngines(baseUrl + SiteParts.ORT_DIR), Performance::now, events(outbox));
        Exports exports = new Exports(outbox);
        StrokeSolving strokes = new StrokeSolving(outbox);
        scope.addEventListener("message", event -> {
            Message message = (Message) event.getData();
            switch (message.getType()) {
                case Message.RUN: {
                    RunRequest run = (RunRequest) message;
                    ThreadStartWatch.deadline(run.getThreadDeadlineMs());
                    enqueue(() -> pipeline.run(request(run), new BlobPhoto(run.getFile(), run.getName()),
                            ImageCodec.DECODER, new CanvasOutput(run.getId(), run.getName(), outbox)), run.getId(),
                            run.getName(), outbox);
                    break;
                }
                case Message.PRELOAD: {
                    PreloadRequest preload = (PreloadRequest) message;
                    ThreadStartWatch.deadline(preload.getThreadDeadlineMs());
                    enqueue(() -> pipeline.preload(preload.getBackendChoice(), preload.getModelChoice(),
                            preload.getThreads(), () -> pending > 1), 0, "", outbox);
                    break;
                }
                case Message.EXPORT:
                    enqueue(() -> exports.export((ExportRequest) message), ((ExportRequest) message).getId(),
                            ((ExportRequest) message).getName(), outbox);
                    break;
                case Message.ZIP:
                    enqueue(() -> exports.zip((ZipRequest) message), ((ZipRequest) message).getId(), "ZIP", outbox);
                    break;
                case Message.STROKES_OPEN:
                    enqueue(() -> strokes.open((StrokesOpen) message), ((StrokesOpen) message).getId(),
                            ((StrokesOpen) message).getName(), outbox);
                    break;
                case Message.STROKES_SOLVE:
                    strokes.arrived((StrokesSolve) message);
                    enqueue(() -> strokes.solve((StrokesSolve) message), ((StrokesSolve) message).getId(), "strokes",
                            outbox);
                    break;
                default:
                    break;
            }
        });
        outbox.ready();
    }

    /** Cancelling a running photo ends this worker (the page terminates it), so nothing here asks to cancel. */
    private static RemovalRequest request(RunRequest run) {
        return new RemovalRequest(run.getId(), run.getBackendChoice(), run.getModelChoice(), run.getThreads(),
                (float) run.getStrength(), run.getFitWidth(), run.getFitHeight(), run.getDeviceMemory(), null);
    }

    private static PipelineEvents events(Outbox outbox) {
        return new PipelineEvents() {
            @Override
            public void progress(int id, Stage stage, double done, double total) {
                outbox.progress(id, stage, done, total);
            }

            @Override
            public void decoded(int id, int width, int height, int sourceWidth, int sourceHeight) {
                outbox.decoded(id, width, height, sourceWidth, sourceHeight);
            }

            @Override
            public void warmedUp(int runs, double ms) {
                outbox.warmedUp(runs, ms, Segmenter.wideRan());
            }

            @Override
            public void starting(boolean on) {
                EngineStart.mark(on);
            }

            @Override
            public void session(int id, Session session) {
                outbox.session(session);
            }

            @Override
            public void refused(int id, Stage stage, Refusal refusal) {
                outbox.refused(id, stage.id, refusal);
            }

            @Override
            public void failed(int id, Stage stage, Problem problem) {
                outbox.failed(id, stage.id, problem);
            }

            @Override
            public void cancelled(int id) {
                // Not reached in the browser: see request().
            }
        };
    }

    /**
     * Tasks catch their own failures. What escapes them anyway (a WebAssembly trap is not a Java exception) is
     * reported for the request and swallowed, so one bad request never stalls the ones queued after it.
     */
    private static void enqueue(Runnable task, int id, String name, Outbox outbox) {
        pending++;
        queue = queue.flatThen(ignored -> JSPromise.runAsync(task)).catchError(error -> {
            outbox.failed(id, "", new Problem(Problem.STOPPED, name, Global.describe(error)));
            return JSUndefined.instance();
        }).then(done -> {
            pending--;
            return done;
        });
    }
}

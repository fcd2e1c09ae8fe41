package app.cutout.web.app;

import app.cutout.core.ops.Names;
import app.cutout.web.jso.browser.ModuleWorker;
import app.cutout.web.jso.browser.ObjectUrls;
import app.cutout.web.jso.browser.Global;
import app.cutout.web.protocol.Message;
import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.file.Blob;

/** The page's side of the worker protocol: sends photos, routes the worker's messages to the {@link View}. */
final class WorkerClient {
    private final ModuleWorker worker;
    private final View view;
    /** Requests sent before the worker's wasm was up would be lost: they wait here for its "ready". */
    private final List<Message> pending = new ArrayList<>();
    private boolean ready;
    private int nextId = 1;
    private int currentId;
    private String currentName = "";

    WorkerClient(ModuleWorker worker, View view) {
        this.worker = worker;
        this.view = view;
        worker.addEventListener("message", event -> receive((Message) event.getData()));
        worker.addEventListener("error", event -> view.fatal(
                "The processing worker failed to start (" + Global.describe(event) + "). "
                + "This browser may lack WebAssembly GC; use a current Chrome, Edge or Firefox."));
    }

    void remove(Blob file, String name, String backendChoice, String modelChoice, int threads) {
        Message request = Message.of(Message.RUN);
        request.setId(nextId++);
        request.setFile(file);
        request.setName(name);
        request.setBackendChoice(backendChoice);
        request.setModelChoice(modelChoice);
        request.setThreads(threads);
        currentId = request.getId();
        currentName = name;
        view.started(file, name);
        if (ready) {
            post(request);
        } else {
            pending.add(request);
        }
    }

    private void post(Message message) {
        worker.postMessage(message, new JSArray<JSObject>());
    }

    private void receive(Message message) {
        switch (message.getType()) {
            case Message.READY:
                ready = true;
                for (Message request : pending) {
                    post(request);
                }
                pending.clear();
                break;
            case Message.BACKEND:
                view.backend(message.getBackend(), message.getModel(), message.getThreads(), message.getAdapter(),
                        message.getText());
                break;
            case Message.PROGRESS:
                if (message.getId() == currentId) {
                    view.progress(message.getStage(), message.getLoaded(), message.getTotal());
                }
                break;
            case Message.RESULT:
                if (message.getId() == currentId) {
                    String fileName = Names.cutoutFileName(currentName, "-cutout", "png");
                    view.result(ObjectUrls.createObjectURL(message.getPng()), fileName, message.getWidth(),
                            message.getHeight(), message.getTimings());
                }
                break;
            case Message.ERROR:
                if (message.getId() == currentId) {
                    view.failed(message.getText());
                }
                break;
            default:
                break;
        }
    }
}

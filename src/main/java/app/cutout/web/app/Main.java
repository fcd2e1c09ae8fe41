package app.cutout.web.app;

import app.cutout.web.jso.browser.DataTransfer;
import app.cutout.web.jso.browser.Global;
import app.cutout.web.jso.browser.ModuleWorker;
import app.cutout.web.protocol.Message;
import org.teavm.jso.dom.events.Event;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLInputElement;
import org.teavm.jso.dom.html.HTMLSelectElement;
import org.teavm.jso.file.File;
import org.teavm.jso.file.FileList;

/**
 * Entry point of {@code teavm/ui.wasm}: wires the page's controls to the worker that does the work. Nothing heavy
 * runs here; the page stays responsive while a photo is processed.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        HTMLDocument document = HTMLDocument.current();
        View view = new View(document);
        ModuleWorker worker = new ModuleWorker(Global.baseUrl() + "worker.js", ModuleWorker.Options.module("cutout"));
        WorkerClient client = new WorkerClient(worker, view);
        HTMLInputElement input = (HTMLInputElement) document.getElementById("file-input");
        HTMLSelectElement backend = (HTMLSelectElement) document.getElementById("backend-select");
        HTMLSelectElement model = (HTMLSelectElement) document.getElementById("model-select");
        // ?backend=wasm&model=quint8&threads=2 preselect the settings: for links, embedding and the benchmark.
        UrlOptions options = UrlOptions.current();
        if (options.backend != null) {
            backend.setValue(options.backend);
        }
        if (options.model != null) {
            model.setValue(options.model);
        }
        Submitter submit = files -> {
            File file = firstFile(files);
            if (file != null) {
                client.remove(file, file.getName(), backend.getValue(), model.getValue(), options.threads);
            }
        };

        input.addEventListener("change", event -> {
            submit.files(input.getFiles());
            // Choosing the same file again must fire change again.
            input.setValue("");
        });
        // The whole page is a drop target; without preventDefault the browser would navigate to the dropped file.
        document.addEventListener("dragover", event -> {
            event.preventDefault();
            DataTransfer transfer = ((DataTransfer.TransferEvent) event).getDataTransfer();
            if (transfer != null) {
                transfer.setDropEffect("copy");
            }
            view.dragging(true);
        });
        document.addEventListener("dragleave", event -> view.dragging(false));
        document.addEventListener("drop", event -> {
            event.preventDefault();
            view.dragging(false);
            submit.files(((DataTransfer.TransferEvent) event).getDataTransfer().getFiles());
        });
        document.addEventListener("paste", (Event event) -> {
            DataTransfer clipboard = ((DataTransfer.TransferEvent) event).getClipboardData();
            if (clipboard != null && clipboard.getFiles().getLength() > 0) {
                event.preventDefault();
                submit.files(clipboard.getFiles());
            }
        });
        view.ready(Global.isCrossOriginIsolated());
    }

    private static File firstFile(FileList files) {
        return files == null || files.getLength() == 0 ? null : files.get(0);
    }

    private interface Submitter {
        void files(FileList files);
    }
}

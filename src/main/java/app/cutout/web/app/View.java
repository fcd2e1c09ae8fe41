package app.cutout.web.app;

import app.cutout.web.jso.browser.ObjectUrls;
import app.cutout.web.protocol.Stage;
import org.teavm.jso.dom.html.HTMLAnchorElement;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLImageElement;
import org.teavm.jso.file.Blob;

/** Everything the page shows; the only class that touches the result area's DOM. */
final class View {
    static final String DONE = "done";
    static final String ERROR = "error";
    static final String IDLE = "idle";

    private final HTMLDocument document;
    private final HTMLElement status;
    private final HTMLElement statusText;
    private final HTMLElement progress;
    private final HTMLElement message;
    private final HTMLElement note;
    private final HTMLElement backendInfo;
    private final HTMLElement resultSection;
    private final HTMLImageElement original;
    private final HTMLImageElement result;
    private final HTMLAnchorElement download;
    private final HTMLElement timings;
    private String originalUrl;
    private String resultUrl;
    private String modelLabel = "model";

    View(HTMLDocument document) {
        this.document = document;
        status = document.getElementById("status");
        statusText = document.getElementById("status-text");
        progress = document.getElementById("progress");
        message = document.getElementById("message");
        note = document.getElementById("note");
        backendInfo = document.getElementById("backend-info");
        resultSection = document.getElementById("result");
        original = (HTMLImageElement) document.getElementById("original-image");
        result = (HTMLImageElement) document.getElementById("result-image");
        download = (HTMLAnchorElement) document.getElementById("download");
        timings = document.getElementById("timings");
    }

    void ready(boolean isolated) {
        setState(IDLE, "Ready. Choose, drop or paste a photo.");
        document.getBody().setAttribute("data-app", "ready");
        if (!isolated) {
            showNote("This page is served without cross-origin isolation, so the CPU backend runs on one thread. "
                    + "See the README for the two headers that enable threads.");
        }
    }

    void started(Blob file, String name) {
        message.setInnerText("");
        if (originalUrl != null) {
            ObjectUrls.revokeObjectURL(originalUrl);
        }
        originalUrl = ObjectUrls.createObjectURL(file);
        original.setSrc(originalUrl);
        original.setAlt("Original: " + name);
        setState(Stage.PREPARING, "Starting\u2026");
        showProgress(0, 0);
    }

    void backend(String backend, String model, int threads, String adapter, String noteText) {
        backendInfo.setAttribute("data-backend", backend);
        backendInfo.setAttribute("data-model", model);
        backendInfo.setAttribute("data-threads", Integer.toString(threads));
        modelLabel = "quint8".equals(model) ? "8-bit model" : "fp16 model";
        String where = "webgpu".equals(backend)
                ? "WebGPU" + (adapter == null || adapter.isEmpty() ? "" : " (" + adapter + ")")
                : "CPU, " + threads + (threads == 1 ? " thread" : " threads");
        backendInfo.setInnerText("Using " + where + " with the " + modelLabel + ".");
        if (noteText != null && !noteText.isEmpty()) {
            showNote(noteText);
        }
    }

    void progress(String stage, double done, double total) {
        switch (stage) {
            case Stage.LOADING_MODEL:
                setState(stage, total > 0
                        ? "Loading the " + modelLabel + "\u2026 " + megabytes(done) + " of " + megabytes(total) + " MB"
                        : "Loading the " + modelLabel + "\u2026");
                showProgress(done, total);
                break;
            case Stage.PREPARING:
                setState(stage, "Preparing the photo\u2026");
                showProgress(0, 0);
                break;
            case Stage.REMOVING:
                setState(stage, "Removing the background\u2026");
                showProgress(0, 0);
                break;
            case Stage.FINISHING:
                setState(stage, "Finishing\u2026");
                showProgress(0, 0);
                break;
            default:
                break;
        }
    }

    void result(String url, String fileName, int width, int height, String timingsJson) {
        if (resultUrl != null) {
            ObjectUrls.revokeObjectURL(resultUrl);
        }
        resultUrl = url;
        result.setSrc(url);
        result.setAlt("Cutout of the photo, " + width + " \u00d7 " + height + ", transparent background");
        download.setHref(url);
        download.setDownload(fileName);
        download.setInnerText("Download " + fileName);
        timings.setAttribute("data-timings", timingsJson);
        timings.setInnerText(TimingText.summary(timingsJson, width, height));
        resultSection.setHidden(false);
        progress.setHidden(true);
        setState(DONE, "Done: " + width + " \u00d7 " + height + " cutout ready.");
    }

    void failed(String text) {
        progress.setHidden(true);
        message.setInnerText(text);
        setState(ERROR, "That did not work; your earlier result is still here.");
    }

    void fatal(String text) {
        failed(text);
    }

    void dragging(boolean on) {
        document.getBody().setClassName(on ? "dragging" : "");
    }

    private void showNote(String text) {
        note.setInnerText(text);
        note.setHidden(false);
    }

    private void setState(String state, String text) {
        status.setAttribute("data-state", state);
        statusText.setInnerText(text);
    }

    private void showProgress(double done, double total) {
        progress.setHidden(false);
        if (total > 0) {
            progress.setAttribute("max", Double.toString(total));
            progress.setAttribute("value", Double.toString(done));
        } else {
            // No value attribute: an indeterminate bar.
            progress.removeAttribute("value");
        }
    }

    private static String megabytes(double bytes) {
        long tenths = Math.round(bytes / 100_000.0);
        return (tenths / 10) + "." + (tenths % 10);
    }
}

package app.cutout.web.app;

import app.cutout.core.text.QueueCount;
import app.cutout.core.text.Texts;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLImageElement;
import org.teavm.jso.dom.xml.Element;
import org.teavm.jso.dom.xml.NodeList;

/** The page-wide status line, messages, backend line and timings; the static text in the chosen language. */
final class View {
    private final HTMLDocument document;
    private final HTMLElement status;
    private final HTMLElement statusText;
    private final HTMLElement progress;
    private final HTMLElement message;
    private final HTMLElement note;
    private final HTMLElement backendInfo;
    private final HTMLElement timings;
    private final HTMLImageElement resultImage;
    private String modelKey = "model.name.quint8";
    private String backendKey;
    private Object[] backendArgs;

    View(HTMLDocument document) {
        this.document = document;
        status = document.getElementById("status");
        statusText = document.getElementById("status-text");
        progress = document.getElementById("progress");
        message = document.getElementById("message");
        note = document.getElementById("note");
        backendInfo = document.getElementById("backend-info");
        timings = document.getElementById("timings");
        resultImage = (HTMLImageElement) document.getElementById("result-image");
    }

    void ready(boolean isolated) {
        setState("idle", Texts.t("status.ready"));
        document.getBody().setAttribute("data-app", "ready");
        if (!isolated) {
            showNote(Texts.t("noIsolation"));
        }
    }

    /** Fills every element marked {@code data-i18n} (text) or {@code data-i18n-label} (aria-label). */
    void translate() {
        document.getDocumentElement().setAttribute("lang", Texts.language());
        NodeList<? extends Element> texts = document.querySelectorAll("[data-i18n]");
        for (int i = 0; i < texts.getLength(); i++) {
            HTMLElement element = (HTMLElement) texts.get(i);
            element.setInnerText(Texts.t(element.getAttribute("data-i18n")));
        }
        NodeList<? extends Element> labels = document.querySelectorAll("[data-i18n-label]");
        for (int i = 0; i < labels.getLength(); i++) {
            Element element = labels.get(i);
            element.setAttribute("aria-label", Texts.t(element.getAttribute("data-i18n-label")));
        }
        if (backendKey != null) {
            backendInfo.setInnerText(Texts.t(backendKey, backendArgs));
        }
    }

    void backend(String backend, String model, int threads, String adapter, String noteText, String runtime) {
        backendInfo.setAttribute("data-backend", backend);
        backendInfo.setAttribute("data-runtime", runtime);
        backendInfo.setAttribute("data-model", model);
        backendInfo.setAttribute("data-threads", Integer.toString(threads));
        modelKey = "model.name." + ("fp16".equals(model) || "fp32".equals(model) ? model : "quint8");
        if ("webgpu".equals(backend)) {
            backendKey = "using.webgpu";
            backendArgs = new Object[] {adapter == null || adapter.isEmpty() ? "" : " (" + adapter + ")",
                Texts.t(modelKey)};
        } else {
            backendKey = threads == 1 ? "using.cpu1" : "using.cpu";
            backendArgs = new Object[] {threads, Texts.t(modelKey)};
        }
        backendInfo.removeAttribute("data-i18n");
        backendInfo.setInnerText(Texts.t(backendKey, backendArgs));
        if (noteText != null && !noteText.isEmpty()) {
            showNote(noteText);
        }
    }

    /**
     * For tests and measurements: how many inference workers were replaced because their engine did not start
     * ({@code #backend-info[data-engine-restarts]}), and each one's cause and wait in whole milliseconds
     * ({@code data-engine-stalls}: {@code thread:10004 silent:30012}).
     */
    void engineRestarted(int stalls, String cause, double waitedMs) {
        String earlier = backendInfo.getAttribute("data-engine-stalls");
        backendInfo.setAttribute("data-engine-restarts", Integer.toString(stalls));
        backendInfo.setAttribute("data-engine-stalls", (earlier == null ? "" : earlier + " ") + cause + ":" + Math.round(waitedMs));
    }

    /** For measurements: the inference worker's warm-up before any photo ({@code #backend-info[data-warmup-*]}). */
    void warmedUp(int runs, double ms, boolean wide) {
        backendInfo.setAttribute("data-warmup-runs", Integer.toString(runs));
        backendInfo.setAttribute("data-warmup-wide", Boolean.toString(wide));
        backendInfo.setAttribute("data-warmup-ms", Long.toString(Math.round(ms)));
    }

    /**
     * Mirrors the photo being processed, or the last one that finished, with {@code queue} counting every photo in
     * the list and {@code batch} those chosen together with this one.
     *
     * <p>{@code #status[data-state]} follows the photo's stage while it runs. A photo chosen alone ends in its own
     * {@code done}, {@code error} or {@code cancelled}, as before. A photo of a batch that fails or is cancelled while
     * others of the batch still wait changes neither the state nor the alert (the next photo starts at once; its
     * row says why); when the batch's last photo finishes, the state is the batch's outcome ({@code done} when any
     * photo of it is done, {@code error} when none is), the line counts the list ("3 of 5 done · 2 files could not
     * be opened"), and the alert speaks only when nothing of the batch could be used.
     */
    void item(Item item, QueueCount queue, QueueCount batch) {
        if (batch.total() > 1 && item.finished() && item.state != ItemState.DONE) {
            if (batch.finished()) {
                batchFinished(queue, batch);
            }
            return;
        }
        switch (item.state) {
            case DONE:
                progress.setHidden(true);
                resultImage.setSrc(item.cutoutUrl);
                setState(ItemState.DONE, queue.total() > 1 ? queue.line() : Texts.t("status.done"));
                if (batch.total() > 1 && batch.finished()) {
                    message.setInnerText("");
                }
                timings.setAttribute("data-timings", item.timings);
                timings.setInnerText(TimingText.summary(item.timings, item.width, item.height));
                break;
            case ERROR:
                progress.setHidden(true);
                message.setInnerText(ErrorText.of(item));
                setState(ItemState.ERROR, Texts.t("status.failedKept"));
                break;
            case CANCELLED:
                progress.setHidden(true);
                setState(ItemState.CANCELLED, Texts.t("status.cancelled"));
                break;
            case QUEUED:
                break;
            case LOADING_MODEL:
                message.setInnerText("");
                setState(item.state, item.total > 0
                        ? Texts.t("status.loading-model", Texts.t(modelKey), megabytes(item.loaded),
                                megabytes(item.total))
                        : Texts.t("status.loading-model.short", Texts.t(modelKey)));
                showProgress(item.loaded, item.total);
                break;
            default:
                message.setInnerText("");
                setState(item.state, Texts.t("status." + item.state.id));
                showProgress(0, 0);
                break;
        }
    }

    /** The end of a batch whose last photo did not come out (an earlier one may have). */
    private void batchFinished(QueueCount queue, QueueCount batch) {
        progress.setHidden(true);
        QueueCount.Outcome outcome = batch.outcome();
        message.setInnerText(outcome == QueueCount.Outcome.ERROR ? Texts.t("batch.noneDone", batch.total()) : "");
        setState(outcome == QueueCount.Outcome.DONE ? ItemState.DONE
                : outcome == QueueCount.Outcome.ERROR ? ItemState.ERROR : ItemState.CANCELLED, queue.line());
    }

    void failed(String text) {
        progress.setHidden(true);
        message.setInnerText(text);
        setState(ItemState.ERROR, Texts.t("status.failedKept"));
    }

    void info(String text) {
        statusText.setInnerText(text);
    }

    void dragging(boolean on) {
        document.getBody().setClassName(on ? "dragging" : "");
    }

    private void showNote(String text) {
        note.setInnerText(text);
        note.setHidden(false);
    }

    private void setState(ItemState state, String text) {
        setState(state.id, text);
    }

    private void setState(String state, String text) {
        status.setAttribute("data-state", state);
        statusText.removeAttribute("data-i18n");
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

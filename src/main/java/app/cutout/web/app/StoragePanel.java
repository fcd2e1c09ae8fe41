package app.cutout.web.app;

import app.cutout.core.text.Texts;
import app.cutout.core.model.ModelSpec;
import app.cutout.web.jso.browser.StorageManager;
import app.cutout.web.platform.Channel;
import app.cutout.web.platform.Js;
import app.cutout.web.platform.JsException;
import app.cutout.web.platform.Promises;
import java.util.List;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.dom.html.HTMLButtonElement;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;

/**
 * "Storage on this device": how much the stored models take (the sum of the model cache's entries) and what the
 * browser reports for the whole site ({@code navigator.storage.estimate()}), a button to delete the models after a
 * confirmation, and a plain sentence when the browser stores nothing (private modes) or the quota is nearly full.
 *
 * <p>{@code #storage-usage[data-model-bytes]} holds the models' total size and {@code [data-models]} their ids.
 */
public final class StoragePanel {
    /** Below this much free quota the larger model (88 MB) would not fit. */
    private static final double LOW_SPACE = 100e6;

    private final HTMLElement summary;
    private final HTMLElement usage;
    private final HTMLElement message;
    private final HTMLButtonElement delete;
    private final HTMLElement confirm;
    private final HTMLElement confirmText;
    private final HTMLButtonElement confirmButton;
    private double modelBytes;
    /**
     * Why the last downloaded model could not be stored, from the worker's note: its code ({@code quota} or
     * {@code error}; empty when none) and the browser's detail. Cleared once a model is stored.
     */
    private String storeFailure = "";
    private String storeFailureDetail = "";
    private String storeFailureModel = "";
    /** What the usage line says after a deletion, until the next refresh; a {@link Texts} key or empty. */
    private String deleteOutcome = "";

    private StoragePanel(HTMLDocument document) {
        summary = document.getElementById("storage-summary");
        usage = document.getElementById("storage-usage");
        message = document.getElementById("storage-message");
        delete = (HTMLButtonElement) document.getElementById("delete-models");
        confirm = document.getElementById("delete-confirm");
        confirmText = document.getElementById("delete-confirm-text");
        confirmButton = (HTMLButtonElement) document.getElementById("delete-models-confirm");
    }

    /**
     * Fills the panel and keeps it current; does nothing and returns null when the page has no
     * {@code #storage-usage}.
     */
    public static StoragePanel install(HTMLDocument document) {
        if (document.getElementById("storage-usage") == null || document.getElementById("delete-models") == null) {
            return null;
        }
        StoragePanel panel = new StoragePanel(document);
        panel.delete.addEventListener("click", event -> panel.askToDelete());
        panel.confirmButton.addEventListener("click", event -> JSPromise.runAsync(panel::deleteModels));
        document.getElementById("delete-models-cancel").addEventListener("click", event -> panel.closeConfirm());
        Channel.listen(note -> {
            if (Channel.MODEL_NOT_STORED.equals(note.getType())) {
                panel.storeFailure = "quota".equals(note.getCode()) ? "quota" : "error";
                panel.storeFailureDetail = Js.isMissing(note.getDetail()) ? "" : note.getDetail();
                panel.storeFailureModel = Js.isMissing(note.getModel()) ? "" : note.getModel();
                panel.refresh();
            } else if (Channel.MODELS_CHANGED.equals(note.getType()) || Channel.SHELL_READY.equals(note.getType())) {
                if (Channel.MODELS_CHANGED.equals(note.getType())) {
                    panel.storeFailure = "";
                }
                panel.refresh();
            }
        });
        panel.refresh();
        return panel;
    }

    /** Words everything again in the language now chosen. */
    void relabel() {
        if (!confirm.isHidden()) {
            confirmText.setInnerText(Texts.t("storage.deleteConfirm", ModelCache.size(modelBytes)));
        }
        refresh();
    }

    private void refresh() {
        JSPromise.runAsync(this::check);
    }

    private void check() {
        usage.removeAttribute("data-i18n");
        if (!ModelCache.available()) {
            usage.setInnerText(Texts.t("storage.nothing"));
            showMessage("no-storage", Texts.t(OfflineStatus.isSecureContext() ? "storage.private"
                    : "storage.insecure") + " " + Texts.t("storage.onlineOnly"));
            delete.setDisabled(true);
            return;
        }
        List<ModelCache.Entry> models;
        try {
            models = ModelCache.list();
        } catch (JsException e) {
            usage.setInnerText(Texts.t("storage.unreadable", e.jsMessage()));
            return;
        }
        modelBytes = 0;
        StringBuilder names = new StringBuilder();
        StringBuilder ids = new StringBuilder();
        for (ModelCache.Entry entry : models) {
            modelBytes += entry.bytes();
            names.append(names.length() == 0 ? "" : ", ").append(Texts.t("storage.model",
                    OfflineStatus.modelName(entry.spec()), ModelCache.size(entry.bytes())));
            ids.append(ids.length() == 0 ? "" : ",").append(entry.spec().id);
        }
        StringBuilder text = new StringBuilder();
        if (!deleteOutcome.isEmpty()) {
            text.append(Texts.t(deleteOutcome)).append(' ');
            deleteOutcome = "";
        }
        text.append(models.isEmpty() ? Texts.t("storage.none") : Texts.t("storage.models", names));
        String warning = storeFailureText();
        String kind = "store-failed";
        StorageManager storage = StorageManager.current();
        if (storage != null) {
            try {
                StorageManager.Estimate estimate = Promises.await(storage.estimate(), "Asking for the storage use");
                double used = estimate.getUsage();
                double quota = estimate.getQuota();
                text.append(' ').append(quota > 0
                        ? Texts.t("storage.totalOf", ModelCache.size(used), ModelCache.size(quota))
                        : Texts.t("storage.total", ModelCache.size(used)));
                if (quota > 0 && quota - used < LOW_SPACE && warning.isEmpty()) {
                    kind = "low-space";
                    warning = Texts.t("storage.lowSpace", ModelCache.size(Math.max(0, quota - used)));
                }
            } catch (JsException e) {
                // The estimate is a nicety; the models' own sizes are already shown.
            }
        }
        usage.setInnerText(text.toString());
        usage.setAttribute("data-model-bytes", Long.toString(Math.round(modelBytes)));
        usage.setAttribute("data-models", ids.toString());
        if (summary != null) {
            summary.setInnerText(models.isEmpty() ? "" : Texts.t("storage.summary", ModelCache.size(modelBytes)));
        }
        if (warning.isEmpty()) {
            hideMessage();
        } else {
            showMessage(kind, warning);
        }
        delete.setDisabled(models.isEmpty());
    }

    /** The worker's note that a model could not be stored, in the chosen language; empty when there is none. */
    private String storeFailureText() {
        if (storeFailure.isEmpty()) {
            return "";
        }
        if ("quota".equals(storeFailure)) {
            ModelSpec spec = "fp16".equals(storeFailureModel) ? ModelSpec.FP16 : ModelSpec.QUINT8;
            return Texts.t("storage.notStoredQuota", OfflineStatus.modelName(spec), Math.round(spec.bytes / 1e6));
        }
        return Texts.t("storage.notStored", storeFailureDetail);
    }

    private void askToDelete() {
        confirmText.removeAttribute("data-i18n");
        confirmText.setInnerText(Texts.t("storage.deleteConfirm", ModelCache.size(modelBytes)));
        confirm.setHidden(false);
        delete.setHidden(true);
        confirmButton.focus();
    }

    private void closeConfirm() {
        confirm.setHidden(true);
        delete.setHidden(false);
    }

    private void deleteModels() {
        confirmButton.setDisabled(true);
        try {
            ModelCache.deleteAll();
            deleteOutcome = "storage.deleted";
            usage.setInnerText(Texts.t("storage.deleted"));
        } catch (JsException e) {
            showMessage("error", Texts.t("storage.deleteFailed", e.jsMessage()));
        } finally {
            confirmButton.setDisabled(false);
            closeConfirm();
        }
        Channel.post(Channel.MODELS_CHANGED);
        delete.focus();
    }

    /** kind: no-storage, store-failed, low-space or error, in {@code #storage-message[data-kind]}. */
    private void showMessage(String kind, String text) {
        message.setAttribute("data-kind", kind);
        message.setInnerText(text);
        message.setHidden(false);
    }

    private void hideMessage() {
        message.removeAttribute("data-kind");
        message.setInnerText("");
        message.setHidden(true);
    }
}

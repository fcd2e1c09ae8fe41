package app.cutout.web.app;

import app.cutout.web.jso.browser.StorageManager;
import app.cutout.web.platform.Channel;
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
    /** Why the last downloaded model could not be stored, from the worker; cleared once one is stored. */
    private String storeFailure = "";

    private StoragePanel(HTMLDocument document) {
        summary = document.getElementById("storage-summary");
        usage = document.getElementById("storage-usage");
        message = document.getElementById("storage-message");
        delete = (HTMLButtonElement) document.getElementById("delete-models");
        confirm = document.getElementById("delete-confirm");
        confirmText = document.getElementById("delete-confirm-text");
        confirmButton = (HTMLButtonElement) document.getElementById("delete-models-confirm");
    }

    /** Fills the panel and keeps it current; does nothing when the page has no {@code #storage-usage}. */
    public static void install(HTMLDocument document) {
        if (document.getElementById("storage-usage") == null || document.getElementById("delete-models") == null) {
            return;
        }
        StoragePanel panel = new StoragePanel(document);
        panel.delete.addEventListener("click", event -> panel.askToDelete());
        panel.confirmButton.addEventListener("click", event -> JSPromise.runAsync(panel::deleteModels));
        document.getElementById("delete-models-cancel").addEventListener("click", event -> panel.closeConfirm());
        Channel.listen(note -> {
            if (Channel.MODEL_NOT_STORED.equals(note.getType())) {
                panel.storeFailure = note.getText();
                panel.refresh();
            } else if (Channel.MODELS_CHANGED.equals(note.getType()) || Channel.SHELL_READY.equals(note.getType())) {
                if (Channel.MODELS_CHANGED.equals(note.getType())) {
                    panel.storeFailure = "";
                }
                panel.refresh();
            }
        });
        panel.refresh();
    }

    private void refresh() {
        JSPromise.runAsync(this::check);
    }

    private void check() {
        if (!ModelCache.available()) {
            usage.setInnerText("Nothing is stored on this device.");
            showMessage("no-storage", (OfflineStatus.isSecureContext()
                    ? "This browser does not let Cutout store anything here (private browsing, or storage turned "
                            + "off for this site)."
                    : "Browsers let a page store files only when it is served over https:// (or from this computer).")
                    + " Cutout still works while online, but it downloads the model on every visit and cannot work "
                    + "offline.");
            delete.setDisabled(true);
            return;
        }
        List<ModelCache.Entry> models;
        try {
            models = ModelCache.list();
        } catch (JsException e) {
            usage.setInnerText("The stored models could not be read (" + e.jsMessage() + ").");
            return;
        }
        modelBytes = 0;
        StringBuilder names = new StringBuilder();
        StringBuilder ids = new StringBuilder();
        for (ModelCache.Entry entry : models) {
            modelBytes += entry.bytes();
            names.append(names.length() == 0 ? "" : ", ").append(entry.spec().label).append(" (")
                    .append(ModelCache.size(entry.bytes())).append(')');
            ids.append(ids.length() == 0 ? "" : ",").append(entry.spec().id);
        }
        StringBuilder text = new StringBuilder(models.isEmpty() ? "No model is stored on this device yet."
                : "Models stored on this device: " + names + ".");
        String warning = storeFailure;
        String kind = "store-failed";
        StorageManager storage = StorageManager.current();
        if (storage != null) {
            try {
                StorageManager.Estimate estimate = Promises.await(storage.estimate(), "Asking for the storage use");
                double used = estimate.getUsage();
                double quota = estimate.getQuota();
                text.append(" In all, Cutout uses ").append(ModelCache.size(used)).append(" here (app and models)");
                if (quota > 0) {
                    text.append(" of the ").append(ModelCache.size(quota)).append(" this browser allows it");
                    if (quota - used < LOW_SPACE && warning.isEmpty()) {
                        kind = "low-space";
                        warning = "Storage for this site is nearly full (" + ModelCache.size(Math.max(0, quota - used))
                                + " left): a model may not be kept for next time, and then Cutout cannot work "
                                + "offline. It still works while online. Deleting models, or other sites' data, "
                                + "frees space.";
                    }
                }
                text.append('.');
            } catch (JsException e) {
                // The estimate is a nicety; the models' own sizes are already shown.
            }
        }
        usage.setInnerText(text.toString());
        usage.setAttribute("data-model-bytes", Long.toString(Math.round(modelBytes)));
        usage.setAttribute("data-models", ids.toString());
        if (summary != null) {
            summary.setInnerText(models.isEmpty() ? "" : ": " + ModelCache.size(modelBytes) + " of models");
        }
        if (warning.isEmpty()) {
            hideMessage();
        } else {
            showMessage(kind, warning);
        }
        delete.setDisabled(models.isEmpty());
    }

    private void askToDelete() {
        confirmText.setInnerText("Delete the downloaded models (" + ModelCache.size(modelBytes) + ") from this "
                + "device? Cutout will need a connection to download them again before it can process photos.");
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
            usage.setInnerText("The models were deleted from this device.");
        } catch (JsException e) {
            showMessage("error", "The models could not be deleted (" + e.jsMessage() + ").");
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

package app.cutout.web.app;

import app.cutout.core.text.Texts;
import app.cutout.core.model.ModelSpec;
import app.cutout.web.jso.browser.Global;
import app.cutout.web.jso.browser.ServiceWorker;
import app.cutout.web.jso.browser.ServiceWorkerContainer;
import app.cutout.web.jso.browser.ServiceWorkerRegistration;
import app.cutout.web.platform.Channel;
import app.cutout.web.platform.Js;
import app.cutout.web.platform.JsException;
import app.cutout.web.platform.Promises;
import java.util.List;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.browser.Navigator;
import org.teavm.jso.browser.Window;
import org.teavm.jso.core.JSObjects;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.dom.html.HTMLButtonElement;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLSelectElement;

/**
 * Registers the service worker (sw.js) and shows, in the {@code #offline-panel}: whether the browser is online, and
 * whether Cutout is ready to work offline, i.e. the app shell is cached by the service worker and the chosen model
 * is in the model cache. Also offers the switch to a new version once one has been installed.
 *
 * <p>{@code #offline-status[data-ready]} is {@code true} when ready; otherwise {@code saving}, {@code needs-model},
 * {@code failed} or {@code unsupported}. {@code #net-status[data-online]} follows {@code navigator.onLine}.
 */
public final class OfflineStatus {
    private static final String SAVING = "saving";
    private static final String READY = "ready";
    private static final String FAILED = "failed";
    private static final String UNSUPPORTED = "unsupported";

    private final HTMLElement net;
    private final HTMLElement status;
    private final HTMLButtonElement update;
    private final HTMLSelectElement modelSelect;
    private final String base = Global.baseUrl();
    private ServiceWorkerRegistration registration;
    private String shell = SAVING;
    /** Why the shell could not be kept: a {@link Texts} key (empty when none) and its detail, worded when shown. */
    private String shellFailure = "";
    private String shellFailureDetail = "";
    private boolean reloadOnNewController;

    private OfflineStatus(HTMLDocument document) {
        net = document.getElementById("net-status");
        status = document.getElementById("offline-status");
        update = (HTMLButtonElement) document.getElementById("update-app");
        modelSelect = (HTMLSelectElement) document.getElementById("model-select");
    }

    /**
     * Starts it all; does nothing and returns null when the page has no {@code #offline-status}. Returns at once.
     */
    public static OfflineStatus install(HTMLDocument document) {
        if (document.getElementById("offline-status") == null || document.getElementById("net-status") == null) {
            return null;
        }
        OfflineStatus offline = new OfflineStatus(document);
        offline.showNetwork();
        Window window = Window.current();
        window.addEventListener("online", event -> offline.changed());
        window.addEventListener("offline", event -> offline.changed());
        if (offline.modelSelect != null) {
            offline.modelSelect.addEventListener("change", event -> offline.refresh());
        }
        if (offline.update != null) {
            offline.update.addEventListener("click", event -> offline.switchToNewVersion());
        }
        Channel.listen(offline::heard);
        JSPromise.runAsync(offline::register);
        return offline;
    }

    /** Words everything again in the language now chosen. */
    void relabel() {
        showNetwork();
        refresh();
    }

    private void register() {
        ServiceWorkerContainer container = ServiceWorkerContainer.current();
        if (container == null) {
            shell = UNSUPPORTED;
            render(List.of());
            return;
        }
        container.addEventListener("controllerchange", event -> {
            if (reloadOnNewController) {
                Window.current().getLocation().reload();
            }
        });
        try {
            // Relative to the page: works under any path prefix; the worker's scope is the site's directory.
            registration = Promises.await(container.register(base + "sw.js",
                    ServiceWorkerContainer.RegistrationOptions.scope(base)), "Registering the offline worker");
        } catch (JsException e) {
            shell = FAILED;
            shellFailure = "offline.registerFailed";
            shellFailureDetail = e.jsMessage();
            render(List.of());
            return;
        }
        registration.addEventListener("updatefound", event -> track(registration.getInstalling()));
        track(registration.getInstalling());
        shell = Js.isMissing(registration.getActive()) ? SAVING : READY;
        if (update != null && !Js.isMissing(registration.getWaiting()) && !Js.isMissing(registration.getActive())) {
            update.setHidden(false);
        }
        check();
    }

    /** Follows a worker that is installing: the first one makes the app ready offline, later ones are updates. */
    private void track(ServiceWorker worker) {
        if (Js.isMissing(worker)) {
            return;
        }
        worker.addEventListener("statechange", event -> {
            switch (worker.getState()) {
                case "installed":
                    if (!Js.isMissing(registration.getActive()) && update != null) {
                        update.setHidden(false);
                    }
                    break;
                case "activated":
                    shell = READY;
                    refresh();
                    break;
                case "redundant":
                    if (!READY.equals(shell)) {
                        shell = FAILED;
                        if (shellFailure.isEmpty()) {
                            shellFailure = "offline.saveFailed";
                        }
                        refresh();
                    }
                    break;
                default:
                    break;
            }
        });
    }

    private void heard(Channel.Note note) {
        String type = note.getType();
        if (Channel.SHELL_FAILED.equals(type) && base.equals(note.getScope())) {
            // sw.js says what went wrong as a code and the browser's own detail; the sentence is worded here.
            shellFailure = "quota".equals(note.getCode()) ? "offline.shellQuota" : "offline.shellFailed";
            shellFailureDetail = Js.isMissing(note.getDetail()) ? "" : note.getDetail();
            if (!READY.equals(shell)) {
                shell = FAILED;
            }
            refresh();
        } else if (Channel.MODELS_CHANGED.equals(type)) {
            refresh();
        }
    }

    private void switchToNewVersion() {
        ServiceWorker waiting = registration == null ? null : registration.getWaiting();
        if (Js.isMissing(waiting)) {
            Window.current().getLocation().reload();
            return;
        }
        reloadOnNewController = true;
        SkipWaiting message = JSObjects.create();
        message.setType("skip-waiting");
        waiting.postMessage(message);
    }

    private void changed() {
        showNetwork();
        refresh();
    }

    private void refresh() {
        JSPromise.runAsync(this::check);
    }

    private void check() {
        List<ModelCache.Entry> models;
        try {
            models = ModelCache.list();
        } catch (JsException e) {
            models = List.of();
        }
        render(models);
    }

    private void showNetwork() {
        boolean online = Navigator.isOnline();
        net.setAttribute("data-online", Boolean.toString(online));
        net.removeAttribute("data-i18n");
        net.setInnerText(Texts.t(online ? "net.online" : "net.offline"));
    }

    private void render(List<ModelCache.Entry> models) {
        boolean online = Navigator.isOnline();
        ModelSpec wanted = chosenModel();
        ModelCache.Entry model = null;
        for (ModelCache.Entry entry : models) {
            if (wanted == null || entry.spec() == wanted) {
                model = entry;
                break;
            }
        }
        String state;
        String text;
        switch (shell) {
            case UNSUPPORTED:
                state = "unsupported";
                text = Texts.t(isSecureContext() ? "offline.unsupported" : "offline.insecure");
                break;
            case FAILED:
                state = "failed";
                text = Texts.t(shellFailure.isEmpty() ? "offline.saveFailed" : shellFailure, shellFailureDetail);
                break;
            case READY:
                if (model != null) {
                    state = "true";
                    text = Texts.t(online ? "offline.ready" : "offline.working", modelName(model.spec()));
                } else {
                    state = "needs-model";
                    String which = wanted == null ? Texts.t("offline.theModel")
                            : Texts.t("offline.theNamed", modelName(wanted));
                    text = Texts.t(online ? "offline.needsModel" : "offline.needsModelOffline", which);
                }
                break;
            default:
                state = "saving";
                text = Texts.t(online ? "offline.saving" : "offline.notSaved");
                break;
        }
        status.setAttribute("data-ready", state);
        status.removeAttribute("data-i18n");
        status.setInnerText(text);
    }

    /** "8-bit model", "modelo de 8 bits". */
    static String modelName(ModelSpec spec) {
        return Texts.t("model.name." + spec.id);
    }

    /** The model the settings ask for, or null for "Automatic" (then any stored model counts). */
    private ModelSpec chosenModel() {
        String value = modelSelect == null ? "auto" : modelSelect.getValue();
        for (ModelSpec spec : ModelSpec.values()) {
            if (spec.id.equals(value)) {
                return spec;
            }
        }
        return null;
    }

    /** https:// or loopback: only there do browsers offer service workers and storage. */
    @JSBody(script = "return self.isSecureContext === true;")
    static native boolean isSecureContext();

    interface SkipWaiting extends JSObject {
        @JSProperty
        void setType(String type);
    }
}

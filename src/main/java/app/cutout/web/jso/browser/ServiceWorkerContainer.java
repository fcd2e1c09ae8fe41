package app.cutout.web.jso.browser;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSClass;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSObjects;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.dom.events.Event;
import org.teavm.jso.dom.events.EventListener;

/** {@code navigator.serviceWorker}: registers the page's service worker and reports which one controls it. */
@JSClass
public class ServiceWorkerContainer implements JSObject {
    protected ServiceWorkerContainer() {
    }

    /** {@code navigator.serviceWorker}, or null where there is none (insecure contexts, some private modes). */
    @JSBody(script = "return 'serviceWorker' in navigator && navigator.serviceWorker ? navigator.serviceWorker : null;")
    public static native ServiceWorkerContainer current();

    public native JSPromise<ServiceWorkerRegistration> register(String scriptUrl, RegistrationOptions options);

    /** Resolves once the registration for this page has an active worker. */
    @JSProperty
    public native JSPromise<ServiceWorkerRegistration> getReady();

    /** The worker that controls this page, or null (first visit, hard reload). */
    @JSProperty
    public native ServiceWorker getController();

    /** {@code controllerchange}. */
    public native void addEventListener(String type, EventListener<Event> listener);

    public interface RegistrationOptions extends JSObject {
        @JSProperty
        void setScope(String scope);

        static RegistrationOptions scope(String scope) {
            RegistrationOptions options = JSObjects.create();
            options.setScope(scope);
            return options;
        }
    }
}

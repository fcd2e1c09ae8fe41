package app.cutout.web.jso.browser;

import org.teavm.jso.JSClass;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.dom.events.Event;
import org.teavm.jso.dom.events.EventListener;

/** A service worker registration: its scope and its installing, waiting and active workers (each may be null). */
@JSClass
public class ServiceWorkerRegistration implements JSObject {
    protected ServiceWorkerRegistration() {
    }

    @JSProperty
    public native String getScope();

    @JSProperty
    public native ServiceWorker getInstalling();

    @JSProperty
    public native ServiceWorker getWaiting();

    @JSProperty
    public native ServiceWorker getActive();

    /** {@code updatefound}: a new worker started installing. */
    public native void addEventListener(String type, EventListener<Event> listener);

    public native JSPromise<JSObject> update();
}

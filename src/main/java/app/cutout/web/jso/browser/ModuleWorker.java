package app.cutout.web.jso.browser;

import org.teavm.jso.JSClass;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.core.JSObjects;
import org.teavm.jso.dom.events.EventListener;
import org.teavm.jso.dom.events.MessageEvent;

/** A dedicated {@code Worker} started from an ES module, with transfer lists. */
@JSClass(name = "Worker")
public class ModuleWorker implements JSObject {
    public ModuleWorker(String url, Options options) {
    }

    public native void postMessage(JSObject message, JSArray<JSObject> transfer);

    public native void addEventListener(String type, EventListener<MessageEvent> listener);

    public native void terminate();

    public interface Options extends JSObject {
        @JSProperty
        void setType(String type);

        @JSProperty
        void setName(String name);

        static Options module(String name) {
            Options options = JSObjects.create();
            options.setType("module");
            options.setName(name);
            return options;
        }
    }
}

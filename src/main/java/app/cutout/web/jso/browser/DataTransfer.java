package app.cutout.web.jso.browser;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.dom.events.Event;
import org.teavm.jso.file.FileList;

/** Files carried by a drag-and-drop or a paste. */
public interface DataTransfer extends JSObject {
    @JSProperty
    FileList getFiles();

    @JSProperty
    void setDropEffect(String effect);

    /** {@code DragEvent} and {@code ClipboardEvent}: one of the two properties is set. */
    interface TransferEvent extends Event {
        @JSProperty
        DataTransfer getDataTransfer();

        @JSProperty
        DataTransfer getClipboardData();
    }
}

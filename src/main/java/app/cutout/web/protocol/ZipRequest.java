package app.cutout.web.protocol;

import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.core.JSString;
import org.teavm.jso.file.Blob;

/** Page to export worker: pack these files, under these names, into one ZIP. */
public interface ZipRequest extends Addressed {
    @JSProperty
    JSArray<Blob> getBlobs();

    @JSProperty
    void setBlobs(JSArray<Blob> blobs);

    @JSProperty
    JSArray<JSString> getNames();

    @JSProperty
    void setNames(JSArray<JSString> names);
}

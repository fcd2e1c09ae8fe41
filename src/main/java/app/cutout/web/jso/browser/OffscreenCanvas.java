package app.cutout.web.jso.browser;

import org.teavm.jso.JSClass;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSObjects;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.file.Blob;

@JSClass
public class OffscreenCanvas implements JSObject {
    public OffscreenCanvas(int width, int height) {
    }

    public native OffscreenContext2D getContext(String type, ContextAttributes attributes);

    public native JSPromise<Blob> convertToBlob(EncodeOptions options);

    @JSProperty
    public native int getWidth();

    /** Setting a size of 0 frees the canvas's pixels at once rather than at garbage collection. */
    @JSProperty
    public native void setWidth(int width);

    @JSProperty
    public native void setHeight(int height);

    @JSProperty
    public native int getHeight();

    public interface ContextAttributes extends JSObject {
        @JSProperty
        void setWillReadFrequently(boolean value);

        @JSProperty
        void setAlpha(boolean value);

        /** CPU-backed: the pixels are read back once and written once, so a GPU surface only adds copies. */
        static ContextAttributes readback() {
            ContextAttributes attributes = JSObjects.create();
            attributes.setWillReadFrequently(true);
            attributes.setAlpha(true);
            return attributes;
        }
    }

    public interface EncodeOptions extends JSObject {
        @JSProperty
        void setType(String type);

        @JSProperty
        void setQuality(double quality);

        static EncodeOptions of(String type) {
            EncodeOptions options = JSObjects.create();
            options.setType(type);
            return options;
        }
    }
}

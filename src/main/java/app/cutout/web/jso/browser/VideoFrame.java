package app.cutout.web.jso.browser;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSClass;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSObjects;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.typedarrays.ArrayBufferView;

/** WebCodecs' {@code VideoFrame}, used only as a fast way to copy a decoded bitmap's pixels out as RGBA. */
@JSClass
public class VideoFrame implements JSObject {
    public VideoFrame(ImageBitmap image, Init init) {
    }

    /** The pixel layout, e.g. {@code BGRX} (opaque) or {@code BGRA}. */
    @JSProperty
    public native String getFormat();

    public native JSPromise<JSObject> copyTo(ArrayBufferView destination, CopyOptions options);

    public native void close();

    /**
     * Whether {@code copyTo} here converts to RGBA. A browser whose {@code copyTo} predates the {@code format} member
     * ignores it and copies in the frame's own layout, so the probe checks that the member is read at all.
     */
    @JSBody(script = "try {"
            + " if (typeof VideoFrame === 'undefined' || typeof OffscreenCanvas === 'undefined') return false;"
            + " const canvas = new OffscreenCanvas(2, 2); canvas.getContext('2d').fillRect(0, 0, 2, 2);"
            + " const frame = new VideoFrame(canvas, { timestamp: 0 });"
            + " let read = false;"
            + " try { frame.allocationSize({ get format() { read = true; return 'RGBA'; } }); } finally { frame.close(); }"
            + " return read;"
            + " } catch (e) { return false; }")
    public static native boolean copiesToRgba();

    public interface Init extends JSObject {
        @JSProperty
        void setTimestamp(double timestamp);

        static Init still() {
            Init init = JSObjects.create();
            init.setTimestamp(0);
            return init;
        }
    }

    public interface CopyOptions extends JSObject {
        @JSProperty
        void setFormat(String format);

        @JSProperty
        void setRect(Rect rect);

        /** Rows {@code [y, y + rows)} of a frame {@code width} wide, as RGBA. */
        static CopyOptions rgbaRows(int width, int y, int rows) {
            Rect rect = JSObjects.create();
            rect.setX(0);
            rect.setY(y);
            rect.setWidth(width);
            rect.setHeight(rows);
            CopyOptions options = JSObjects.create();
            options.setFormat("RGBA");
            options.setRect(rect);
            return options;
        }
    }

    public interface Rect extends JSObject {
        @JSProperty
        void setX(int x);

        @JSProperty
        void setY(int y);

        @JSProperty
        void setWidth(int width);

        @JSProperty
        void setHeight(int height);
    }
}

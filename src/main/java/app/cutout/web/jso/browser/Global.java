package app.cutout.web.jso.browser;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.JSTopLevel;
import org.teavm.jso.canvas.ImageData;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.file.Blob;

/** Globals of both window and worker scopes. */
public abstract class Global implements JSObject {
    private Global() {
    }

    @JSTopLevel
    public static native JSPromise<ImageBitmap> createImageBitmap(Blob image, ImageBitmapOptions options);

    /** The pixels as a bitmap (not premultiplied on the way), which can be transferred to another thread. */
    @JSTopLevel
    public static native JSPromise<ImageBitmap> createImageBitmap(ImageData pixels, ImageBitmapOptions options);

    /** A copy of the canvas's pixels as a bitmap, which can be transferred to another thread. */
    @JSTopLevel
    public static native JSPromise<ImageBitmap> createImageBitmap(OffscreenCanvas canvas);

    @JSTopLevel
    public static native JSPromise<Response> fetch(String url);

    /** @param init a {@code RequestInit}, e.g. {@code { cache: 'reload' }} */
    @JSTopLevel
    public static native JSPromise<Response> fetch(String url, JSObject init);

    @JSTopLevel
    @JSProperty("crossOriginIsolated")
    public static native boolean isCrossOriginIsolated();

    @JSTopLevel
    @JSProperty("navigator")
    public static native ScopeNavigator getNavigator();

    /** {@code self} in a dedicated worker. */
    @JSTopLevel
    @JSProperty("self")
    public static native WorkerScope getSelf();

    @JSTopLevel
    @JSProperty("caches")
    public static native CacheStorage getCaches();

    @JSTopLevel
    @JSProperty("crypto")
    public static native CryptoSubtle getCrypto();

    /**
     * The photos chosen, dropped or pasted while the page's code was loading, which {@code boot.js} kept (null when
     * there are none); later ones are the page's own to handle.
     */
    @JSBody(script = "return self.cutoutTakeEarlyFiles ? self.cutoutTakeEarlyFiles() : null;")
    public static native org.teavm.jso.file.FileList takeEarlyFiles();

    /**
     * Whether this scope has {@code SharedArrayBuffer}, which ONNX Runtime's threads need besides isolation (WebKitGTK
     * is isolated yet lacks it).
     */
    @JSBody(script = "return typeof SharedArrayBuffer !== 'undefined';")
    public static native boolean hasSharedArrayBuffer();

    /** The Cache API exists only in secure contexts, and not at all in some private modes. */
    @JSBody(script = "return typeof caches !== 'undefined';")
    public static native boolean hasCaches();

    /**
     * {@code navigator.deviceMemory}: the device's memory in GB, rounded by the browser (0.25 to 8 in Chromium); 0
     * where it is not exposed (Firefox, Safari, insecure origins).
     */
    @JSBody(script = "var gb = self.navigator.deviceMemory; return typeof gb === 'number' && gb > 0 ? gb : 0;")
    public static native double deviceMemory();

    @JSBody(script = "return typeof OffscreenCanvas !== 'undefined';")
    public static native boolean hasOffscreenCanvas();

    /**
     * A setting this site kept on the device ({@code localStorage}), or "" where there is none or the browser keeps
     * none (storage turned off, a sandboxed frame).
     */
    @JSBody(params = "key", script = "try { return self.localStorage.getItem(key) || ''; } catch (e) { return ''; }")
    public static native String keptSetting(String key);

    /** Keeps a setting on the device where the browser allows it; elsewhere it lasts as long as the page. */
    @JSBody(params = {"key", "value"}, script = "try { self.localStorage.setItem(key, value); } catch (e) { }")
    public static native void keepSetting(String key, String value);

    /** Base URL of the site, i.e. the directory the current script (page or worker) was loaded from. */
    @JSBody(script = "return new URL('.', self.location.href).href;")
    public static native String baseUrl();

    /**
     * {@code performance.timeOrigin + performance.now()}: milliseconds since the epoch at the resolution of
     * {@code performance.now()}, comparable between the page and its workers (each has its own time origin).
     */
    @JSBody(script = "return performance.timeOrigin + performance.now();")
    public static native double clock();

    @JSTopLevel
    @JSProperty("devicePixelRatio")
    public static native double getDevicePixelRatio();

    @JSTopLevel
    public static native int requestAnimationFrame(FrameCallback callback);

    @org.teavm.jso.JSFunctor
    public interface FrameCallback extends JSObject {
        void onFrame(double time);
    }

    /** Starts a download of the URL under the file name, as a click on a download link would. */
    @JSBody(params = { "url", "name" }, script = "const a = document.createElement('a'); a.href = url;"
            + " a.download = name; a.style.display = 'none'; document.body.appendChild(a); a.click(); a.remove();")
    public static native void download(String url, String name);

    /** A readable sentence for any thrown or rejected JS value. */
    @JSBody(params = "e", script = "if (e && typeof e === 'object' && 'message' in e && e.message) {"
            + " return String(e.message); } return String(e);")
    public static native String describe(Object e);
}

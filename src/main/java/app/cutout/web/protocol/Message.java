package app.cutout.web.protocol;

import app.cutout.web.jso.browser.ImageBitmap;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSObjects;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.core.JSString;
import org.teavm.jso.file.Blob;
import org.teavm.jso.typedarrays.ArrayBuffer;

/**
 * The one message shape between the page and the worker: a {@code type} plus the fields that type uses.
 *
 * <p>Page to worker: {@code run} (id, file, name, backendChoice, modelChoice, threads, strength, fitWidth and
 * fitHeight). Worker to page: {@code ready}, {@code backend} (backend, model, threads, adapter, runtime, text = a note
 * for the user), {@code progress} (id, stage, loaded, total), {@code preview} (id, bitmap = the cutout, transferred; width, height,
 * timings so far) as soon as the pixels are final, then {@code result} (id, png, width, height, timings, sourceWidth,
 * sourceHeight, animated) and {@code error} (id, stage, text, code, name, format; width, height, fitWidth and
 * fitHeight for a photo past the size limits).
 * Exports, to a second worker: {@code export} (id, file, png, alpha when edited, width, height, format, background, color,
 * backgroundImage, blur, cropMargin, cropAspect) answered by {@code exported} (id, png = the encoded file), and {@code zip} (blobs,
 * names) answered by {@code zipped} (png = the archive).
 */
public interface Message extends JSObject {
    String RUN = "run";
    String READY = "ready";
    String BACKEND = "backend";
    String PROGRESS = "progress";
    String PREVIEW = "preview";
    String RESULT = "result";
    String ERROR = "error";
    String EXPORT = "export";
    String EXPORTED = "exported";
    String ZIP = "zip";
    String ZIPPED = "zipped";

    static Message of(String type) {
        Message message = JSObjects.create();
        message.setType(type);
        return message;
    }

    @JSProperty
    String getType();

    @JSProperty
    void setType(String type);

    @JSProperty
    int getId();

    @JSProperty
    void setId(int id);

    @JSProperty
    String getStage();

    @JSProperty
    void setStage(String stage);

    @JSProperty
    double getLoaded();

    @JSProperty
    void setLoaded(double loaded);

    @JSProperty
    double getTotal();

    @JSProperty
    void setTotal(double total);

    @JSProperty
    String getText();

    @JSProperty
    void setText(String text);

    @JSProperty
    Blob getFile();

    @JSProperty
    void setFile(Blob file);

    @JSProperty
    String getName();

    @JSProperty
    void setName(String name);

    @JSProperty
    String getBackendChoice();

    @JSProperty
    void setBackendChoice(String choice);

    @JSProperty
    String getModelChoice();

    @JSProperty
    void setModelChoice(String choice);

    @JSProperty
    String getBackend();

    @JSProperty
    void setBackend(String backend);

    @JSProperty
    String getModel();

    @JSProperty
    void setModel(String model);

    @JSProperty
    int getThreads();

    @JSProperty
    void setThreads(int threads);

    @JSProperty
    String getAdapter();

    @JSProperty
    void setAdapter(String adapter);

    @JSProperty
    Blob getPng();

    @JSProperty
    void setPng(Blob png);

    @JSProperty
    int getWidth();

    @JSProperty
    void setWidth(int width);

    @JSProperty
    int getHeight();

    @JSProperty
    void setHeight(int height);

    /** Edge refinement strength, 0 (raw mask) to 1. */
    @JSProperty
    double getStrength();

    @JSProperty
    void setStrength(double strength);

    /** A machine-readable error kind ("unreadable", "empty"), so the page can word it in the user's language. */
    @JSProperty
    String getCode();

    @JSProperty
    void setCode(String code);

    /** A MIME type: of the input for errors, of the wanted output for exports. */
    @JSProperty
    String getFormat();

    @JSProperty
    void setFormat(String format);

    /** Edited alpha, one byte a pixel, for exports of edited photos. */
    @JSProperty
    ArrayBuffer getAlpha();

    @JSProperty
    void setAlpha(ArrayBuffer alpha);

    /** Export background: transparent, color, image or blur. */
    @JSProperty
    String getBackground();

    @JSProperty
    void setBackground(String background);

    /** CSS hex colour, "#rrggbb". */
    @JSProperty
    String getColor();

    @JSProperty
    void setColor(String color);

    @JSProperty
    Blob getBackgroundImage();

    @JSProperty
    void setBackgroundImage(Blob image);

    /** Blur radius as a fraction of the photo's longer side. */
    @JSProperty
    double getBlur();

    @JSProperty
    void setBlur(double blur);

    /** Crop to the subject with this margin (fraction of the subject's longer side); negative = no crop. */
    @JSProperty
    double getCropMargin();

    @JSProperty
    void setCropMargin(double margin);

    /** Crop aspect ratio width/height; 0 = free. */
    @JSProperty
    double getCropAspect();

    @JSProperty
    void setCropAspect(double aspect);

    @JSProperty
    JSArray<Blob> getBlobs();

    @JSProperty
    void setBlobs(JSArray<Blob> blobs);

    @JSProperty
    JSArray<JSString> getNames();

    @JSProperty
    void setNames(JSArray<JSString> names);

    /**
     * A smaller size: on {@code error}, the one offered for a photo past the size limits (0 when none is); on
     * {@code run}, the one the user accepted (0 for full resolution).
     */
    @JSProperty
    int getFitWidth();

    @JSProperty
    void setFitWidth(int width);

    @JSProperty
    int getFitHeight();

    @JSProperty
    void setFitHeight(int height);

    /** On {@code result}: the photo's own size when the cutout was made from a smaller copy; 0 otherwise. */
    @JSProperty
    int getSourceWidth();

    @JSProperty
    void setSourceWidth(int width);

    @JSProperty
    int getSourceHeight();

    @JSProperty
    void setSourceHeight(int height);

    /** On {@code result}: the file is an animation, of which the first frame was used. */
    @JSProperty
    boolean isAnimated();

    @JSProperty
    void setAnimated(boolean animated);

    /** Stage timings as a flat JSON object (see {@code StageTimings}). */
    @JSProperty
    String getTimings();

    @JSProperty
    void setTimings(String timings);

    @JSProperty
    ImageBitmap getBitmap();

    @JSProperty
    void setBitmap(ImageBitmap bitmap);

    @JSProperty
    String getRuntime();

    @JSProperty
    void setRuntime(String runtime);
}

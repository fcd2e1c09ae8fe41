package app.cutout.web.protocol;

import org.teavm.jso.JSProperty;
import org.teavm.jso.file.Blob;
import org.teavm.jso.typedarrays.ArrayBuffer;

/** Page to export worker: composite one cutout with its background, crop, size preset and effects, and encode it. */
public interface ExportRequest extends Addressed {
    /** The original photo. */
    @JSProperty
    Blob getFile();

    @JSProperty
    void setFile(Blob file);

    @JSProperty
    String getName();

    @JSProperty
    void setName(String name);

    /** The worker's cutout PNG: refined colours, model alpha. */
    @JSProperty
    Blob getPng();

    @JSProperty
    void setPng(Blob png);

    /** The edited alpha, full resolution, when the user edited it; else absent. */
    @JSProperty
    ArrayBuffer getAlpha();

    @JSProperty
    void setAlpha(ArrayBuffer alpha);

    /** The size the cutout was made at. */
    @JSProperty
    int getWidth();

    @JSProperty
    void setWidth(int width);

    @JSProperty
    int getHeight();

    @JSProperty
    void setHeight(int height);

    /** png, webp, jpeg or mask. */
    @JSProperty
    String getFormat();

    @JSProperty
    void setFormat(String format);

    /** transparent, color, image or blur. */
    @JSProperty
    String getBackground();

    @JSProperty
    void setBackground(String background);

    @JSProperty
    String getColor();

    @JSProperty
    void setColor(String color);

    @JSProperty
    Blob getBackgroundImage();

    @JSProperty
    void setBackgroundImage(Blob image);

    @JSProperty
    double getBlur();

    @JSProperty
    void setBlur(double blur);

    /** Crop to the subject with this margin (fraction); negative for no crop. */
    @JSProperty
    double getCropMargin();

    @JSProperty
    void setCropMargin(double margin);

    @JSProperty
    double getCropAspect();

    @JSProperty
    void setCropAspect(double aspect);

    /** Size preset and effects, as {@code core.edit.Look.encode} writes them; absent or empty for none. */
    @JSProperty
    String getLook();

    @JSProperty
    void setLook(String look);
}

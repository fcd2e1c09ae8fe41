package app.cutout.web.protocol;

import org.teavm.jso.JSProperty;
import org.teavm.jso.file.Blob;

/** Page to inference worker: remove the background of one photo, with the session its {@link Choices} decide. */
public interface RunRequest extends Addressed, Choices {
    @JSProperty
    Blob getFile();

    @JSProperty
    void setFile(Blob file);

    @JSProperty
    String getName();

    @JSProperty
    void setName(String name);

    /** Edge refinement, 0..1. */
    @JSProperty
    double getStrength();

    @JSProperty
    void setStrength(double strength);

    /** A smaller size the user accepted; 0 for full resolution. */
    @JSProperty
    int getFitWidth();

    @JSProperty
    void setFitWidth(int width);

    @JSProperty
    int getFitHeight();

    @JSProperty
    void setFitHeight(int height);

    /** The page's {@code navigator.deviceMemory} in GB; 0 where the browser does not tell (Firefox, Safari). */
    @JSProperty
    double getDeviceMemory();

    @JSProperty
    void setDeviceMemory(double gigabytes);
}

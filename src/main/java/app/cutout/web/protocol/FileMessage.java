package app.cutout.web.protocol;

import org.teavm.jso.JSProperty;
import org.teavm.jso.file.Blob;

/** An encoded export ({@code exported}) or the ZIP of all results ({@code zipped}). */
public interface FileMessage extends Addressed {
    @JSProperty
    Blob getFile();

    @JSProperty
    void setFile(Blob file);
}

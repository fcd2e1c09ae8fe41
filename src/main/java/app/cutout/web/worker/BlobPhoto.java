package app.cutout.web.worker;

import app.cutout.core.image.ByteSource;
import app.cutout.core.image.PhotoSource;
import org.teavm.jso.file.Blob;

/** A photo the page sent: its {@code Blob} and the name the user knows it by. */
final class BlobPhoto implements PhotoSource {
    final Blob blob;
    private final String name;

    BlobPhoto(Blob blob, String name) {
        this.blob = blob;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String mimeType() {
        return blob.getType();
    }

    @Override
    public ByteSource bytes() {
        return new BlobSource(blob);
    }
}

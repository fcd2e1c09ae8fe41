package app.cutout.web.worker;

import app.cutout.core.image.ByteSource;
import app.cutout.web.platform.Promises;
import org.teavm.jso.file.Blob;
import org.teavm.jso.typedarrays.Int8Array;

/** A {@link ByteSource} over a {@link Blob}: each read is one {@code slice().arrayBuffer()}, so only it is loaded. */
final class BlobSource implements ByteSource {
    private final Blob blob;

    BlobSource(Blob blob) {
        this.blob = blob;
    }

    @Override
    public long size() {
        return blob.getSize();
    }

    @Override
    public int read(long offset, byte[] dst, int length) {
        long size = size();
        if (offset >= size || length <= 0) {
            return 0;
        }
        int end = (int) Math.min(size, offset + length);
        byte[] bytes = new Int8Array(Promises.await(blob.slice((int) offset, end).arrayBuffer(), "Reading the file"))
                .copyToJavaArray();
        System.arraycopy(bytes, 0, dst, 0, bytes.length);
        return bytes.length;
    }
}

package app.cutout.core.image;

/**
 * Random access to the bytes of a file, so a header can be read without loading the whole file. In the browser it is
 * backed by {@code Blob.slice}; on the JVM and in tests by an array ({@link #of(byte[])}).
 */
public interface ByteSource {
    /** The file's length in bytes. */
    long size();

    /**
     * Copies up to {@code length} bytes from {@code offset} into {@code dst[0..length)}.
     *
     * @return how many were copied: {@code length}, or fewer only where the file ends (0 at or past its end)
     */
    int read(long offset, byte[] dst, int length);

    static ByteSource of(byte[] bytes) {
        return new ByteSource() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public int read(long offset, byte[] dst, int length) {
                if (offset >= bytes.length) {
                    return 0;
                }
                int n = (int) Math.min(length, bytes.length - offset);
                System.arraycopy(bytes, (int) offset, dst, 0, n);
                return n;
            }
        };
    }
}

package app.cutout.core.image;

/**
 * A photo file as the pipeline sees it before decoding: its name, length, declared type and random access to its
 * bytes (for the header). A browser {@code Blob} or a file on disk.
 */
public interface PhotoSource {
    /** The name the user knows the file by. */
    String name();

    /** The MIME type the host declared for it (the browser's {@code Blob.type}); may be empty. */
    String mimeType();

    /** The file's bytes; {@link ByteSource#size()} is its length. */
    ByteSource bytes();

    /** A photo over bytes the caller already holds (tests, a file read by other means). */
    static PhotoSource of(String name, String mimeType, ByteSource bytes) {
        return new PhotoSource() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String mimeType() {
                return mimeType;
            }

            @Override
            public ByteSource bytes() {
                return bytes;
            }
        };
    }
}

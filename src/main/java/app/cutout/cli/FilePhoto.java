package app.cutout.cli;

import app.cutout.core.image.ByteSource;
import app.cutout.core.image.PhotoSource;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** A photo file on disk; its bytes are read on demand, a window at a time, as the header check asks for them. */
final class FilePhoto implements PhotoSource {
    final Path path;

    FilePhoto(Path path) {
        this.path = path;
    }

    /** The file's own name, without its folder: what the messages call it. */
    @Override
    public String name() {
        return path.getFileName().toString();
    }

    /** From the extension, as a browser types a {@code File}; empty for anything but JPEG and PNG. */
    @Override
    public String mimeType() {
        String name = name().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jpg") || name.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        return name.endsWith(".png") ? "image/png" : "";
    }

    @Override
    public ByteSource bytes() {
        return new ByteSource() {
            @Override
            public long size() {
                try {
                    return Files.size(path);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read " + path, e);
                }
            }

            @Override
            public int read(long offset, byte[] dst, int length) {
                // Opened per read: a header check makes a handful of reads, and nothing is left open afterwards.
                try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "r")) {
                    if (offset >= file.length() || length <= 0) {
                        return 0;
                    }
                    file.seek(offset);
                    int n = 0;
                    while (n < length) {
                        int got = file.read(dst, n, length - n);
                        if (got < 0) {
                            break;
                        }
                        n += got;
                    }
                    return n;
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read " + path, e);
                }
            }
        };
    }
}

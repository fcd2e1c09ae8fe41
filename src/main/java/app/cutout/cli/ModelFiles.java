package app.cutout.cli;

import app.cutout.core.model.ModelSpec;
import app.cutout.core.text.Hex;
import app.cutout.core.pipeline.ModelSource;
import app.cutout.core.pipeline.Notice;
import app.cutout.core.pipeline.Problem;
import app.cutout.core.pipeline.ProgressListener;
import app.cutout.core.pipeline.Stage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The model files the build assembles ({@code models/}), read whole and handed over only when their SHA-256 matches
 * {@link ModelSpec#sha256}, like the browser's model store: {@link Problem#MODEL_MISSING} when a file is not there,
 * {@link Problem#MODEL_CORRUPT} (with the path as a fourth value) when its bytes are not the model's.
 */
final class ModelFiles implements ModelSource<byte[]> {
    private final Path dir;

    ModelFiles(Path dir) {
        this.dir = dir;
    }

    /** The file a model is read from: its name from {@link ModelSpec#path}, in this folder. */
    Path file(ModelSpec spec) {
        return dir.resolve(Path.of(spec.path).getFileName().toString());
    }

    @Override
    public byte[] load(ModelSpec spec, ProgressListener progress) {
        Path file = file(spec);
        if (!Files.isRegularFile(file)) {
            throw new Problem(Problem.MODEL_MISSING, spec.id, file);
        }
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This Java has no SHA-256", e);
        }
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > spec.bytes) {
                // Not the model, whatever it holds; hashing it all would only take time.
                throw new Problem(Problem.MODEL_CORRUPT, spec.id, "(" + size + " bytes, not " + spec.bytes + ")",
                        spec.sha256, file);
            }
            bytes = new byte[(int) size];
            try (InputStream in = Files.newInputStream(file)) {
                int n = 0;
                while (n < bytes.length) {
                    int got = in.read(bytes, n, Math.min(1 << 20, bytes.length - n));
                    if (got < 0) {
                        break;
                    }
                    sha256.update(bytes, n, got);
                    n += got;
                    progress.progress(Stage.LOADING_MODEL, n, size);
                }
                if (n < bytes.length) {
                    throw new IOException("the file shrank while it was read");
                }
            }
        } catch (IOException e) {
            throw new Problem(Problem.MODEL_FAILED, file + ": " + e.getMessage());
        }
        String actual = Hex.of(sha256.digest());
        if (!actual.equals(spec.sha256)) {
            throw new Problem(Problem.MODEL_CORRUPT, spec.id, actual, spec.sha256, file);
        }
        return bytes;
    }

    /** The file of the right size is there (its check comes with {@link #load}). */
    @Override
    public boolean stored(ModelSpec spec) {
        Path file = file(spec);
        try {
            return Files.isRegularFile(file) && Files.size(file) == spec.bytes;
        } catch (IOException e) {
            return false;
        }
    }

    /** Nothing is stored on this host: the files are already on disk. */
    @Override
    public Notice storageNotice() {
        return null;
    }
}

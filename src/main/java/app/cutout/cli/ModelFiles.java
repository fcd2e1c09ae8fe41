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
import java.util.ArrayList;
import java.util.List;

/**
 * The model files the build assembles ({@code models/}), or the parts a built site serves them in, read whole and
 * handed over only when their SHA-256 matches {@link ModelSpec#sha256}, like the browser's model store:
 * {@link Problem#MODEL_MISSING} when a file is not there, {@link Problem#MODEL_CORRUPT} (with the path as a fourth
 * value) when its bytes are not the model's.
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

    /**
     * Where a model is read from: its file, or else the parts a built site serves it in ({@link ModelSpec#partPath}),
     * so that {@code --models} may name a site's {@code models/} folder; empty when neither is there.
     */
    List<Path> files(ModelSpec spec) {
        Path whole = file(spec);
        if (Files.isRegularFile(whole)) {
            return List.of(whole);
        }
        List<Path> parts = new ArrayList<>();
        for (int i = 0; i < spec.parts(); i++) {
            Path part = dir.resolve(Path.of(spec.partPath(i)).getFileName().toString());
            if (!Files.isRegularFile(part)) {
                if (i == 0) {
                    return List.of();
                }
                throw new Problem(Problem.MODEL_MISSING, spec.id, part);
            }
            parts.add(part);
        }
        return parts;
    }

    @Override
    public byte[] load(ModelSpec spec, ProgressListener progress) {
        List<Path> files = files(spec);
        if (files.isEmpty()) {
            throw new Problem(Problem.MODEL_MISSING, spec.id, file(spec));
        }
        Object shown = files.size() == 1 ? files.get(0) : files.get(0) + "…" + files.get(files.size() - 1);
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This Java has no SHA-256", e);
        }
        byte[] bytes;
        try {
            long size = 0;
            for (Path file : files) {
                size += Files.size(file);
            }
            if (size > spec.bytes) {
                // Not the model, whatever it holds; hashing it all would only take time.
                throw new Problem(Problem.MODEL_CORRUPT, spec.id, "(" + size + " bytes, not " + spec.bytes + ")",
                        spec.sha256, shown);
            }
            bytes = new byte[(int) size];
            int n = 0;
            for (Path file : files) {
                int end = n + (int) Files.size(file);
                try (InputStream in = Files.newInputStream(file)) {
                    while (n < end) {
                        int got = in.read(bytes, n, Math.min(1 << 20, end - n));
                        if (got < 0) {
                            break;
                        }
                        sha256.update(bytes, n, got);
                        n += got;
                        progress.progress(Stage.LOADING_MODEL, n, size);
                    }
                }
                if (n < end) {
                    throw new IOException("the file shrank while it was read");
                }
            }
        } catch (IOException e) {
            throw new Problem(Problem.MODEL_FAILED, shown + ": " + e.getMessage());
        }
        String actual = Hex.of(sha256.digest());
        if (!actual.equals(spec.sha256)) {
            throw new Problem(Problem.MODEL_CORRUPT, spec.id, actual, spec.sha256, shown);
        }
        return bytes;
    }

    /** The file (or its parts) of the right size is there (its check comes with {@link #load}). */
    @Override
    public boolean stored(ModelSpec spec) {
        try {
            long size = 0;
            for (Path file : files(spec)) {
                size += Files.size(file);
            }
            return size == spec.bytes;
        } catch (IOException | Problem e) {
            return false;
        }
    }

    /** Nothing is stored on this host: the files are already on disk. */
    @Override
    public Notice storageNotice() {
        return null;
    }
}

package app.cutout.server;

import app.cutout.core.files.SiteParts;
import app.cutout.core.model.ModelSpec;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes the site's large files as the parts the page downloads ({@link SiteParts}), so that hosts with a per-file
 * limit can serve them: the models, into {@code models/}, and ONNX Runtime's WebGPU WebAssembly, into {@code ort/}.
 * It removes those files whole (earlier builds copied them) and parts that no file has any more; parts already
 * written from the same file are kept. Run by the build after compiling:
 *
 * <pre>java app.cutout.server.SplitFiles MODELS_DIR ORT_DIST_DIR SITE_DIR</pre>
 */
public final class SplitFiles {
    private SplitFiles() {
    }

    public static void main(String[] args) throws IOException {
        List<Path> written = write(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]));
        System.out.println("SplitFiles: " + written.size() + " part(s) written to " + args[2]);
    }

    /** Splits the models of {@code models} and ONNX Runtime's file of {@code ortDist} into {@code site}. */
    static List<Path> write(Path models, Path ortDist, Path site) throws IOException {
        List<Path> written = new ArrayList<>();
        Set<String> wanted = new LinkedHashSet<>();
        Set<String> done = new LinkedHashSet<>();
        for (ModelSpec spec : ModelSpec.values()) {
            if (done.add(spec.path)) { // fp32 is the fp16 file
                split(models.resolve(name(spec.path)), spec.bytes, spec.label + " model", spec.path, site, wanted,
                        written);
            }
        }
        split(ortDist.resolve(name(SiteParts.ORT_WEBGPU_WASM)), SiteParts.ORT_WEBGPU_WASM_BYTES,
                "onnxruntime-web 1.30.0's WebGPU WebAssembly (for another version, set "
                        + "SiteParts.ORT_WEBGPU_WASM_BYTES)", SiteParts.ORT_WEBGPU_WASM, site, wanted, written);
        for (String dir : List.of("models/", SiteParts.ORT_DIR)) {
            Path folder = site.resolve(dir);
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    String path = dir + file.getFileName();
                    String part = "(" + SiteParts.SUFFIX_PATTERN + ")?(\\.tmp)?";
                    boolean split = path.matches("models/.*\\.onnx" + part)
                            || path.matches(SiteParts.ORT_WEBGPU_WASM.replace(".", "\\.") + part);
                    if (split && !wanted.contains(path)) {
                        Files.delete(file);
                    }
                }
            }
        }
        return written;
    }

    private static void split(Path whole, long bytes, String what, String sitePath, Path site, Set<String> wanted,
            List<Path> written) throws IOException {
        if (!Files.isRegularFile(whole)) {
            throw new IOException(whole + " (the " + what + ") is missing: the build assembles it first");
        }
        if (Files.size(whole) != bytes) {
            throw new IOException(whole + " has " + Files.size(whole) + " bytes, not the " + bytes + " of the "
                    + what);
        }
        try (FileChannel in = FileChannel.open(whole, StandardOpenOption.READ)) {
            for (int i = 0; i < SiteParts.count(bytes); i++) {
                String partPath = SiteParts.path(sitePath, bytes, i);
                wanted.add(partPath);
                Path part = site.resolve(partPath);
                int length = SiteParts.length(bytes, i);
                if (Files.isRegularFile(part) && Files.size(part) == length
                        && Files.getLastModifiedTime(part).compareTo(Files.getLastModifiedTime(whole)) >= 0) {
                    continue;
                }
                Files.createDirectories(part.getParent());
                Path tmp = part.resolveSibling(part.getFileName() + ".tmp");
                try (FileChannel to = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
                    long at = SiteParts.offset(bytes, i);
                    long left = length;
                    while (left > 0) {
                        long n = in.transferTo(at, left, to);
                        if (n <= 0) {
                            throw new IOException(whole + " ended early");
                        }
                        at += n;
                        left -= n;
                    }
                }
                Files.move(tmp, part, StandardCopyOption.REPLACE_EXISTING);
                written.add(part);
            }
        }
    }

    private static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}

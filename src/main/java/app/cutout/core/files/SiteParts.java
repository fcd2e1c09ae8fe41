package app.cutout.core.files;

/**
 * The site's files that are larger than a static host may serve, and the parts they are served in instead. Hosts
 * limit a file's size (Cloudflare Pages: 25 MiB); the models are 44 and 88 MB and ONNX Runtime's WebGPU build of its
 * WebAssembly 27 MB. Each is served as {@code PATH.00}, {@code PATH.01}, ... of {@link #PART_BYTES} (the last
 * shorter), as {@code split -b 20M -d -a 2} names them, and joined where it is used.
 */
public final class SiteParts {
    /** The most bytes in one file of the site. */
    public static final int PART_BYTES = 20 << 20;

    /** What a part's name adds to the whole file's, as a regular expression (Java's and JavaScript's alike). */
    public static final String SUFFIX_PATTERN = "\\.\\d\\d";

    /** ONNX Runtime Web's folder in the site. */
    public static final String ORT_DIR = "ort/";
    /** ONNX Runtime Web's asyncify WebAssembly (its WebGPU bundle), in {@link #ORT_DIR}. */
    public static final String ORT_WEBGPU_WASM_NAME = "ort-wasm-simd-threaded.asyncify.wasm";
    /** The same, relative to the site. */
    public static final String ORT_WEBGPU_WASM = ORT_DIR + ORT_WEBGPU_WASM_NAME;
    /** Its size in onnxruntime-web 1.30.0 (package.json pins it; the build checks it). */
    public static final long ORT_WEBGPU_WASM_BYTES = 26_781_914L;

    private SiteParts() {
    }

    /** How many parts a file of {@code bytes} is served in. */
    public static int count(long bytes) {
        return (int) ((bytes + PART_BYTES - 1) / PART_BYTES);
    }

    /** The path of part {@code index} (0-based) of the file at {@code path}, which has {@code bytes}. */
    public static String path(String path, long bytes, int index) {
        check(bytes, index);
        return path + "." + (index < 10 ? "0" : "") + index;
    }

    /** Where part {@code index} starts in the whole file. */
    public static long offset(long bytes, int index) {
        check(bytes, index);
        return (long) index * PART_BYTES;
    }

    /** Bytes in part {@code index} of a file of {@code bytes}. */
    public static int length(long bytes, int index) {
        check(bytes, index);
        return (int) Math.min(PART_BYTES, bytes - (long) index * PART_BYTES);
    }

    private static void check(long bytes, int index) {
        if (index < 0 || index >= count(bytes) || index > 99) {
            throw new IndexOutOfBoundsException("Part " + index + " of a file of " + bytes + " bytes, which has "
                    + count(bytes));
        }
    }
}

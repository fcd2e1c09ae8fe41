package app.cutout.core.model;

/**
 * The segmentation models Cutout ships, with what a loader must check and what pre-processing expects.
 * Both are ISNet (DIS); see {@code models/README.md} for provenance and licences.
 */
public enum ModelSpec {
    QUINT8("quint8", "8-bit", "models/isnet-quint8.onnx", 44_342_436L,
            "7001d60734fdc112dd9c062635fb59cd401fb82a9d4213134bce4dbd655c803a", false),
    FP16("fp16", "fp16", Files.FP16, Files.FP16_BYTES, Files.FP16_SHA256, false),
    /**
     * The fp16 model's file, widened to 32-bit floats when it is loaded ({@code core.onnx.Fp16ToFp32}): for GPUs
     * without 16-bit shaders, where the 8-bit model would leave its integer convolutions to the CPU. No other
     * download: the same file, cache entry and checksum as {@link #FP16}.
     */
    FP32("fp32", "fp32", Files.FP16, Files.FP16_BYTES, Files.FP16_SHA256, true);

    /** The fp16 file, shared by {@link #FP16} and {@link #FP32}. */
    private static final class Files {
        static final String FP16 = "models/isnet-fp16.onnx";
        static final long FP16_BYTES = 88_188_479L;
        static final String FP16_SHA256 = "b6e8497ba978a6f5fbb647e419d2696cd80df5a23cb6a8ea532021911bd76acb";
    }

    /** Side of the square model input and output. */
    public static final int SIZE = 1024;
    /** Input normalisation: {@code (v - MEAN) / STD} for each 0..255 channel value. */
    public static final float MEAN = 128f;
    public static final float STD = 256f;
    public static final String INPUT_NAME = "input";
    /** The only output fetched: the final sigmoid mask. The other outputs cost time and are never read. */
    public static final String OUTPUT_NAME = "output";

    public final String id;
    public final String label;
    /** Site-relative path of the weights. */
    public final String path;
    public final long bytes;
    public final String sha256;
    /** The file holds fp16 weights that are widened to fp32 before the session starts. */
    public final boolean widenedFromFp16;

    ModelSpec(String id, String label, String path, long bytes, String sha256, boolean widenedFromFp16) {
        this.id = id;
        this.label = label;
        this.path = path;
        this.bytes = bytes;
        this.sha256 = sha256;
        this.widenedFromFp16 = widenedFromFp16;
    }

    public static ModelSpec byId(String id) {
        for (ModelSpec spec : values()) {
            if (spec.id.equals(id)) {
                return spec;
            }
        }
        throw new IllegalArgumentException("Unknown model \"" + id + "\"; expected quint8, fp16 or fp32");
    }
}

package app.cutout.core.model;

/**
 * The segmentation models Cutout ships, with what a loader must check and what pre-processing expects.
 * Both are ISNet (DIS); see {@code models/README.md} for provenance and licences.
 */
public enum ModelSpec {
    QUINT8("quint8", "8-bit", "models/isnet-quint8.onnx", 44_342_436L,
            "7001d60734fdc112dd9c062635fb59cd401fb82a9d4213134bce4dbd655c803a"),
    FP16("fp16", "fp16", "models/isnet-fp16.onnx", 88_188_479L,
            "b6e8497ba978a6f5fbb647e419d2696cd80df5a23cb6a8ea532021911bd76acb");

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

    ModelSpec(String id, String label, String path, long bytes, String sha256) {
        this.id = id;
        this.label = label;
        this.path = path;
        this.bytes = bytes;
        this.sha256 = sha256;
    }

    public static ModelSpec byId(String id) {
        for (ModelSpec spec : values()) {
            if (spec.id.equals(id)) {
                return spec;
            }
        }
        throw new IllegalArgumentException("Unknown model \"" + id + "\"; expected quint8 or fp16");
    }
}

package app.cutout.core.onnx;

/**
 * Rewrites an ONNX model whose tensors are float16 into the same model in float32, straight on the protobuf bytes, so
 * that a WebGPU device without {@code shader-f16} can run the fp16 download at full speed instead of on the CPU.
 *
 * <p>What changes, wherever it occurs (the main graph, subgraphs in attributes, training graphs and functions):
 * <ul>
 * <li>every {@code TensorProto} with {@code data_type} FLOAT16 (initialisers, sparse initialisers, tensor attributes
 * such as {@code Constant}'s {@code value}) gets {@code data_type} FLOAT, its {@code raw_data} widened from 2 to 4
 * little-endian bytes a value, or its {@code int32_data} (one half per int32) turned into packed {@code float_data};
 * <li>every {@code TypeProto} tensor or sparse tensor {@code elem_type} FLOAT16 (graph inputs, outputs,
 * {@code value_info}, nested in sequence, map and optional types) becomes FLOAT;
 * <li>the type-valued attributes of standard-domain ops: {@code Cast}'s {@code to}, and {@code dtype} of
 * {@code EyeLike}, {@code RandomNormal}, {@code RandomUniform}, {@code RandomNormalLike}, {@code RandomUniformLike},
 * {@code Bernoulli} and {@code SequenceEmpty}, from FLOAT16 to FLOAT ({@code CastLike} takes its type from an input,
 * so it follows by itself).
 * </ul>
 * Every other field, known or not, is copied through byte for byte, in its original order. The widening is exact
 * (see {@link Fp16}), so the float32 model computes what the float16 one would with float32 arithmetic.
 *
 * <p>Two passes over the input: the first computes every rewritten message's new length (nested lengths grow, and
 * with them their varint prefixes), the second writes the output into one array of exactly that size. Memory is the
 * input, the output and one int per nested message; no object tree is built.
 */
public final class Fp16ToFp32 {
    /** {@code TensorProto.DataType} values. */
    public static final int FLOAT = 1;
    public static final int FLOAT16 = 10;

    /** What a conversion changed (counted once, by the sizing pass). */
    public static final class Counts {
        /** Tensors retyped from FLOAT16 to FLOAT. */
        public int tensors;
        /** Values widened. */
        public long elements;
        /** {@code Cast.to} and {@code dtype} attributes changed. */
        public int typeAttributes;
        /** {@code elem_type}s changed in value types. */
        public int valueTypes;
        /** Size of the converted model. */
        public long outputBytes;

        /** True if there was any FLOAT16 to convert. */
        public boolean changed() {
            return tensors != 0 || typeAttributes != 0 || valueTypes != 0;
        }

        @Override
        public String toString() {
            return tensors + " tensors (" + elements + " values), " + typeAttributes + " type attributes, "
                    + valueTypes + " value types; " + outputBytes + " bytes";
        }
    }

    // Message kinds the walk descends into; every other message is copied as opaque bytes.
    private static final int NONE = -1;
    private static final int MODEL = 0;
    private static final int GRAPH = 1;
    private static final int TRAINING_INFO = 2;
    private static final int FUNCTION = 3;
    private static final int NODE = 4;
    private static final int ATTRIBUTE = 5;
    private static final int VALUE_INFO = 6;
    private static final int TYPE = 7;
    /** {@code TypeProto.Tensor} and {@code TypeProto.SparseTensor}: {@code elem_type} = 1. */
    private static final int TYPE_TENSOR = 8;
    /** {@code TypeProto.Sequence} and {@code TypeProto.Optional}: {@code elem_type} = 1 is a TypeProto. */
    private static final int TYPE_ELEMENT = 9;
    /** {@code TypeProto.Map}: {@code value_type} = 2. */
    private static final int TYPE_MAP = 10;
    private static final int TENSOR = 11;
    private static final int SPARSE_TENSOR = 12;

    /** Which attribute of a node names a data type: none, {@code to}, {@code dtype}. */
    private static final int NO_TYPE_ATTRIBUTE = 0;
    private static final int TO = 1;
    private static final int DTYPE = 2;

    // TensorProto fields.
    private static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_FLOAT_DATA = 4;
    private static final int TENSOR_INT32_DATA = 5;
    private static final int TENSOR_RAW_DATA = 9;
    private static final int TENSOR_DATA_LOCATION = 14;

    /** The largest array a JVM reliably allocates. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final byte[] in;
    private final Counts counts;
    private boolean writing;
    private byte[] out;
    private int o;
    /** New body lengths of the walked messages, in the order the walk enters them. */
    private int[] sizes = new int[1024];
    private int slots;
    private int slot;

    private Fp16ToFp32(byte[] in, Counts counts) {
        this.in = in;
        this.counts = counts;
    }

    /**
     * The model with every FLOAT16 made FLOAT, or {@code model} itself (not a copy) if it has no FLOAT16 anywhere.
     * {@code model} is not modified.
     *
     * @throws IllegalArgumentException if the bytes are not a well-formed protobuf, a float16 tensor keeps its data
     *         in an external file, or the result would exceed the largest array
     */
    public static byte[] convert(byte[] model) {
        return convert(model, new Counts());
    }

    /** As {@link #convert(byte[])}, adding what changed to {@code counts}. */
    public static byte[] convert(byte[] model, Counts counts) {
        Fp16ToFp32 c = new Fp16ToFp32(model, new Counts());
        long size = c.walk(MODEL, 0, model.length, NO_TYPE_ATTRIBUTE);
        c.counts.outputBytes = size;
        add(counts, c.counts);
        if (!c.counts.changed()) {
            return model;
        }
        c.out = new byte[(int) size];
        c.writing = true;
        long written = c.walk(MODEL, 0, model.length, NO_TYPE_ATTRIBUTE);
        if (written != size || c.o != size || c.slot != c.slots) {
            throw new IllegalStateException("Wrote " + c.o + " of " + size + " bytes");
        }
        return c.out;
    }

    /** What {@link #convert(byte[])} would change, without converting (one pass that reads no tensor data). */
    public static Counts count(byte[] model) {
        Fp16ToFp32 c = new Fp16ToFp32(model, new Counts());
        c.counts.outputBytes = c.walk(MODEL, 0, model.length, NO_TYPE_ATTRIBUTE);
        return c.counts;
    }

    private static void add(Counts to, Counts from) {
        to.tensors += from.tensors;
        to.elements += from.elements;
        to.typeAttributes += from.typeAttributes;
        to.valueTypes += from.valueTypes;
        to.outputBytes += from.outputBytes;
    }

    /** The message kind of length-delimited field {@code field} in a {@code kind} message, or {@link #NONE}. */
    private static int childKind(int kind, int field) {
        switch (kind) {
            case MODEL:
                return field == 7 ? GRAPH : field == 20 ? TRAINING_INFO : field == 25 ? FUNCTION : NONE;
            case TRAINING_INFO:
                return field == 1 || field == 2 ? GRAPH : NONE;
            case GRAPH:
                switch (field) {
                    case 1:
                        return NODE;
                    case 5:
                        return TENSOR;
                    case 15:
                        return SPARSE_TENSOR;
                    case 11:
                    case 12:
                    case 13:
                        return VALUE_INFO;
                    default:
                        return NONE;
                }
            case FUNCTION:
                return field == 7 ? NODE : field == 11 ? ATTRIBUTE : field == 12 ? VALUE_INFO : NONE;
            case NODE:
                return field == 5 ? ATTRIBUTE : NONE;
            case ATTRIBUTE:
                switch (field) {
                    case 5:
                    case 10:
                        return TENSOR;
                    case 6:
                    case 11:
                        return GRAPH;
                    case 22:
                    case 23:
                        return SPARSE_TENSOR;
                    case 14:
                    case 15:
                        return TYPE;
                    default:
                        return NONE;
                }
            case VALUE_INFO:
                return field == 2 ? TYPE : NONE;
            case TYPE:
                switch (field) {
                    case 1:
                    case 8:
                        return TYPE_TENSOR;
                    case 4:
                    case 9:
                        return TYPE_ELEMENT;
                    case 5:
                        return TYPE_MAP;
                    default:
                        return NONE;
                }
            case TYPE_ELEMENT:
                return field == 1 ? TYPE : NONE;
            case TYPE_MAP:
                return field == 2 ? TYPE : NONE;
            case SPARSE_TENSOR:
                return field == 1 || field == 2 ? TENSOR : NONE;
            default:
                return NONE;
        }
    }

    /**
     * Walks one message whose fields are {@code in[start .. end - 1]}: returns its new length, and when writing also
     * writes it at {@code out[o ..]}. {@code typeAttribute} says, for an attribute, which name of its node's
     * attributes holds a data type.
     */
    private long walk(int kind, int start, int end, int typeAttribute) {
        ProtoReader r = new ProtoReader(in, start, end);
        boolean fp16Tensor = false;
        long halvesInInt32 = 0;
        boolean int32Written = false;
        boolean retypeI = false;
        int childTypeAttribute = NO_TYPE_ATTRIBUTE;
        if (kind == TENSOR) {
            long dataType = 0;
            boolean external = false;
            ProtoReader s = r.copy();
            while (s.next()) {
                int f = s.field();
                if (f == TENSOR_DATA_TYPE && s.wireType() == ProtoReader.VARINT) {
                    dataType = s.varint();
                } else if (f == TENSOR_DATA_LOCATION && s.wireType() == ProtoReader.VARINT) {
                    external = s.varint() == 1;
                } else if (f == TENSOR_INT32_DATA) {
                    halvesInInt32 += s.wireType() == ProtoReader.LEN ? countVarints(s.valueStart(), s.valueEnd()) : 1;
                }
            }
            fp16Tensor = dataType == FLOAT16;
            if (fp16Tensor) {
                if (external) {
                    throw new IllegalArgumentException("A float16 tensor keeps its data in an external file");
                }
                if (!writing) {
                    counts.tensors++;
                    counts.elements += halvesInInt32;
                }
            }
        } else if (kind == NODE) {
            childTypeAttribute = typeAttributeOf(r.copy());
        } else if (kind == ATTRIBUTE && typeAttribute != NO_TYPE_ATTRIBUTE) {
            ProtoReader s = r.copy();
            while (s.next()) {
                if (s.field() == 1 && s.wireType() == ProtoReader.LEN) {
                    retypeI = s.valueEquals(typeAttribute == TO ? "to" : "dtype");
                }
            }
        }

        long total = 0;
        while (r.next()) {
            int f = r.field();
            int wt = r.wireType();
            int tagLength = r.tagEnd() - r.fieldStart();
            if (fp16Tensor && f == TENSOR_INT32_DATA && (wt == ProtoReader.LEN || wt == ProtoReader.VARINT)) {
                // All int32_data entries become one packed float_data field, where the first one was.
                if (!int32Written && halvesInInt32 > 0) {
                    total += int32ToFloatData(start, end, halvesInInt32);
                }
                int32Written = true;
                continue;
            }
            if (wt == ProtoReader.LEN) {
                int child = childKind(kind, f);
                if (child != NONE) {
                    long size;
                    if (writing) {
                        size = sizes[slot++];
                        copy(r.fieldStart(), tagLength);
                        writeVarint(size);
                        int before = o;
                        walk(child, r.valueStart(), r.valueEnd(), childTypeAttribute);
                        if (o - before != size) {
                            throw new IllegalStateException("Message at byte " + r.valueStart() + " came out "
                                    + (o - before) + " bytes, sized " + size);
                        }
                    } else {
                        int mine = newSlot();
                        size = walk(child, r.valueStart(), r.valueEnd(), childTypeAttribute);
                        if (size > MAX_ARRAY) {
                            throw new IllegalArgumentException("The converted model would be over 2 GiB");
                        }
                        sizes[mine] = (int) size;
                    }
                    total += tagLength + varintSize(size) + size;
                    continue;
                }
                if (fp16Tensor && f == TENSOR_RAW_DATA) {
                    int length = r.length();
                    if ((length & 1) != 0) {
                        throw new IllegalArgumentException("float16 raw_data of odd length " + length
                                + " at byte " + r.valueStart());
                    }
                    long size = 2L * length;
                    if (writing) {
                        copy(r.fieldStart(), tagLength);
                        writeVarint(size);
                        Fp16.widenLittleEndian(in, r.valueStart(), out, o, length >> 1);
                        o += (int) size;
                    } else {
                        counts.elements += length >> 1;
                    }
                    total += tagLength + varintSize(size) + size;
                    continue;
                }
            } else if (wt == ProtoReader.VARINT && r.varint() == FLOAT16
                    && (kind == TENSOR && f == TENSOR_DATA_TYPE
                            || kind == TYPE_TENSOR && f == 1
                            || kind == ATTRIBUTE && f == 3 && retypeI)) {
                if (!writing) {
                    if (kind == TYPE_TENSOR) {
                        counts.valueTypes++;
                    } else if (kind == ATTRIBUTE) {
                        counts.typeAttributes++;
                    }
                }
                if (writing) {
                    copy(r.fieldStart(), tagLength);
                    writeVarint(FLOAT);
                }
                total += tagLength + varintSize(FLOAT);
                continue;
            }
            int length = r.valueEnd() - r.fieldStart();
            if (writing) {
                copy(r.fieldStart(), length);
            }
            total += length;
        }
        return total;
    }

    /**
     * Writes (when writing) one packed {@code float_data} field with the {@code count} halves of every
     * {@code int32_data} entry of the tensor at {@code in[start .. end - 1]}; returns its encoded length.
     */
    private long int32ToFloatData(int start, int end, long count) {
        long size = 4 * count;
        if (size > MAX_ARRAY) {
            throw new IllegalArgumentException("The converted model would be over 2 GiB");
        }
        int tag = TENSOR_FLOAT_DATA << 3 | ProtoReader.LEN;
        if (writing) {
            writeVarint(tag);
            writeVarint(size);
            int[] t = Fp16.table();
            ProtoReader r = new ProtoReader(in, start, end);
            while (r.next()) {
                if (r.field() != TENSOR_INT32_DATA) {
                    continue;
                }
                if (r.wireType() == ProtoReader.VARINT) {
                    writeFloatBits(t[(int) r.varint() & 0xFFFF]);
                } else if (r.wireType() == ProtoReader.LEN) {
                    int p = r.valueStart();
                    int e = r.valueEnd();
                    while (p < e) {
                        long v = 0;
                        int shift = 0;
                        int b;
                        do {
                            b = in[p++];
                            if (shift < 64) {
                                v |= (long) (b & 0x7F) << shift;
                            }
                            shift += 7;
                        } while (b < 0 && p < e);
                        writeFloatBits(t[(int) v & 0xFFFF]);
                    }
                }
            }
        }
        return varintSize(tag) + varintSize(size) + size;
    }

    /** Number of varints in a packed field: bytes without the continuation bit. */
    private int countVarints(int start, int end) {
        int n = 0;
        for (int i = start; i < end; i++) {
            if (in[i] >= 0) {
                n++;
            }
        }
        if (end > start && in[end - 1] < 0) {
            throw new IllegalArgumentException("Truncated packed varint ending at byte " + end);
        }
        return n;
    }

    /** {@link #TO} for a standard {@code Cast}, {@link #DTYPE} for ops with a {@code dtype} data type attribute. */
    private static int typeAttributeOf(ProtoReader node) {
        boolean standard = true;
        int which = NO_TYPE_ATTRIBUTE;
        while (node.next()) {
            if (node.wireType() != ProtoReader.LEN) {
                continue;
            }
            if (node.field() == 7) {
                standard = node.length() == 0 || node.valueEquals("ai.onnx");
            } else if (node.field() == 4) {
                if (node.valueEquals("Cast")) {
                    which = TO;
                } else if (node.valueEquals("EyeLike") || node.valueEquals("RandomNormal")
                        || node.valueEquals("RandomUniform") || node.valueEquals("RandomNormalLike")
                        || node.valueEquals("RandomUniformLike") || node.valueEquals("Bernoulli")
                        || node.valueEquals("SequenceEmpty")) {
                    which = DTYPE;
                } else {
                    which = NO_TYPE_ATTRIBUTE;
                }
            }
        }
        return standard ? which : NO_TYPE_ATTRIBUTE;
    }

    private int newSlot() {
        if (slots == sizes.length) {
            int[] bigger = new int[sizes.length * 2];
            System.arraycopy(sizes, 0, bigger, 0, slots);
            sizes = bigger;
        }
        return slots++;
    }

    private void copy(int from, int length) {
        System.arraycopy(in, from, out, o, length);
        o += length;
    }

    private void writeVarint(long v) {
        while ((v & ~0x7FL) != 0) {
            out[o++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out[o++] = (byte) v;
    }

    private void writeFloatBits(int f) {
        out[o] = (byte) f;
        out[o + 1] = (byte) (f >> 8);
        out[o + 2] = (byte) (f >> 16);
        out[o + 3] = (byte) (f >> 24);
        o += 4;
    }

    static int varintSize(long v) {
        int n = 1;
        while ((v & ~0x7FL) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }
}

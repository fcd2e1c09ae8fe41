package app.cutout.core.onnx;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ONNX Runtime session settings asked for in the page's {@code ?ort=} query, for measuring them in the browser
 * ({@code bench/run.sh --variant}); a development aid, never set by the page itself.
 *
 * <p>The text is a comma-separated list of {@code key:value} items:
 * <ul>
 * <li>{@code graph:disabled|basic|extended|layout|all}: the graph optimisation level (the app uses {@code all});
 * <li>{@code pattern:on|off}: {@code enableMemPattern} (ONNX Runtime Web's default, and the app's, is off);
 * <li>{@code arena:on|off}: {@code enableCpuMemArena} (likewise off by default);
 * <li>{@code free:NAME=N}: a free dimension override (repeatable);
 * <li>{@code config:KEY=VALUE}: a session configuration entry such as
 * {@code session.intra_op.allow_spinning=0} (repeatable);
 * <li>{@code input:square|aspect}: the model's input for a photo, {@code square} (1024², what the model was trained
 * on, and the app's) or {@code aspect} (the photo's aspect ratio with the long side 1024, {@code ModelSpec.inputWidth},
 * through the model rewritten by {@link AnySize}): measured, not adopted (bench/README.md, "Input at the photo's
 * aspect ratio").
 * </ul>
 * Anything else makes the whole text invalid, so that a typo in a measurement cannot pass for the default.
 */
public final class SessionTuning {
    /** No setting changed: what the app uses. */
    public static final SessionTuning NONE = new SessionTuning(null, null, null, Map.of(), Map.of(), null);

    private static final String[] GRAPH_LEVELS = {"disabled", "basic", "extended", "layout", "all"};
    /** Generous bound: a query string, not a file. */
    private static final int MAX_LENGTH = 1000;

    /** Graph optimisation level, or null for the app's. */
    public final String graph;
    /** {@code enableMemPattern}, or null for the app's. */
    public final Boolean memPattern;
    /** {@code enableCpuMemArena}, or null for the app's. */
    public final Boolean cpuArena;
    /** Free dimension overrides, in the order given. */
    public final Map<String, Integer> freeDimensions;
    /** Session configuration entries, in the order given. */
    public final Map<String, String> config;
    /** True to read each photo at its own aspect ratio, false for the square input; null for the app's (square). */
    public final Boolean aspectInput;

    private SessionTuning(String graph, Boolean memPattern, Boolean cpuArena, Map<String, Integer> freeDimensions,
            Map<String, String> config, Boolean aspectInput) {
        this.aspectInput = aspectInput;
        this.graph = graph;
        this.memPattern = memPattern;
        this.cpuArena = cpuArena;
        this.freeDimensions = Collections.unmodifiableMap(freeDimensions);
        this.config = Collections.unmodifiableMap(config);
    }

    /** The settings in {@code text}; {@link #NONE} for null or empty text; null if any item is not understood. */
    public static SessionTuning parse(String text) {
        if (text == null || text.isEmpty()) {
            return NONE;
        }
        if (text.length() > MAX_LENGTH) {
            return null;
        }
        String graph = null;
        Boolean pattern = null;
        Boolean arena = null;
        Map<String, Integer> free = new LinkedHashMap<>();
        Map<String, String> config = new LinkedHashMap<>();
        Boolean aspect = null;
        for (String item : text.split(",", -1)) {
            int colon = item.indexOf(':');
            if (colon <= 0) {
                return null;
            }
            String key = item.substring(0, colon);
            String value = item.substring(colon + 1);
            switch (key) {
                case "graph":
                    graph = oneOf(value, GRAPH_LEVELS);
                    if (graph == null) {
                        return null;
                    }
                    break;
                case "pattern":
                    pattern = onOff(value);
                    if (pattern == null) {
                        return null;
                    }
                    break;
                case "arena":
                    arena = onOff(value);
                    if (arena == null) {
                        return null;
                    }
                    break;
                case "free": {
                    String[] nv = pair(value);
                    if (nv == null || !digits(nv[1])) {
                        return null;
                    }
                    free.put(nv[0], Integer.parseInt(nv[1]));
                    break;
                }
                case "config": {
                    String[] kv = pair(value);
                    if (kv == null) {
                        return null;
                    }
                    config.put(kv[0], kv[1]);
                    break;
                }
                case "input":
                    if (!value.equals("square") && !value.equals("aspect")) {
                        return null;
                    }
                    aspect = value.equals("aspect");
                    break;
                default:
                    return null;
            }
        }
        return new SessionTuning(graph, pattern, arena, free, config, aspect);
    }

    /** True if nothing is changed. */
    public boolean isDefault() {
        return graph == null && memPattern == null && cpuArena == null && freeDimensions.isEmpty()
                && config.isEmpty() && aspectInput == null;
    }

    /** The settings as {@link #parse} reads them, in a fixed order: equal settings give equal text. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (graph != null) {
            item(sb, "graph:" + graph);
        }
        if (memPattern != null) {
            item(sb, "pattern:" + (memPattern ? "on" : "off"));
        }
        if (cpuArena != null) {
            item(sb, "arena:" + (cpuArena ? "on" : "off"));
        }
        for (Map.Entry<String, Integer> e : freeDimensions.entrySet()) {
            item(sb, "free:" + e.getKey() + "=" + e.getValue());
        }
        for (Map.Entry<String, String> e : config.entrySet()) {
            item(sb, "config:" + e.getKey() + "=" + e.getValue());
        }
        if (aspectInput != null) {
            item(sb, "input:" + (aspectInput ? "aspect" : "square"));
        }
        return sb.toString();
    }

    private static void item(StringBuilder sb, String item) {
        if (sb.length() > 0) {
            sb.append(',');
        }
        sb.append(item);
    }

    /** {@code NAME=VALUE} with a name of letters, digits, {@code _ . -} and a value of the same, else null. */
    private static String[] pair(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0 || eq == text.length() - 1) {
            return null;
        }
        String name = text.substring(0, eq);
        String value = text.substring(eq + 1);
        return plain(name) && plain(value) ? new String[] {name, value} : null;
    }

    private static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.'
                    || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** One to nine decimal digits (fits an int). */
    private static boolean digits(String s) {
        if (s.isEmpty() || s.length() > 9) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static Boolean onOff(String value) {
        return "on".equals(value) ? Boolean.TRUE : "off".equals(value) ? Boolean.FALSE : null;
    }

    private static String oneOf(String value, String... allowed) {
        for (String a : allowed) {
            if (a.equals(value)) {
                return a;
            }
        }
        return null;
    }
}

package app.cutout.web.app;

import app.cutout.core.image.Refusal;
import java.util.HashMap;
import java.util.Map;

/**
 * The UI's words in English and Spanish. Static page text carries {@code data-i18n="key"} and is filled from here;
 * Java code asks {@link #t}. Placeholders are {@code {0}}, {@code {1}}, ...
 */
final class Texts {
    static final String[] LANGUAGES = {"en", "es"};
    private static final Map<String, String> EN = new HashMap<>();
    private static final Map<String, String> ES = new HashMap<>();
    private static Map<String, String> current = EN;
    private static String language = "en";

    static {
        put("tagline", "Remove the background from photos. They never leave this tab: no upload, no account.",
                "Quita el fondo de tus fotos. Nunca salen de esta pestaña: sin subidas, sin cuenta.");
        put("drop.title", "Drop photos here, paste them, or choose files",
                "Suelta fotos aquí, pégalas o elige archivos");
        put("drop.hint", "JPEG, PNG, WebP, AVIF, GIF or BMP, any size, several at once. Processing runs on this device.",
                "JPEG, PNG, WebP, AVIF, GIF o BMP, de cualquier tamaño, varias a la vez. Todo se procesa en este "
                + "dispositivo.");
        put("file.label", "Photos", "Fotos");
        put("settings", "Settings", "Ajustes");
        put("runOn", "Run on", "Ejecutar en");
        put("backend.auto", "Automatic (fastest here)", "Automático (lo más rápido aquí)");
        put("backend.webgpu", "GPU (WebGPU)", "GPU (WebGPU)");
        put("backend.wasm", "CPU (WebAssembly)", "CPU (WebAssembly)");
        put("model", "Model", "Modelo");
        put("model.auto", "Automatic", "Automático");
        put("model.quint8", "Fast: 8-bit, 44 MB download", "Rápido: 8 bits, descarga de 44 MB");
        put("model.fp16", "Precise: fp16, 88 MB download (GPU)", "Preciso: fp16, descarga de 88 MB (GPU)");
        put("edges", "Edge refinement", "Refinado de bordes");
        put("language", "Language", "Idioma");
        put("backend.initial", "The model is downloaded once, then kept on this device.",
                "El modelo se descarga una vez y se guarda en este dispositivo.");
        put("using.webgpu", "Using WebGPU{0} with the {1}.", "Usando WebGPU{0} con el {1}.");
        put("using.cpu", "Using the CPU ({0} threads) with the {1}.", "Usando la CPU ({0} hilos) con el {1}.");
        put("using.cpu1", "Using the CPU (1 thread) with the {1}.", "Usando la CPU (1 hilo) con el {1}.");
        put("model.name.quint8", "8-bit model", "modelo de 8 bits");
        put("model.name.fp16", "fp16 model", "modelo fp16");
        put("status.starting", "Starting Cutout…", "Iniciando Cutout…");
        put("status.ready", "Ready. Choose, drop or paste photos.", "Listo. Elige, suelta o pega fotos.");
        put("status.queued", "Waiting", "En espera");
        put("status.loading-model", "Loading the {0}… {1} of {2} MB", "Cargando el {0}… {1} de {2} MB");
        put("status.loading-model.short", "Loading the {0}…", "Cargando el {0}…");
        put("status.preparing", "Preparing the photo…", "Preparando la foto…");
        put("status.removing", "Removing the background…", "Quitando el fondo…");
        put("status.finishing", "Finishing…", "Terminando…");
        put("status.saving", "Done; writing the PNG…", "Hecho; escribiendo el PNG…");
        put("status.done", "Done", "Hecho");
        put("status.error", "Failed", "Error");
        put("status.cancelled", "Cancelled", "Cancelada");
        put("status.batch", "{0} of {1} done", "{0} de {1} hechas");
        put("status.failedKept", "That did not work; your other photos and edits are kept.",
                "No ha funcionado; tus otras fotos y ediciones se conservan.");
        put("noIsolation", "This page is served without cross-origin isolation, so the CPU runs one thread. "
                + "The README lists the two headers that enable threads.",
                "Esta página se sirve sin aislamiento de origen cruzado, así que la CPU usa un solo hilo. "
                + "El README indica las dos cabeceras que activan los hilos.");
        put("queue", "Photos", "Fotos");
        put("cancel", "Cancel", "Cancelar");
        put("remove", "Remove", "Quitar");
        put("cancel.label", "Cancel {0}", "Cancelar {0}");
        put("remove.label", "Remove {0} from the list", "Quitar {0} de la lista");
        put("open.label", "Edit {0}", "Editar {0}");
        put("downloadAll", "Download all (ZIP)", "Descargar todo (ZIP)");
        put("editor", "Editor", "Editor");
        put("tool", "Tool", "Herramienta");
        put("tool.pan", "Move", "Mover");
        put("tool.erase", "Erase", "Borrar");
        put("tool.restore", "Restore", "Restaurar");
        put("brushSize", "Brush size", "Tamaño del pincel");
        put("softness", "Softness", "Suavidad");
        put("undo", "Undo", "Deshacer");
        put("redo", "Redo", "Rehacer");
        put("zoomIn", "Zoom in", "Acercar");
        put("zoomOut", "Zoom out", "Alejar");
        put("zoomFit", "Fit", "Ajustar");
        put("zoom100", "100%", "100 %");
        put("compare", "Compare with original", "Comparar con el original");
        put("background", "Background", "Fondo");
        put("bg.transparent", "Transparent", "Transparente");
        put("bg.color", "Colour", "Color");
        put("bg.image", "Image", "Imagen");
        put("bg.blur", "Blurred original", "Original desenfocado");
        put("bg.colorPick", "Background colour", "Color de fondo");
        put("bg.imagePick", "Background image", "Imagen de fondo");
        put("bg.blurAmount", "Blur", "Desenfoque");
        put("crop", "Crop to subject", "Recortar al sujeto");
        put("crop.margin", "Margin", "Margen");
        put("crop.aspect", "Aspect ratio", "Proporción");
        put("crop.free", "Free", "Libre");
        put("export", "Export", "Exportar");
        put("format", "Format", "Formato");
        put("format.png", "PNG (transparent)", "PNG (transparente)");
        put("format.webp", "WebP", "WebP");
        put("format.jpeg", "JPEG (with background)", "JPEG (con fondo)");
        put("format.mask", "Mask only (PNG)", "Solo máscara (PNG)");
        put("download", "Download", "Descargar");
        put("exporting", "Preparing the download…", "Preparando la descarga…");
        put("zipping", "Packing {0} files…", "Empaquetando {0} archivos…");
        put("took", "Took {0} for {1} MP (background removal {2}). Nothing was uploaded.",
                "Tardó {0} para {1} MP (eliminación del fondo {2}). No se subió nada.");
        put("licences", "Licences", "Licencias");
        put("footer", "Runs on your device with ONNX Runtime Web and the ISNet (DIS) model, Apache-2.0.",
                "Funciona en tu dispositivo con ONNX Runtime Web y el modelo ISNet (DIS), Apache-2.0.");
        // Why a file was refused: the English comes from Refusal, the text the worker sends too.
        refusal(Refusal.EMPTY, "«{0}» está vacío. Elige un archivo de foto (JPEG, PNG, WebP, AVIF, GIF o BMP).");
        refusal(Refusal.UNREADABLE, "«{0}» ({1}) no es una imagen que este navegador pueda abrir. Elige una foto "
                + "JPEG, PNG, WebP, AVIF, GIF o BMP, o conviértela antes a uno de esos formatos.");
        refusal(Refusal.SVG, "«{0}» es un dibujo SVG, que Cutout no puede abrir: quita el fondo de fotos. Guarda el "
                + "dibujo como PNG y añade ese archivo.");
        refusal(Refusal.INCOMPLETE, "«{0}» está incompleto: el archivo termina antes que la imagen, así que "
                + "seguramente no se descargó o copió entero. Descárgalo o cópialo de nuevo y añade el archivo nuevo.");
        refusal(Refusal.DAMAGED, "«{0}» ({1}) está dañado: empieza como una imagen, pero este navegador no puede "
                + "abrirlo. Ábrelo en un editor de imágenes, guárdalo de nuevo y añade el archivo nuevo.");
        refusal(Refusal.TOO_LARGE, "«{0}» mide {2} × {3} píxeles ({4} megapíxeles); Cutout trabaja a resolución "
                + "completa hasta {7} megapíxeles. Elige «Procesar a {5} × {6}» para quitar el fondo de una copia más "
                + "pequeña, o reduce la foto antes en un editor de imágenes.");
        refusal(Refusal.TOO_LONG, "«{0}» mide {2} × {3} píxeles; Cutout trabaja con imágenes de hasta {8} píxeles "
                + "por lado. Elige «Procesar a {5} × {6}» para quitar el fondo de una copia más pequeña, o recorta o "
                + "reduce la imagen antes en un editor de imágenes.");
        refusal(Refusal.TOO_LARGE_TO_OPEN, "«{0}» mide {2} × {3} píxeles ({4} megapíxeles), más de lo que este "
                + "navegador puede abrir ({9} megapíxeles como máximo). Redúcela a {7} megapíxeles o menos en un "
                + "editor de imágenes y añádela de nuevo.");
        refusal(Refusal.TOO_LARGE_FOR_BROWSER, "«{0}» mide {2} × {3} píxeles, más de lo que este navegador puede "
                + "dibujar. Elige «Procesar a {5} × {6}» para quitar el fondo de una copia más pequeña, o usa un "
                + "navegador en un ordenador.");
        put("error.stopped", "Processing stopped while working on “{0}” ({1}). Your other photos are kept; choose "
                + "Try again to process this one.", "El procesamiento se detuvo con «{0}» ({1}). Tus otras fotos se "
                + "conservan; elige Reintentar para procesar esta.");
        put("retry", "Try again", "Reintentar");
        put("retry.label", "Try {0} again", "Reintentar {0}");
        put("retry.smaller", "Process at {0} × {1}", "Procesar a {0} × {1}");
        put("retry.smaller.label", "Process a {0} × {1} copy of {2}", "Procesar una copia de {2} a {0} × {1}");
        put("status.done.smaller", "Done at {0} × {1}, reduced from {2} × {3}",
                "Hecha a {0} × {1}, reducida desde {2} × {3}");
        put("status.done.animated", "Done, from the first frame of the animation",
                "Hecha, con el primer fotograma de la animación");
        put("error.worker", "The processing worker failed to start ({0}). Use a current Chrome, Edge, Firefox or "
                + "Safari.", "El proceso de trabajo no pudo iniciarse ({0}). Usa un Chrome, Edge, Firefox o Safari "
                + "actual.");
    }

    private Texts() {
    }

    private static void refusal(String code, String es) {
        put("error." + code, Refusal.english(code), es);
    }

    private static void put(String key, String en, String es) {
        EN.put(key, en);
        ES.put(key, es);
    }

    /** Picks the first supported language of the browser's list; English otherwise. */
    static String choose(String[] browserLanguages) {
        if (browserLanguages != null) {
            for (String tag : browserLanguages) {
                String primary = tag == null ? "" : tag.toLowerCase();
                int dash = primary.indexOf('-');
                if (dash > 0) {
                    primary = primary.substring(0, dash);
                }
                for (String supported : LANGUAGES) {
                    if (supported.equals(primary)) {
                        return supported;
                    }
                }
            }
        }
        return "en";
    }

    static void use(String lang) {
        language = "es".equals(lang) ? "es" : "en";
        current = "es".equals(language) ? ES : EN;
    }

    static String language() {
        return language;
    }

    static String t(String key, Object... args) {
        String text = current.get(key);
        if (text == null) {
            text = EN.get(key);
        }
        if (text == null) {
            return key;
        }
        for (int i = 0; i < args.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return text;
    }

    static boolean has(String key) {
        return EN.containsKey(key);
    }
}

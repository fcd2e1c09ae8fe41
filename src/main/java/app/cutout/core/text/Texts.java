package app.cutout.core.text;

import app.cutout.core.image.Refusal;
import app.cutout.core.pipeline.Notice;
import app.cutout.core.pipeline.Problem;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The UI's words in English and Spanish. Static page text carries {@code data-i18n="key"} and is filled from here;
 * Java code asks {@link #t}. Placeholders are {@code {0}}, {@code {1}}, ...
 */
public final class Texts {
    public static final String[] LANGUAGES = {"en", "es"};
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
        put("model.fp32", "Precise 32-bit: same 88 MB (GPU)", "Preciso 32 bits: los mismos 88 MB (GPU)");
        put("edges", "Edge refinement", "Refinado de bordes");
        put("language", "Language", "Idioma");
        put("backend.initial", "The model is downloaded once, then kept on this device.",
                "El modelo se descarga una vez y se guarda en este dispositivo.");
        put("using.webgpu", "Using WebGPU{0} with the {1}.", "Usando WebGPU{0} con el {1}.");
        put("using.cpu", "Using the CPU ({0} threads) with the {1}.", "Usando la CPU ({0} hilos) con el {1}.");
        put("using.cpu1", "Using the CPU (1 thread) with the {1}.", "Usando la CPU (1 hilo) con el {1}.");
        put("model.name.quint8", "8-bit model", "modelo de 8 bits");
        put("model.name.fp16", "fp16 model", "modelo fp16");
        put("model.name.fp32", "fp16 model widened to 32 bits", "modelo fp16 ampliado a 32 bits");
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
        // Batch status: what the status line adds to "{0} of {1} done" (core.text.QueueCount), and the alert for
        // a batch of several files of which none could be used.
        put("batch.refused.one", "1 file could not be opened", "1 archivo no se pudo abrir");
        put("batch.refused.many", "{0} files could not be opened", "{0} archivos no se pudieron abrir");
        put("batch.failed.one", "1 photo failed", "1 foto falló");
        put("batch.failed.many", "{0} photos failed", "{0} fotos fallaron");
        put("batch.cancelled.one", "1 cancelled", "1 cancelada");
        put("batch.cancelled.many", "{0} cancelled", "{0} canceladas");
        put("batch.noneDone", "None of these {0} files could be used; the list says why for each.",
                "No se pudo usar ninguno de estos {0} archivos; la lista dice por qué en cada uno.");
        put("noIsolation", "This page is served without cross-origin isolation, so the CPU runs one thread and each "
                + "photo takes longer. The host can enable threads with the two headers the README lists.",
                "Esta página se sirve sin aislamiento de origen cruzado, así que la CPU usa un solo hilo y cada foto "
                + "tarda más. Quien aloja la página puede activar los hilos con las dos cabeceras que indica el "
                + "README.");
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
        put("tool.add", "Add", "Añadir");
        // Keep and Remove
        put("tool.keep", "Keep", "Conservar");
        put("tool.remove", "Remove", "Eliminar");
        put("error." + Problem.STROKES_FAILED, "Your stroke could not be applied: {0}.",
                "No se pudo aplicar tu trazo: {0}.");
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
        // Why a file was refused (core.image.Refusal codes).
        put("error." + Refusal.EMPTY, "“{0}” is empty. Choose a photo file (JPEG, PNG, WebP, AVIF, GIF or BMP).",
                "«{0}» está vacío. Elige un archivo de foto (JPEG, PNG, WebP, AVIF, GIF o BMP).");
        put("error." + Refusal.UNREADABLE, "“{0}” ({1}) is not an image this browser can decode. Choose a JPEG, PNG, WebP, AVIF, GIF or "
                        + "BMP photo, or convert it to one of those first.",
                "«{0}» ({1}) no es una imagen que este navegador pueda abrir. Elige una foto "
                + "JPEG, PNG, WebP, AVIF, GIF o BMP, o conviértela antes a uno de esos formatos.");
        put("error." + Refusal.SVG, "“{0}” is an SVG drawing, which Cutout cannot open: it removes backgrounds from photos. Save "
                        + "the drawing as a PNG and add that instead.",
                "«{0}» es un dibujo SVG, que Cutout no puede abrir: quita el fondo de fotos. Guarda el "
                + "dibujo como PNG y añade ese archivo.");
        put("error." + Refusal.HEIC, "“{0}” is a HEIC photo (the format iPhones save in), which this browser cannot decode. "
                        + "Convert it to JPEG first (on a Mac: open it in Preview, File → Export, JPEG; on an iPhone: "
                        + "Settings → Camera → Formats → Most Compatible for new photos), then add the JPEG.",
                "«{0}» es una foto HEIC (el formato en que guardan los iPhone), que este navegador no "
                + "puede decodificar. Conviértela antes a JPEG (en un Mac: ábrela en Vista Previa, Archivo → Exportar, "
                + "JPEG; en un iPhone: Ajustes → Cámara → Formatos → Más compatible para las fotos nuevas) y añade el "
                + "JPEG.");
        put("error." + Refusal.INCOMPLETE, "“{0}” is incomplete: the file ends before the image does, so it was probably not fully "
                        + "downloaded or copied. Download or copy it again, then add the new file.",
                "«{0}» está incompleto: el archivo termina antes que la imagen, así que "
                + "seguramente no se descargó o copió entero. Descárgalo o cópialo de nuevo y añade el archivo nuevo.");
        put("error." + Refusal.DAMAGED, "“{0}” ({1}) is damaged: it starts like an image, but this browser cannot decode it. Open it "
                        + "in an image editor and save it again, then add the new file.",
                "«{0}» ({1}) está dañado: empieza como una imagen, pero este navegador no puede "
                + "abrirlo. Ábrelo en un editor de imágenes, guárdalo de nuevo y añade el archivo nuevo.");
        put("error." + Refusal.TOO_LARGE, "“{0}” is {2} × {3} pixels ({4} megapixels); Cutout works at full resolution up to {7} "
                        + "megapixels. Choose “Process at {5} × {6}” to remove the background from a smaller copy, or "
                        + "reduce the photo in an image editor first.",
                "«{0}» mide {2} × {3} píxeles ({4} megapíxeles); Cutout trabaja a resolución "
                + "completa hasta {7} megapíxeles. Elige «Procesar a {5} × {6}» para quitar el fondo de una copia más "
                + "pequeña, o reduce la foto antes en un editor de imágenes.");
        put("error." + Refusal.TOO_LONG, "“{0}” is {2} × {3} pixels; Cutout works on images up to {8} pixels on a side. Choose "
                        + "“Process at {5} × {6}” to remove the background from a smaller copy, or crop or reduce "
                        + "the image in an image editor first.",
                "«{0}» mide {2} × {3} píxeles; Cutout trabaja con imágenes de hasta {8} píxeles "
                + "por lado. Elige «Procesar a {5} × {6}» para quitar el fondo de una copia más pequeña, o recorta o "
                + "reduce la imagen antes en un editor de imágenes.");
        put("error." + Refusal.TOO_LARGE_TO_OPEN, "“{0}” is {2} × {3} pixels ({4} megapixels), more than this browser can open ({9} megapixels "
                        + "at most). Reduce it to {7} megapixels or less in an image editor, then add it again.",
                "«{0}» mide {2} × {3} píxeles ({4} megapíxeles), más de lo que este "
                + "navegador puede abrir ({9} megapíxeles como máximo). Redúcela a {7} megapíxeles o menos en un "
                + "editor de imágenes y añádela de nuevo.");
        put("error." + Refusal.TOO_LARGE_FOR_BROWSER, "“{0}” is {2} × {3} pixels, more than this browser can draw. Choose “Process at {5} × {6}” "
                        + "to remove the background from a smaller copy, or use a browser on a computer.",
                "«{0}» mide {2} × {3} píxeles, más de lo que este navegador puede "
                + "dibujar. Elige «Procesar a {5} × {6}» para quitar el fondo de una copia más pequeña, o usa un "
                + "navegador en un ordenador.");
        // Phones and touch: the offer made smaller because the device has little memory ({10} GB, limit {7} MP).
        put("error." + Refusal.TOO_LARGE_FOR_MEMORY, "“{0}” is {2} × {3} pixels ({4} megapixels). This device reports "
                        + "{10} GB of memory, so here Cutout works at full resolution up to {7} megapixels, to keep the "
                        + "tab from running out of memory. Choose “Process at {5} × {6}” to remove the background "
                        + "from a smaller copy, or use a device with more memory.",
                "«{0}» mide {2} × {3} píxeles ({4} megapíxeles). Este dispositivo indica {10} GB de memoria, así que "
                + "aquí Cutout trabaja a resolución completa hasta {7} megapíxeles, para que la pestaña no se quede "
                + "sin memoria. Elige «Procesar a {5} × {6}» para quitar el fondo de una copia más pequeña, o usa un "
                + "dispositivo con más memoria.");
        put("error.stopped", "Processing stopped while working on “{0}” ({1}). Your other photos are kept; choose "
                + "Try again to process this one.", "El procesamiento se detuvo con «{0}» ({1}). Tus otras fotos se "
                + "conservan; elige Reintentar para procesar esta.");
        put("error." + Problem.ENGINE_STALLED, "The engine did not start for “{0}” in {1} tries. Your other photos are "
                + "kept; check your connection, close other tabs or apps, then choose Try again.",
                "El motor no arrancó para «{0}» en {1} intentos. Tus otras fotos se conservan; comprueba tu conexión, "
                + "cierra otras pestañas o aplicaciones y elige Reintentar.");
        // Failures that are not the file's (core.pipeline.Problem codes); {0} of the model-* ones is the model.
        put("error." + Problem.MODEL_UNREACHABLE, "The {0} could not be downloaded ({1}). Check the connection and "
                + "try again.", "No se pudo descargar el {0} ({1}). Comprueba la conexión e inténtalo de nuevo.");
        put("error." + Problem.MODEL_HTTP, "The {0} could not be downloaded: the server answered {1} for {2}. Is the "
                + "site built with its models?", "No se pudo descargar el {0}: el servidor respondió {1} para {2}. "
                + "¿Se construyó el sitio con sus modelos?");
        put("error." + Problem.MODEL_INTERRUPTED, "The download of the {0} was interrupted after {1} of {2} MB ({3}). "
                + "Check the connection, then choose Try again.", "La descarga del {0} se interrumpió tras {1} de {2} "
                + "MB ({3}). Comprueba la conexión y elige Reintentar.");
        put("error." + Problem.MODEL_SHORT, "The {0} download stopped at {1} of {2} bytes. Check the connection and "
                + "try again.", "La descarga del {0} se detuvo en {1} de {2} bytes. Comprueba la conexión e "
                + "inténtalo de nuevo.");
        put("error." + Problem.MODEL_TOO_LARGE, "The {0} download is larger than the expected {1} bytes; the file on "
                + "the server is not the known model.", "La descarga del {0} es mayor que los {1} bytes esperados; el "
                + "archivo del servidor no es el modelo conocido.");
        put("error." + Problem.MODEL_CORRUPT, "The downloaded {0} is corrupt (sha256 {1}, expected {2}). Choose Try "
                + "again to download it again.", "El {0} descargado está dañado (sha256 {1}, se esperaba {2}). Elige "
                + "Reintentar para descargarlo de nuevo.");
        put("error." + Problem.MODEL_MISSING, "The {0} is not at {1}. Build Cutout first (./cutout build) or give "
                + "its folder with --models.", "El {0} no está en {1}. Construye Cutout antes (./cutout build) o "
                + "indica su carpeta con --models.");
        put("error." + Problem.MODEL_FAILED, "The model could not be loaded: {0}.",
                "No se pudo cargar el modelo: {0}.");
        // Only the CPU backend fails this way: a GPU failure falls back to the CPU first.
        put("error." + Problem.INFERENCE_FAILED, "Removing the background failed: {0}. Choose Try again; if it "
                + "fails again, closing other tabs or apps leaves it more memory.", "No se pudo quitar el fondo: {0}. "
                + "Elige Reintentar; si vuelve a fallar, cerrar otras pestañas o aplicaciones le deja más memoria.");
        put("error." + Problem.EXPORT_FAILED, "The export failed: {0}.", "La exportación falló: {0}.");
        put("error." + Problem.ZIP_FAILED, "Packing the ZIP failed: {0}.", "No se pudo empaquetar el ZIP: {0}.");
        put("error." + Problem.PROCESSING_FAILED, "Processing failed: {0}.", "El procesamiento falló: {0}.");
        put("error.unknown", "Something went wrong ({0}).", "Algo ha fallado ({0}).");
        // What the user should know about the session (core.pipeline.Notice codes).
        put("notice." + Notice.WEBGPU_UNAVAILABLE, "WebGPU is not available in this browser, so the CPU is used.",
                "WebGPU no está disponible en este navegador, así que se usa la CPU.");
        put("notice." + Notice.NO_SHADER_F16, "This GPU cannot run 16-bit shaders (shader-f16), so the fp16 model runs "
                + "widened to 32 bits.", "Esta GPU no puede ejecutar shaders de 16 bits (shader-f16), así que el "
                + "modelo fp16 se ejecuta ampliado a 32 bits.");
        put("notice." + Notice.WEBGPU_FAILED, "WebGPU failed ({0}), so the CPU is used instead.",
                "WebGPU falló ({0}), así que se usa la CPU.");
        put("notice." + Notice.GPU_LOST, "The GPU stopped working while removing a background (device lost: {0}), so "
                + "that photo was finished on the CPU, and the next ones will be too. Reload the page to use the GPU "
                + "again.", "La GPU dejó de funcionar mientras quitaba un fondo (dispositivo perdido: {0}), así que esa "
                + "foto se terminó en la CPU, y las siguientes también. Recarga la página para volver a usar la GPU.");
        put("notice." + Notice.NO_SHARED_MEMORY, "This browser has no SharedArrayBuffer, so the CPU runs one thread "
                + "and each photo takes longer. The page is already cross-origin isolated, so the host can do no more; "
                + "a browser with SharedArrayBuffer, such as Firefox or Chromium, uses every core.",
                "Este navegador no tiene SharedArrayBuffer, así que la CPU usa un solo hilo y cada foto tarda más. La "
                + "página ya tiene aislamiento de origen cruzado, así que quien la aloja no puede hacer más; un "
                + "navegador con SharedArrayBuffer, como Firefox o Chromium, usa todos los núcleos.");
        put("notice." + Notice.STORAGE_NONE, "This browser lets Cutout store nothing here (private browsing, storage "
                + "turned off, or a page not served over https), so the model is downloaded again on each visit and "
                + "Cutout cannot work offline.", "Este navegador no deja a Cutout guardar nada aquí (navegación "
                + "privada, almacenamiento desactivado o una página no servida por https), así que el modelo se "
                + "descarga en cada visita y Cutout no puede funcionar sin conexión.");
        // Before the page's own code runs (boot.js and app.js read these from boot-texts.js, written from here at build
        // time).
        put("boot.failed", "Cutout could not start in this browser ({0}). It needs WebAssembly garbage collection: a "
                + "current Chrome, Edge, Firefox or Safari.", "Cutout no pudo iniciarse en este navegador ({0}). "
                + "Necesita la recolección de basura de WebAssembly: un Chrome, Edge, Firefox o Safari actual.");
        put("boot.type", "Cutout could not start: this server sends {0} as “{1}”, and browsers run JavaScript "
                + "modules only when they come as text/javascript. Whoever runs this server can fix that: see "
                + "“Self-hosting” in Cutout's README.", "Cutout no pudo iniciarse: este servidor envía {0} como «{1}», y los "
                + "navegadores solo ejecutan módulos de JavaScript que llegan como text/javascript. Quien administre "
                + "este servidor puede corregirlo; véase «Self-hosting» en el README de Cutout.");
        put("boot.csp", "Cutout could not start: this server's Content-Security-Policy blocks what it runs. Its "
                + "script-src must allow 'wasm-unsafe-eval' (WebAssembly) and 'unsafe-eval' (the glue TeaVM builds "
                + "between Java and JavaScript). Whoever runs this server can fix that: see “Self-hosting” in "
                + "Cutout's README.", "Cutout no pudo iniciarse: la Content-Security-Policy de este servidor bloquea "
                + "lo que ejecuta. Su script-src debe permitir 'wasm-unsafe-eval' (WebAssembly) y 'unsafe-eval' (el "
                + "código de enlace que TeaVM genera entre Java y JavaScript). Quien administre este servidor puede "
                + "corregirlo; véase «Self-hosting» en el README de Cutout.");
        put("boot.file", "Cutout cannot run from a file: browsers start its code only when a web server sends it. "
                + "Run ./cutout serve in its folder, or put the folder on any static file server, and open the "
                + "address.", "Cutout no puede funcionar desde un archivo: los navegadores solo inician su código "
                + "cuando lo envía un servidor web. Ejecuta ./cutout serve en su carpeta, o pon la carpeta en "
                + "cualquier servidor de archivos estáticos, y abre la dirección.");
        put("boot.notfile", "Cutout could not start: this server answers {0} with a “{1}” document instead of the "
                + "file, so the site was not copied whole (or the server sends a page for every file it lacks). "
                + "Whoever runs this server can copy it again: see “Self-hosting” in Cutout's README.",
                "Cutout no pudo iniciarse: este servidor responde a {0} con un documento «{1}» en lugar del archivo, "
                + "así que el sitio no se copió entero (o el servidor envía una página por cada archivo que le "
                + "falta). Quien administre este servidor puede copiarlo de nuevo; véase «Self-hosting» en el README "
                + "de Cutout.");
        put("boot.missing", "Cutout could not start: this server answers {0} with HTTP {1}, so the site was not "
                + "copied whole. Whoever runs this server can copy it again: see “Self-hosting” in Cutout's README.",
                "Cutout no pudo iniciarse: este servidor responde a {0} con HTTP {1}, así que el sitio no se copió "
                + "entero. Quien administre este servidor puede copiarlo de nuevo; véase «Self-hosting» en el "
                + "README de Cutout.");
        put("boot.slow", "Cutout is taking long to start: its code has not finished loading after {0} seconds. The "
                + "connection may be slow or stalled. Cutout goes on waiting; reloading the page may help.",
                "Cutout tarda en iniciarse: su código no ha terminado de cargarse tras {0} segundos. La conexión puede "
                + "ser lenta o estar detenida. Cutout sigue esperando; recargar la página puede ayudar.");
        // The embedded server's console.
        put("server.running", "Cutout is running at {0} ({1}).", "Cutout funciona en {0} ({1}).");
        put("server.isolated", "cross-origin isolated: multi-threaded", "aislamiento de origen cruzado: varios hilos");
        put("server.notIsolated", "no COOP/COEP: single-threaded", "sin COOP/COEP: un solo hilo");
        put("server.noSite", "There is no index.html in {0}: build the site first (./cutout build).",
                "No hay index.html en {0}: construye antes el sitio (./cutout build).");
        put("server.stop", "Press Ctrl+C to stop.", "Pulsa Ctrl+C para detenerlo.");
        put("retry", "Try again", "Reintentar");
        put("retry.label", "Try {0} again", "Reintentar {0}");
        put("retry.smaller", "Process at {0} × {1}", "Procesar a {0} × {1}");
        put("retry.smaller.label", "Process a {0} × {1} copy of {2}", "Procesar una copia de {2} a {0} × {1}");
        put("status.done.smaller", "Done at {0} × {1}, reduced from {2} × {3}",
                "Hecha a {0} × {1}, reducida desde {2} × {3}");
        put("status.done.animated", "Done, from the first frame of the animation",
                "Hecha, con el primer fotograma de la animación");
        // Check this one: doubtful results in the queue (core.edit.Confidence reason codes) and the queue's order.
        put("check", "Check this one: {0}.", "Revisa esta: {0}.");
        put("check.separator", "; ", "; ");
        put("check.unsure-edges", "the model was unsure along the edges",
                "el modelo dudó a lo largo de los bordes");
        put("check.pieces", "the cutout is in separate pieces", "el recorte está en piezas separadas");
        put("check.tiny", "the subject it found is very small", "el sujeto que encontró es muy pequeño");
        put("check.border", "the subject it found fills the edges of the photo",
                "el sujeto que encontró llena los bordes de la foto");
        put("check.unsure", "the model was unsure about parts of it", "el modelo dudó en partes");
        put("queue.sort", "Order", "Orden");
        put("queue.sort.added", "As added", "Según se añadieron");
        put("queue.sort.doubt", "Most doubtful first", "Las más dudosas primero");
        // The offline and storage panel (#offline-panel: OfflineStatus, StoragePanel).
        put("offline.panel", "Offline use and storage", "Uso sin conexión y almacenamiento");
        put("net.online", "Online", "En línea");
        put("net.offline", "Offline", "Sin conexión");
        put("offline.checking", "Checking offline use…", "Comprobando el uso sin conexión…");
        put("offline.update", "Update to the new version", "Actualizar a la versión nueva");
        put("offline.unsupported", "This browser does not allow offline use here (private browsing, or service "
                + "workers turned off). Cutout works while online.", "Este navegador no permite el uso sin conexión "
                + "aquí (navegación privada, o service workers desactivados). Cutout funciona mientras haya conexión.");
        put("offline.insecure", "Offline use needs the page to be served over https:// (or from this computer). "
                + "Cutout works while online.", "El uso sin conexión necesita que la página se sirva por https:// (o "
                + "desde este ordenador). Cutout funciona mientras haya conexión.");
        put("offline.registerFailed", "Cutout cannot be kept on this device for offline use ({0}). It still works "
                + "while online.", "Cutout no puede guardarse en este dispositivo para usarlo sin conexión ({0}). "
                + "Sigue funcionando mientras haya conexión.");
        put("offline.saveFailed", "Cutout could not be saved on this device for offline use. It still works while "
                + "online.", "Cutout no se pudo guardar en este dispositivo para usarlo sin conexión. Sigue "
                + "funcionando mientras haya conexión.");
        put("offline.shellQuota", "This device's storage for the site is full, so Cutout cannot be kept for offline "
                + "use. It still works online.", "El almacenamiento de este dispositivo para el sitio está lleno, así "
                + "que Cutout no puede guardarse para usarlo sin conexión. Sigue funcionando con conexión.");
        put("offline.shellFailed", "Cutout could not be kept for offline use ({0}). It still works online.",
                "Cutout no se pudo guardar para usarlo sin conexión ({0}). Sigue funcionando con conexión.");
        put("offline.ready", "Ready to work offline: the app and the {0} are on this device.",
                "Listo para funcionar sin conexión: la aplicación y el {0} están en este dispositivo.");
        put("offline.working", "Working offline: the app and the {0} are on this device.",
                "Funcionando sin conexión: la aplicación y el {0} están en este dispositivo.");
        put("offline.theModel", "the model", "el modelo");
        put("offline.theNamed", "the {0}", "el {0}");
        put("offline.needsModel", "The app is saved on this device. Process one photo while online to keep {0} "
                + "too; then Cutout works offline.", "La aplicación está guardada en este dispositivo. Procesa una "
                + "foto con conexión para guardar también {0}; después Cutout funciona sin conexión.");
        put("offline.needsModelOffline", "Offline, and {0} is not on this device yet: photos can be processed again "
                + "once you are online.", "Sin conexión, y {0} aún no está en este dispositivo: podrás procesar "
                + "fotos de nuevo cuando vuelvas a tener conexión.");
        put("offline.saving", "Saving Cutout on this device for offline use…",
                "Guardando Cutout en este dispositivo para usarlo sin conexión…");
        put("offline.notSaved", "Offline. Cutout was not fully saved on this device, so it may not work until you "
                + "are online again.", "Sin conexión. Cutout no llegó a guardarse entero en este dispositivo, así que "
                + "puede que no funcione hasta que vuelvas a tener conexión.");
        put("storage.title", "Storage on this device", "Almacenamiento en este dispositivo");
        put("storage.checking", "Checking storage…", "Comprobando el almacenamiento…");
        put("storage.nothing", "Nothing is stored on this device.", "No hay nada guardado en este dispositivo.");
        put("storage.private", "This browser does not let Cutout store anything here (private browsing, or storage "
                + "turned off for this site).", "Este navegador no deja que Cutout guarde nada aquí (navegación "
                + "privada, o almacenamiento desactivado para este sitio).");
        put("storage.insecure", "Browsers let a page store files only when it is served over https:// (or from this "
                + "computer).", "Los navegadores solo dejan que una página guarde archivos cuando se sirve por "
                + "https:// (o desde este ordenador).");
        put("storage.onlineOnly", "Cutout still works while online, but it downloads the model on every visit and "
                + "cannot work offline.", "Cutout sigue funcionando con conexión, pero descarga el modelo en cada "
                + "visita y no puede funcionar sin conexión.");
        put("storage.unreadable", "The stored models could not be read ({0}).",
                "No se pudieron leer los modelos guardados ({0}).");
        put("storage.none", "No model is stored on this device yet.",
                "Todavía no hay ningún modelo guardado en este dispositivo.");
        put("storage.models", "Models stored on this device: {0}.", "Modelos guardados en este dispositivo: {0}.");
        put("storage.model", "{0} ({1})", "{0} ({1})");
        put("storage.total", "In all, Cutout uses {0} here (app and models).",
                "En total, Cutout usa {0} aquí (aplicación y modelos).");
        put("storage.totalOf", "In all, Cutout uses {0} here (app and models) of the {1} this browser allows it.",
                "En total, Cutout usa {0} aquí (aplicación y modelos) de los {1} que este navegador le permite.");
        put("storage.lowSpace", "Storage for this site is nearly full ({0} left): a model may not be kept for next "
                + "time, and then Cutout cannot work offline. It still works while online. Deleting models, or other "
                + "sites' data, frees space.", "El almacenamiento de este sitio está casi lleno (quedan {0}): puede "
                + "que un modelo no se guarde para la próxima vez, y entonces Cutout no puede funcionar sin conexión. "
                + "Sigue funcionando con conexión. Borrar modelos, o datos de otros sitios, libera espacio.");
        put("storage.summary", ": {0} of models", ": {0} en modelos");
        put("storage.delete", "Delete downloaded models…", "Borrar los modelos descargados…");
        put("storage.deleteShort", "Delete the downloaded models?", "¿Borrar los modelos descargados?");
        put("storage.deleteConfirm", "Delete the downloaded models ({0}) from this device? Cutout will need a "
                + "connection to download them again before it can process photos.", "¿Borrar de este dispositivo "
                + "los modelos descargados ({0})? Cutout necesitará conexión para descargarlos de nuevo antes de "
                + "poder procesar fotos.");
        put("storage.deleteButton", "Delete", "Borrar");
        put("storage.deleted", "The models were deleted from this device.",
                "Los modelos se borraron de este dispositivo.");
        put("storage.deleteFailed", "The models could not be deleted ({0}).", "No se pudieron borrar los modelos ({0}).");
        put("storage.notStoredQuota", "There is not enough storage space on this device to keep the {0} ({1} MB), so "
                + "it will be downloaded again next time and Cutout cannot work offline. Free some space (see Storage "
                + "on this device) and process a photo again.", "No hay espacio suficiente en este dispositivo para "
                + "guardar el {0} ({1} MB), así que se descargará de nuevo la próxima vez y Cutout no puede funcionar "
                + "sin conexión. Libera espacio (consulta Almacenamiento en este dispositivo) y procesa una foto de "
                + "nuevo.");
        put("storage.notStored", "The model could not be stored for next time ({0}), so it will be downloaded again "
                + "next time and Cutout cannot work offline.", "No se pudo guardar el modelo para la próxima vez ({0}), "
                + "así que se descargará de nuevo la próxima vez y Cutout no puede funcionar sin conexión.");
        // Names the page gives that screen readers read out (data-i18n-label).
        put("toolbar", "Editor tools", "Herramientas del editor");
        put("preview", "Cutout preview", "Vista previa del recorte");
        put("swatch.white", "White", "Blanco");
        put("swatch.black", "Black", "Negro");
        put("swatch.grey", "Light grey", "Gris claro");
        put("swatch.blue", "Blue", "Azul");
        put("swatch.green", "Green", "Verde");
        put("swatch.yellow", "Yellow", "Amarillo");
        // Shadows, outline, presets
        put("fx.shadow", "Shadow", "Sombra");
        put("fx.shadow.none", "None", "Ninguna");
        put("fx.shadow.drop", "Drop shadow", "Sombra proyectada");
        put("fx.shadow.contact", "Contact shadow", "Sombra de contacto");
        put("fx.angle", "Angle", "Ángulo");
        put("fx.distance", "Distance", "Distancia");
        put("fx.blur", "Blur", "Desenfoque");
        put("fx.opacity", "Opacity", "Opacidad");
        put("fx.shadowColor", "Shadow colour", "Color de la sombra");
        put("fx.strength", "Strength", "Intensidad");
        put("fx.outline", "Outline", "Contorno");
        put("fx.outlineWidth", "Width (px)", "Grosor (px)");
        put("fx.outlineColor", "Outline colour", "Color del contorno");
        put("fx.sticker", "Sticker", "Pegatina");
        put("fx.size", "Size", "Tamaño");
        put("fx.preset", "Size preset", "Tamaño predefinido");
        put("fx.preset.original", "Original size", "Tamaño original");
        put("fx.preset.marketplace", "Marketplace square (2000 × 2000, white)",
                "Cuadrado para tiendas (2000 × 2000, blanco)");
        put("fx.preset.social-square", "Square post (1080 × 1080)", "Publicación cuadrada (1080 × 1080)");
        put("fx.preset.social-portrait", "Portrait post (1080 × 1350)", "Publicación vertical (1080 × 1350)");
        put("fx.preset.banner", "Banner (1920 × 1080)", "Cabecera web (1920 × 1080)");
        put("fx.preset.custom", "Custom size", "Tamaño personalizado");
        put("fx.width", "Width (px)", "Ancho (px)");
        put("fx.height", "Height (px)", "Alto (px)");
        put("fx.fill", "Subject fills", "El sujeto ocupa");
        put("fx.align", "Position", "Posición");
        put("fx.align.center", "Centred", "Centrado");
        put("fx.align.bottom", "On the bottom", "Abajo");
        put("fx.margin", "Bottom margin", "Margen inferior");
        put("fx.preview", "The download will look like this:", "La descarga quedará así:");
        put("fx.upscaleLimited", "This photo is too small for {0} % of {1} × {2} px: the subject is enlarged at "
                + "most {3}× (more would look blurred), so it fills {4} %. A larger photo would fill it.",
                "Esta foto es demasiado pequeña para ocupar el {0} % de {1} × {2} px: el sujeto se amplía como "
                + "máximo {3}× (más se vería borroso), así que ocupa el {4} %. Una foto más grande lo llenaría.");
        put("fx.shrunk", "The shadow and outline need room around the subject, so it fills {0} % instead of {1} %.",
                "La sombra y el contorno necesitan espacio alrededor del sujeto, así que ocupa el {0} % en lugar "
                + "del {1} %.");
        put("fx.applyAll", "Apply to all photos", "Aplicar a todas las fotos");
        put("fx.applied", "Background, shadow, outline, size and format now apply to all {0} photos.",
                "El fondo, la sombra, el contorno, el tamaño y el formato se aplican ahora a las {0} fotos.");
        put("error.helper", "A part of Cutout did not start in {0} tries, so this was not done. Your photos are "
                + "kept; close other tabs or apps, then try again.", "Una parte de Cutout no arrancó en {0} intentos, "
                + "así que esto no se hizo. Tus fotos se conservan; cierra otras pestañas o aplicaciones y vuelve a "
                + "intentarlo.");
        put("error.strokes.hung", "The Keep and Remove strokes stopped answering for {0} s, so they were stopped. Your "
                + "photos and edits are kept; draw the stroke again.", "Los trazos de Conservar y Quitar dejaron de "
                + "responder durante {0} s, así que se detuvieron. Tus fotos y ediciones se conservan; vuelve a "
                + "dibujar el trazo.");
        put("error.export.hung", "Exporting stopped answering for {0} s, so it was stopped. Your photos and edits are "
                + "kept; try again.", "La exportación dejó de responder durante {0} s, así que se detuvo. Tus fotos y "
                + "ediciones se conservan; vuelve a intentarlo.");
        put("error.worker", "The processing worker failed to start ({0}). Use a current Chrome, Edge, Firefox or "
                + "Safari.", "El proceso de trabajo no pudo iniciarse ({0}). Usa un Chrome, Edge, Firefox o Safari "
                + "actual.");
    }

    /**
     * The command line's sentences ({@code app.cutout.cli}, {@code ./cutout remove}), in both languages like every
     * other. They are added by {@link #load} rather than by the static initialiser so that the page's WebAssembly,
     * which never calls it, does not carry them: TeaVM compiles only what its main classes reach.
     */
    public static final class Cli {
        private static boolean loaded;

        private Cli() {
        }

        /** Adds the command line's sentences to {@link Texts}; once, however often it is called. */
        public static synchronized void load() {
            if (loaded) {
                return;
            }
            loaded = true;
            put("cli.help", String.join("\n",
                    "Usage: ./cutout remove [options] IMAGE_OR_FOLDER...",
                    "",
                    "Removes the background from JPEG and PNG photos on this computer, with the same",
                    "pipeline and model as Cutout in the browser, and writes each cutout as a transparent",
                    "PNG named NAME-cutout.png next to its photo. Folders are searched, subfolders included,",
                    "for .jpg, .jpeg and .png files (leaving out *-cutout.png), in name order. Photos are",
                    "processed one after another; one line per photo tells how it went.",
                    "",
                    "Options:",
                    "  --out DIR            write the cutouts into DIR (made if missing); photos from a",
                    "                       subfolder of a folder given keep that subfolder",
                    "  --refine 0..100      edge refinement in percent (default 100); 0 is the model's",
                    "                       mask, stretched",
                    "  --threads N          CPU threads for the model (default: one per core, up to 8)",
                    "  --model quint8|fp16  the 8-bit model (default, faster on a CPU) or the fp16 one",
                    "  --models DIR         the folder with the model files (default: models/ of this build)",
                    "  --preset NAME        lay the cutout out as the editor's size preset: original,",
                    "                       marketplace (2000 x 2000, white), social-square (1080 x 1080),",
                    "                       social-portrait (1080 x 1350) or banner (1920 x 1080); the file is",
                    "                       NAME.PRESET-cutout.png",
                    "  --shadow drop|contact  the editor's drop shadow or contact shadow under the subject",
                    "  --outline PX         an outline of PX pixels (white) around the subject",
                    "  --timings            also print each photo's stage timings (milliseconds)",
                    "  -h, --help           this text",
                    "",
                    "Exit status: 0 when every photo was written; 1 when some could not be (the others",
                    "are written); 2 for a mistake in the command; 3 when the model cannot be loaded."),
                    String.join("\n",
                    "Uso: ./cutout remove [opciones] IMAGEN_O_CARPETA...",
                    "",
                    "Quita el fondo de fotos JPEG y PNG en este ordenador, con el mismo proceso y el mismo",
                    "modelo que Cutout en el navegador, y guarda cada recorte como un PNG transparente",
                    "llamado NOMBRE-cutout.png junto a su foto. En las carpetas, subcarpetas incluidas, se",
                    "buscan archivos .jpg, .jpeg y .png (salvo los *-cutout.png), por orden de nombre. Las",
                    "fotos se procesan una tras otra; una línea por foto dice cómo fue.",
                    "",
                    "Opciones:",
                    "  --out CARPETA        guarda los recortes en CARPETA (se crea si falta); las fotos de",
                    "                       una subcarpeta de una carpeta indicada conservan esa subcarpeta",
                    "  --refine 0..100      refinado de bordes en porcentaje (100 por defecto); 0 es la",
                    "                       máscara del modelo, estirada",
                    "  --threads N          hilos de CPU para el modelo (por defecto: uno por núcleo, hasta 8)",
                    "  --model quint8|fp16  el modelo de 8 bits (por defecto, más rápido en una CPU) o el fp16",
                    "  --models CARPETA     la carpeta con los archivos del modelo (por defecto: models/ de",
                    "                       esta compilación)",
                    "  --preset NOMBRE      compone el recorte con el tamaño predefinido del editor: original,",
                    "                       marketplace (2000 x 2000, blanco), social-square (1080 x 1080),",
                    "                       social-portrait (1080 x 1350) o banner (1920 x 1080); el archivo es",
                    "                       NOMBRE.PRESET-cutout.png",
                    "  --shadow drop|contact  la sombra proyectada o la sombra de contacto del editor",
                    "  --outline PX         un contorno de PX píxeles (blanco) alrededor del sujeto",
                    "  --timings            muestra también los tiempos de cada etapa por foto (milisegundos)",
                    "  -h, --help           este texto",
                    "",
                    "Código de salida: 0 si se guardaron todas las fotos; 1 si alguna no se pudo (las demás",
                    "se guardan); 2 si hay un error en el comando; 3 si no se puede cargar el modelo."));
            put("cli.helpHint",
                    "./cutout remove --help lists the options.",
                    "./cutout remove --help muestra las opciones.");
            put("cli.noInputs", "Name at least one photo or folder.", "Indica al menos una foto o carpeta.");
            put("cli.badOption", "Unknown option {0}.", "Opción desconocida: {0}.");
            put("cli.missingValue", "{0} needs a value.", "{0} necesita un valor.");
            put("cli.badValue", "{0} takes {1}, not “{2}”.", "{0} admite {1}, no «{2}».");
            put("cli.value.refine", "a whole number from 0 to 100", "un número entero de 0 a 100");
            put("cli.value.threads", "a whole number from 1 to 256", "un número entero de 1 a 256");
            put("cli.value.model", "quint8 or fp16", "quint8 o fp16");
            put("cli.value.preset", "original, marketplace, social-square, social-portrait or banner",
                    "original, marketplace, social-square, social-portrait o banner");
            put("cli.value.shadow", "drop or contact", "drop o contact");
            put("cli.value.outline", "a whole number of pixels from 0 to 200",
                    "un número entero de píxeles de 0 a 200");
            put("cli.notFound", "“{0}” does not exist.", "«{0}» no existe.");
            put("cli.cannotRead", "“{0}” cannot be read ({1}).", "No se puede leer «{0}» ({1}).");
            put("cli.noPhotos", "“{0}” holds no JPEG or PNG photos.", "«{0}» no contiene fotos JPEG ni PNG.");
            put("cli.done", "{0}: wrote {1} ({2} × {3} pixels, {4} s)",
                    "{0}: guardado {1} ({2} × {3} píxeles, {4} s)");
            put("cli.summary", "{0} of {1} photos done in {2} s.", "{0} de {1} fotos hechas en {2} s.");
            // Where the browser's sentence (error.CODE) speaks of the browser or of its buttons, the command line's.
            put("cli.error." + Refusal.UNREADABLE,
                    "“{0}” ({1}) is not an image Cutout can read. Give a JPEG or PNG photo, or convert it to one "
                    + "of those first.",
                    "«{0}» ({1}) no es una imagen que Cutout pueda leer. Indica una foto JPEG o PNG, o conviértela "
                    + "antes a uno de esos formatos.");
            put("cli.error.unsupported-format",
                    "“{0}” is a {1} image, which the command line cannot read (it reads JPEG, PNG, GIF and BMP). "
                    + "Convert it to PNG or JPEG first, or use Cutout in the browser.",
                    "«{0}» es una imagen {1}, que la línea de comandos no puede leer (lee JPEG, PNG, GIF y BMP). "
                    + "Conviértela antes a PNG o JPEG, o usa Cutout en el navegador.");
            put("cli.error." + Refusal.HEIC,
                    "“{0}” is a HEIC photo (the format iPhones save in), which the command line cannot read. "
                    + "Convert it to JPEG first (on a Mac: open it in Preview, File → Export, JPEG).",
                    "«{0}» es una foto HEIC (el formato en que guardan los iPhone), que la línea de comandos no "
                    + "puede leer. Conviértela antes a JPEG (en un Mac: ábrela en Vista Previa, Archivo → "
                    + "Exportar, JPEG).");
            put("cli.error." + Refusal.INCOMPLETE,
                    "“{0}” is incomplete: the file ends before the image does, so it was probably not fully "
                    + "downloaded or copied. Download or copy it again.",
                    "«{0}» está incompleto: el archivo termina antes que la imagen, así que seguramente no se "
                    + "descargó o copió entero. Descárgalo o cópialo de nuevo.");
            put("cli.error." + Refusal.DAMAGED,
                    "“{0}” ({1}) is damaged: it starts like an image, but it cannot be decoded. Open it in an "
                    + "image editor and save it again.",
                    "«{0}» ({1}) está dañado: empieza como una imagen, pero no se puede decodificar. Ábrelo en un "
                    + "editor de imágenes y guárdalo de nuevo.");
            put("cli.error." + Refusal.TOO_LARGE,
                    "“{0}” is {2} × {3} pixels ({4} megapixels); Cutout works at full resolution up to {7} "
                    + "megapixels. Reduce it to {5} × {6} or less in an image editor first.",
                    "«{0}» mide {2} × {3} píxeles ({4} megapíxeles); Cutout trabaja a resolución completa hasta "
                    + "{7} megapíxeles. Redúcela antes a {5} × {6} o menos en un editor de imágenes.");
            put("cli.error." + Refusal.TOO_LONG,
                    "“{0}” is {2} × {3} pixels; Cutout works on images up to {8} pixels on a side. Crop it, or "
                    + "reduce it to {5} × {6}, in an image editor first.",
                    "«{0}» mide {2} × {3} píxeles; Cutout trabaja con imágenes de hasta {8} píxeles por lado. "
                    + "Recórtala, o redúcela a {5} × {6}, antes en un editor de imágenes.");
            put("cli.error." + Refusal.TOO_LARGE_TO_OPEN,
                    "“{0}” is {2} × {3} pixels ({4} megapixels), more than Cutout opens ({9} megapixels at most). "
                    + "Reduce it to {7} megapixels or less in an image editor first.",
                    "«{0}» mide {2} × {3} píxeles ({4} megapíxeles), más de lo que Cutout abre ({9} megapíxeles "
                    + "como máximo). Redúcela antes a {7} megapíxeles o menos en un editor de imágenes.");
            put("cli.error." + Problem.MODEL_CORRUPT,
                    "The {0} at {3} is damaged (sha256 {1}, expected {2}). Build Cutout again (./cutout build) to "
                    + "reassemble it, or give the folder of an intact copy with --models.",
                    "El {0} en {3} está dañado (sha256 {1}, se esperaba {2}). Construye Cutout de nuevo (./cutout "
                    + "build) para rehacerlo, o indica con --models la carpeta de una copia intacta.");
            put("cli.error." + Problem.INFERENCE_FAILED,
                    "Removing the background failed: {0}.",
                    "No se pudo quitar el fondo: {0}.");
            put("cli.error.write-failed", "{0} could not be written: {1}.", "No se pudo guardar {0}: {1}.");
        }
    }

    private Texts() {
    }

    private static void put(String key, String en, String es) {
        EN.put(key, en);
        ES.put(key, es);
    }

    /**
     * The page's language: the one its address asks for ({@code ?lang=}), else the one the reader chose on an earlier
     * visit (kept on the device), else the browser's first supported one, else English. Null, empty and unsupported
     * values are passed over. boot.js chooses the same way for the sentences it shows before this code runs.
     */
    public static String choose(String asked, String kept, String[] browserLanguages) {
        int n = browserLanguages == null ? 0 : browserLanguages.length;
        String[] order = new String[n + 2];
        order[0] = asked;
        order[1] = kept;
        if (n > 0) {
            System.arraycopy(browserLanguages, 0, order, 2, n);
        }
        return choose(order);
    }

    /** Picks the first supported language of the browser's list; English otherwise. */
    public static String choose(String[] browserLanguages) {
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

    public static void use(String lang) {
        language = "es".equals(lang) ? "es" : "en";
        current = "es".equals(language) ? ES : EN;
    }

    public static String language() {
        return language;
    }

    public static String t(String key, Object... args) {
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

    /**
     * A failure's sentence: {@code error.CODE} with its values, the model's id in {@code {0}} of the model codes
     * named; an unknown code is named in a general sentence.
     */
    public static String problem(String code, Object[] args) {
        Object[] values = args == null ? new Object[0] : args;
        if (code == null || !has("error." + code)) {
            return t("error.unknown", code + (values.length > 0 ? ": " + String.join(", ", strings(values)) : ""));
        }
        if (code.startsWith("model-") && !Problem.MODEL_FAILED.equals(code) && values.length > 0) {
            values = values.clone();
            values[0] = t("model.name." + values[0]);
        }
        return t("error." + code, values);
    }

    /** A notice's sentence: {@code notice.CODE}, or the store failures the storage panel words too. */
    public static String notice(String code, Object[] args) {
        Object[] values = args == null ? new Object[0] : args;
        if (Notice.STORAGE_QUOTA.equals(code) && values.length > 1) {
            return t("storage.notStoredQuota", t("model.name." + values[0]), values[1]);
        }
        if (Notice.STORAGE_FAILED.equals(code)) {
            return t("storage.notStored", values.length > 0 ? values[0] : "");
        }
        return has("notice." + code) ? t("notice." + code, values) : "";
    }

    private static String[] strings(Object[] values) {
        String[] out = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = String.valueOf(values[i]);
        }
        return out;
    }

    public static boolean has(String key) {
        return EN.containsKey(key);
    }

    /** Every key, for the tests. */
    public static Set<String> keys(String lang) {
        return Collections.unmodifiableSet(("es".equals(lang) ? ES : EN).keySet());
    }
}

package app.cutout.web.app;

import app.cutout.core.text.Texts;
import app.cutout.core.edit.Rect;
import app.cutout.web.jso.browser.DataTransfer;
import app.cutout.web.jso.browser.Global;
import app.cutout.web.jso.browser.ObjectUrls;
import app.cutout.web.protocol.SessionMessage;
import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.browser.Navigator;
import org.teavm.jso.dom.events.Event;
import org.teavm.jso.dom.events.KeyboardEvent;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLInputElement;
import org.teavm.jso.dom.html.HTMLSelectElement;
import org.teavm.jso.file.File;
import org.teavm.jso.file.FileList;

/**
 * Entry point of {@code teavm/ui.wasm}: composes the queue, the editor and the exporter, and wires the page's
 * controls to them. Inference and exports run in workers; this thread only edits and draws.
 */
public final class Main {
    private final HTMLDocument document;
    private final View view;
    private final QueueView queueView;
    private final Editor editor;
    private final Processor processor;
    private final Exporter exporter;
    private final List<Item> items = new ArrayList<>();
    private final HTMLSelectElement backend;
    private final HTMLSelectElement model;
    private final HTMLInputElement strength;
    private final UrlOptions urlOptions;
    private int nextId = 1;
    private Item latest;
    /** An export asked for while the open photo's PNG was still being written. */
    private Item exportWhenSaved;
    private Exporter.Options exportOptions = new Exporter.Options();
    private String backgroundUrl;
    private OfflineStatus offline;
    private StoragePanel storage;
    /** The worker's last word on the backend in use, worded again on a language switch. */
    private SessionMessage lastBackend;

    private Main(HTMLDocument document) {
        this.document = document;
        String base = Global.baseUrl();
        view = new View(document);
        backend = (HTMLSelectElement) document.getElementById("backend-select");
        model = (HTMLSelectElement) document.getElementById("model-select");
        strength = (HTMLInputElement) document.getElementById("refine-strength");
        urlOptions = UrlOptions.current();
        editor = new Editor(document, this::refreshPreview, text -> view.failed(text));
        queueView = new QueueView(document, new QueueView.Actions() {
            @Override
            public void open(Item item) {
                openItem(item);
            }

            @Override
            public void cancel(Item item) {
                processor.cancel(item);
            }

            @Override
            public void remove(Item item) {
                removeItem(item);
            }

            @Override
            public void retry(Item item) {
                processor.retry(item);
            }
        });
        processor = new Processor(base + "worker.js", new Processor.Listener() {
            @Override
            public void changed(Item item) {
                itemChanged(item);
            }

            @Override
            public void backend(SessionMessage m) {
                lastBackend = m;
                showBackend();
            }

            @Override
            public void workerFailed(String text) {
                view.failed(text);
            }
        }, new Processor.Settings() {
            @Override
            public String backend() {
                return backend.getValue();
            }

            @Override
            public String model() {
                return model.getValue();
            }

            @Override
            public int threads() {
                return urlOptions.threads;
            }

            @Override
            public double strength() {
                return Editor.parse(strength.getValue(), 100) / 100.0;
            }
        });
        exporter = new Exporter(base + "worker.js", new Exporter.Listener() {
            @Override
            public void exported(String url, String fileName) {
                HTMLElement link = document.getElementById("download");
                link.setAttribute("href", url);
                link.setAttribute("download", fileName);
                link.setInnerText(fileName);
                link.setHidden(false);
                link.setAttribute("data-state", "done");
                view.info(fileName);
            }

            @Override
            public void busy(String text) {
                document.getElementById("download").setAttribute("data-state", "busy");
                view.info(text);
            }

            @Override
            public void failed(String text) {
                document.getElementById("download").setAttribute("data-state", "error");
                view.failed(text);
            }
        });
    }

    public static void main(String[] args) {
        HTMLDocument document = HTMLDocument.current();
        Main main = new Main(document);
        main.chooseLanguage();
        main.wire();
        main.view.ready(Global.isCrossOriginIsolated());
        main.offline = OfflineStatus.install(document);
        main.storage = StoragePanel.install(document);
    }

    private void chooseLanguage() {
        HTMLSelectElement select = (HTMLSelectElement) document.getElementById("language-select");
        String lang = urlOptions.lang != null ? urlOptions.lang : Texts.choose(Navigator.getLanguages());
        Texts.use(lang);
        select.setValue(Texts.language());
        view.translate();
        select.addEventListener("change", event -> {
            Texts.use(select.getValue());
            view.translate();
            queueView.relabel();
            // The status line and the backend line were worded when they last changed; word them again.
            if (latest != null) {
                view.item(latest, count(ItemState.DONE), items.size());
            }
            if (lastBackend != null) {
                showBackend();
            }
            if (offline != null) {
                offline.relabel();
            }
            if (storage != null) {
                storage.relabel();
            }
        });
    }

    private void showBackend() {
        SessionMessage m = lastBackend;
        view.backend(m.getBackend(), m.getModel(), m.getThreads(), m.getAdapter(), ErrorText.notices(m.getNotices()),
                m.getRuntime());
    }

    private void wire() {
        if (urlOptions.backend != null) {
            backend.setValue(urlOptions.backend);
        }
        if (urlOptions.model != null) {
            model.setValue(urlOptions.model);
        }
        HTMLElement strengthValue = document.getElementById("refine-value");
        if (urlOptions.refine >= 0) {
            strength.setValue(Integer.toString(urlOptions.refine));
            strengthValue.setInnerText(urlOptions.refine + "%");
        }
        HTMLInputElement input = (HTMLInputElement) document.getElementById("file-input");
        input.addEventListener("change", event -> {
            addFiles(input.getFiles());
            // Choosing the same file again must fire change again.
            input.setValue("");
        });
        strength.addEventListener("input", event -> strengthValue.setInnerText(strength.getValue() + "%"));
        // The whole page is a drop target; without preventDefault the browser would navigate to the dropped file.
        document.addEventListener("dragover", event -> {
            event.preventDefault();
            DataTransfer transfer = ((DataTransfer.TransferEvent) event).getDataTransfer();
            if (transfer != null) {
                transfer.setDropEffect("copy");
            }
            view.dragging(true);
        });
        document.addEventListener("dragleave", event -> view.dragging(false));
        document.addEventListener("drop", event -> {
            event.preventDefault();
            view.dragging(false);
            addFiles(((DataTransfer.TransferEvent) event).getDataTransfer().getFiles());
        });
        document.addEventListener("paste", (Event event) -> {
            DataTransfer clipboard = ((DataTransfer.TransferEvent) event).getClipboardData();
            if (clipboard != null && clipboard.getFiles().getLength() > 0) {
                event.preventDefault();
                addFiles(clipboard.getFiles());
            }
        });
        document.addEventListener("keydown", event -> {
            KeyboardEvent e = (KeyboardEvent) event;
            if (!typing(e) && editor.shortcut(e)) {
                e.preventDefault();
            }
        });
        wireBackground();
        wireCropAndExport();
    }

    /** Shortcuts must not steal keys from text fields and selects. */
    private static boolean typing(KeyboardEvent e) {
        HTMLElement target = (HTMLElement) e.getTarget();
        String tag = target.getTagName();
        if ("SELECT".equals(tag) || "TEXTAREA".equals(tag)) {
            return true;
        }
        if ("INPUT".equals(tag)) {
            String type = ((HTMLInputElement) target).getType();
            return !"range".equals(type) && !"radio".equals(type) && !"checkbox".equals(type)
                    && !"button".equals(type);
        }
        return false;
    }

    private void addFiles(FileList files) {
        if (files == null) {
            return;
        }
        for (int i = 0; i < files.getLength(); i++) {
            File file = files.get(i);
            Item item = new Item(nextId++, file);
            item.originalUrl = ObjectUrls.createObjectURL(file);
            items.add(item);
            queueView.add(item);
            processor.add(item);
        }
    }

    private void itemChanged(Item item) {
        queueView.update(item);
        if (item.state != ItemState.QUEUED) {
            latest = item;
        }
        if (item == latest) {
            view.item(item, count(ItemState.DONE), items.size());
        }
        if (item.viewable() && editor.item() == null) {
            openItem(item);
        } else if (item.state == ItemState.DONE) {
            editor.saved(item);
        }
        if (item == exportWhenSaved && item.finished()) {
            exportWhenSaved = null;
            if (item.state == ItemState.DONE && editor.item() == item) {
                exporter.export(item, exportOptions);
            }
        }
        document.getElementById("download-all").setAttribute("data-count", Integer.toString(count(ItemState.DONE)));
        if (count(ItemState.DONE) > 0) {
            document.getElementById("download-all").removeAttribute("disabled");
        }
    }

    private int count(ItemState state) {
        int n = 0;
        for (Item item : items) {
            if (state == item.state) {
                n++;
            }
        }
        return n;
    }

    private void openItem(Item item) {
        if (!item.viewable()) {
            return;
        }
        queueView.select(item);
        editor.open(item);
    }

    private void removeItem(Item item) {
        items.remove(item);
        queueView.remove(item);
        if (editor.item() == item) {
            editor.close();
        }
        if (item.originalUrl != null) {
            ObjectUrls.revokeObjectURL(item.originalUrl);
        }
        if (item.cutoutUrl != null) {
            ObjectUrls.revokeObjectURL(item.cutoutUrl);
        }
        item.alpha = null;
        item.modelAlpha = null;
    }

    // ---- background, crop, export ----

    private void wireBackground() {
        for (String value : new String[] {"transparent", "color", "image", "blur"}) {
            HTMLInputElement radio = (HTMLInputElement) document.querySelector("input[name=bg][value=" + value + "]");
            radio.addEventListener("change", event -> {
                exportOptions.background = value;
                refreshPreview();
            });
        }
        HTMLInputElement color = (HTMLInputElement) document.getElementById("bg-color");
        color.addEventListener("input", event -> {
            exportOptions.color = color.getValue();
            selectBackground("color");
        });
        var swatches = document.querySelectorAll(".swatch");
        for (int i = 0; i < swatches.getLength(); i++) {
            HTMLElement swatch = swatches.get(i);
            String value = swatch.getAttribute("data-color");
            swatch.getStyle().setCssText("background-color:" + value);
            swatch.addEventListener("click", event -> {
                color.setValue(value);
                exportOptions.color = value;
                selectBackground("color");
            });
        }
        HTMLInputElement file = (HTMLInputElement) document.getElementById("bg-file");
        file.addEventListener("change", event -> {
            FileList files = file.getFiles();
            if (files != null && files.getLength() > 0) {
                exportOptions.backgroundImage = files.get(0);
                if (backgroundUrl != null) {
                    ObjectUrls.revokeObjectURL(backgroundUrl);
                }
                backgroundUrl = ObjectUrls.createObjectURL(files.get(0));
                selectBackground("image");
            }
        });
        HTMLInputElement blur = (HTMLInputElement) document.getElementById("bg-blur-amount");
        blur.addEventListener("input", event -> {
            exportOptions.blur = Editor.parse(blur.getValue(), 20) / 2000.0;
            selectBackground("blur");
        });
    }

    private void selectBackground(String value) {
        ((HTMLInputElement) document.querySelector("input[name=bg][value=" + value + "]")).setChecked(true);
        exportOptions.background = value;
        refreshPreview();
    }

    private void wireCropAndExport() {
        HTMLInputElement crop = (HTMLInputElement) document.getElementById("crop-enabled");
        HTMLInputElement margin = (HTMLInputElement) document.getElementById("crop-margin");
        HTMLSelectElement aspect = (HTMLSelectElement) document.getElementById("crop-aspect");
        HTMLSelectElement format = (HTMLSelectElement) document.getElementById("export-format");
        crop.addEventListener("change", event -> {
            exportOptions.crop = crop.isChecked();
            refreshPreview();
        });
        margin.addEventListener("input", event -> {
            exportOptions.margin = Editor.parse(margin.getValue(), 10) / 100.0;
            refreshPreview();
        });
        aspect.addEventListener("change", event -> {
            exportOptions.aspect = Editor.parse(aspect.getValue(), 0);
            refreshPreview();
        });
        format.addEventListener("change", event -> exportOptions.format = format.getValue());
        document.getElementById("export-button").addEventListener("click", event -> {
            Item item = editor.item();
            if (item == null) {
                return;
            }
            if (item.cutoutPng == null) {
                // Shown from the worker's bitmap while its PNG is being written: export as soon as it is.
                exportWhenSaved = item;
                view.info(Texts.t("exporting"));
            } else {
                // Keep/Remove strokes still being solved belong in the file: it waits for them.
                editor.whenSolved(() -> exporter.export(item, exportOptions));
            }
        });
        document.getElementById("download-all").addEventListener("click", event -> {
            List<Item> done = new ArrayList<>();
            for (Item item : items) {
                if (item.state == ItemState.DONE) {
                    done.add(item);
                }
            }
            editor.whenSolved(() -> exporter.exportAll(done, exportOptions));
        });
    }

    private Rect currentCrop() {
        return editor.cropFor(exportOptions.margin, exportOptions.aspect);
    }

    private void refreshPreview() {
        Item item = editor.item();
        if (item == null) {
            return;
        }
        double blurPx = exportOptions.blur * Math.max(item.width, item.height);
        editor.showBackground(exportOptions.background, exportOptions.color, backgroundUrl, blurPx);
        editor.showCrop(exportOptions.crop ? currentCrop() : null);
    }
}

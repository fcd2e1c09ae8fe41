package app.cutout.web.app;

import app.cutout.core.text.QueueCount;
import app.cutout.core.text.Texts;
import app.cutout.core.edit.Rect;
import app.cutout.web.jso.browser.DataTransfer;
import app.cutout.web.jso.browser.Global;
import app.cutout.web.jso.browser.ImageBitmap;
import app.cutout.web.jso.browser.ObjectUrls;
import app.cutout.web.protocol.SessionMessage;
import app.cutout.web.protocol.WarmedMessage;
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
    /** The key under which the reader's choice of language is kept on the device; boot.js reads it too. */
    static final String LANGUAGE_SETTING = "cutout.language";

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
    private int nextBatch = 1;
    private Item latest;
    /** An export asked for while the open photo's PNG was still being written. */
    private Item exportWhenSaved;
    private final PhotoSettings settings;
    private final EditorEffects effects;
    /** The photo whose options the controls show. */
    private Item settingsShown;
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
        editor = new Editor(document, this::edited, text -> view.failed(text));
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
                item.batch = nextBatch++;
                processor.retry(item);
            }
        });
        processor = new Processor(base + "worker.js" + urlOptions.workerQuery(), new Processor.Listener() {
            @Override
            public void changed(Item item) {
                itemChanged(item);
            }

            @Override
            public void decoded(Item item) {
                if (editor.item() == null) {
                    editor.prefetch(item);
                }
            }

            @Override
            public void rough(Item item, ImageBitmap mask) {
                editor.rough(item, mask);
            }

            @Override
            public void backend(SessionMessage m) {
                lastBackend = m;
                showBackend();
            }

            @Override
            public void warmedUp(WarmedMessage m) {
                view.warmedUp(m.getRuns(), m.getMs(), m.isWide());
            }

            @Override
            public void workerFailed(String text) {
                view.failed(text);
            }

            @Override
            public void restarted(int stalls, String cause, double waitedMs) {
                view.engineRestarted(stalls, cause, waitedMs);
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
        settings = new PhotoSettings(document);
        effects = new EditorEffects(document, new EditorEffects.Host() {
            @Override
            public Exporter.Options edit() {
                return options();
            }

            @Override
            public void changed() {
                refreshPreview();
            }

            @Override
            public void background(String kind, String color) {
                if (color != null) {
                    ((HTMLInputElement) document.getElementById("bg-color")).setValue(color);
                    options().color = color;
                }
                selectBackground(kind);
            }

            @Override
            public void applyToAll() {
                settings.applyToAll(editor.item(), items);
                view.info(Texts.t("fx.applied", items.size()));
            }
        });
    }

    public static void main(String[] args) {
        HTMLDocument document = HTMLDocument.current();
        Main main = new Main(document);
        main.chooseLanguage();
        main.wire();
        main.view.ready(Global.isCrossOriginIsolated());
        // Photos chosen, dropped or pasted while this code was still loading.
        main.addFiles(Global.takeEarlyFiles());
        main.offline = OfflineStatus.install(document);
        main.storage = StoragePanel.install(document);
    }

    private void chooseLanguage() {
        HTMLSelectElement select = (HTMLSelectElement) document.getElementById("language-select");
        Texts.use(Texts.choose(urlOptions.lang, Global.keptSetting(LANGUAGE_SETTING), Navigator.getLanguages()));
        select.setValue(Texts.language());
        view.translate();
        select.addEventListener("change", event -> {
            Texts.use(select.getValue());
            Global.keepSetting(LANGUAGE_SETTING, Texts.language());
            view.translate();
            queueView.relabel();
            refreshPreview();
            // The status line and the backend line were worded when they last changed; word them again.
            if (latest != null) {
                showStatus();
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
        int batch = nextBatch++;
        List<Item> chosen = new ArrayList<>();
        for (int i = 0; i < files.getLength(); i++) {
            File file = files.get(i);
            Item item = new Item(nextId++, batch, file);
            item.originalUrl = ObjectUrls.createObjectURL(file);
            items.add(item);
            queueView.add(item);
            chosen.add(item);
        }
        processor.addAll(chosen);
    }

    private void itemChanged(Item item) {
        queueView.update(item);
        // A waiting photo cancelled while another runs does not take the status line from the one running.
        if (item.state != ItemState.QUEUED && !(item.finished() && processor.working())) {
            latest = item;
        }
        if (item == latest) {
            showStatus();
        }
        if (item.viewable() && editor.item() == null) {
            openItem(item);
        } else if (item.state == ItemState.DONE) {
            editor.saved(item);
        } else if (item.finished()) {
            editor.forget(item);
        }
        if (item == exportWhenSaved && item.finished()) {
            exportWhenSaved = null;
            if (item.state == ItemState.DONE && editor.item() == item) {
                exporter.export(item, settings.of(item));
            }
        }
        document.getElementById("download-all").setAttribute("data-count", Integer.toString(count(ItemState.DONE)));
        if (count(ItemState.DONE) > 0) {
            document.getElementById("download-all").removeAttribute("disabled");
        }
    }

    private void showStatus() {
        QueueCount queue = new QueueCount();
        QueueCount batch = new QueueCount();
        for (Item item : items) {
            tally(queue, item);
            if (item.batch == latest.batch) {
                tally(batch, item);
            }
        }
        view.item(latest, queue, batch);
    }

    private static void tally(QueueCount count, Item item) {
        switch (item.state) {
            case DONE:
                count.addDone();
                break;
            case ERROR:
                if (item.refused) {
                    count.addRefused();
                } else {
                    count.addFailed();
                }
                break;
            case CANCELLED:
                count.addCancelled();
                break;
            default:
                count.addPending();
                break;
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
        editor.forget(item);
        if (editor.item() == item) {
            editor.close();
        }
        settings.forget(item);
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
                options().background = value;
                refreshPreview();
            });
        }
        HTMLInputElement color = (HTMLInputElement) document.getElementById("bg-color");
        color.addEventListener("input", event -> {
            options().color = color.getValue();
            selectBackground("color");
        });
        var swatches = document.querySelectorAll(".swatch");
        for (int i = 0; i < swatches.getLength(); i++) {
            HTMLElement swatch = swatches.get(i);
            String value = swatch.getAttribute("data-color");
            swatch.getStyle().setCssText("background-color:" + value);
            swatch.addEventListener("click", event -> {
                color.setValue(value);
                options().color = value;
                selectBackground("color");
            });
        }
        HTMLInputElement file = (HTMLInputElement) document.getElementById("bg-file");
        file.addEventListener("change", event -> {
            FileList files = file.getFiles();
            if (files != null && files.getLength() > 0) {
                options().backgroundImage = files.get(0);
                if (backgroundUrl != null) {
                    ObjectUrls.revokeObjectURL(backgroundUrl);
                }
                backgroundUrl = ObjectUrls.createObjectURL(files.get(0));
                selectBackground("image");
            }
        });
        HTMLInputElement blur = (HTMLInputElement) document.getElementById("bg-blur-amount");
        blur.addEventListener("input", event -> {
            options().blur = Editor.parse(blur.getValue(), 20) / 2000.0;
            selectBackground("blur");
        });
    }

    private void selectBackground(String value) {
        ((HTMLInputElement) document.querySelector("input[name=bg][value=" + value + "]")).setChecked(true);
        options().background = value;
        refreshPreview();
    }

    private void wireCropAndExport() {
        HTMLInputElement crop = (HTMLInputElement) document.getElementById("crop-enabled");
        HTMLInputElement margin = (HTMLInputElement) document.getElementById("crop-margin");
        HTMLSelectElement aspect = (HTMLSelectElement) document.getElementById("crop-aspect");
        HTMLSelectElement format = (HTMLSelectElement) document.getElementById("export-format");
        crop.addEventListener("change", event -> {
            options().crop = crop.isChecked();
            refreshPreview();
        });
        margin.addEventListener("input", event -> {
            options().margin = Editor.parse(margin.getValue(), 10) / 100.0;
            refreshPreview();
        });
        aspect.addEventListener("change", event -> {
            options().aspect = Editor.parse(aspect.getValue(), 0);
            refreshPreview();
        });
        format.addEventListener("change", event -> {
            options().format = format.getValue();
            refreshPreview();
        });
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
                editor.whenSolved(() -> exporter.export(item, settings.of(item)));
            }
        });
        document.getElementById("download-all").addEventListener("click", event -> {
            List<Item> done = new ArrayList<>();
            for (Item item : items) {
                if (item.state == ItemState.DONE) {
                    done.add(item);
                }
            }
            editor.whenSolved(() -> exporter.exportAll(done, settings::of));
        });
    }

    /** The open photo's own options, to change (see {@link PhotoSettings}). */
    private Exporter.Options options() {
        return settings.edit(editor.item());
    }

    /** The open photo's mask changed (and with it its score, which its queue row shows), or another photo opened. */
    private void edited() {
        Item item = editor.item();
        if (item != null) {
            queueView.update(item);
        }
        effects.alphaChanged();
        refreshPreview();
    }

    private void refreshPreview() {
        Item item = editor.item();
        if (item == null) {
            return;
        }
        Exporter.Options options = settings.of(item);
        if (item != settingsShown) {
            settingsShown = item;
            settings.show(options);
            effects.show(options.look);
        }
        double blurPx = options.blur * Math.max(item.width, item.height);
        editor.showBackground(options.background, options.color, backgroundUrl, blurPx);
        Rect crop = options.crop ? editor.cropFor(options.margin, options.aspect) : null;
        editor.showCrop(crop);
        effects.refresh(item, editor.pixels(), options, crop);
    }
}

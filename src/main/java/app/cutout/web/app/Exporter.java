package app.cutout.web.app;

import app.cutout.core.edit.Look;
import app.cutout.core.files.Names;
import app.cutout.core.text.Texts;
import app.cutout.web.jso.browser.Global;
import app.cutout.web.jso.browser.ObjectUrls;
import app.cutout.web.platform.ArrayTransfer;
import app.cutout.web.protocol.Coded;
import app.cutout.web.protocol.ErrorMessage;
import app.cutout.web.protocol.ExportRequest;
import app.cutout.web.protocol.FileMessage;
import app.cutout.web.protocol.Message;
import app.cutout.web.protocol.ZipRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.core.JSString;
import org.teavm.jso.file.Blob;

/**
 * Exports through a second worker, so compositing and encoding a large photo never block the page or wait for the
 * inference of the next photo. Downloads are started here; the last export's URL stays on {@code #download}.
 */
final class Exporter {
    /** What an export needs besides the photo; the page reads it from its controls when an export starts. */
    static final class Options {
        String format = "png";
        String background = "transparent";
        String color = "#ffffff";
        Blob backgroundImage;
        /** Blur radius as a fraction of the photo's longer side. */
        double blur = 0.01;
        boolean crop;
        double margin = 0.1;
        double aspect;
        /** Size preset, shadow and outline. */
        Look look = new Look();

        Options copy() {
            Options o = new Options();
            o.format = format;
            o.background = background;
            o.color = color;
            o.backgroundImage = backgroundImage;
            o.blur = blur;
            o.crop = crop;
            o.margin = margin;
            o.aspect = aspect;
            o.look = look.copy();
            return o;
        }
    }

    interface Listener {
        void exported(String url, String fileName);

        void busy(String text);

        void failed(String text);
    }

    private final HelperWorker worker;
    private final Listener listener;
    private int nextId = 1;
    private ZipJob zip;
    /** Whether the worker is packing a ZIP (its photos are all in). */
    private boolean packing;
    /** The largest photo asked for since the worker last owed nothing, in pixels. */
    private double owedPixels;
    private String lastUrl;
    private Single single;

    Exporter(String workerUrl, Listener listener) {
        this.listener = listener;
        worker = new HelperWorker(workerUrl, "cutout-export", new HelperWorker.Listener() {
            @Override
            public void receive(Message message) {
                Exporter.this.receive(message);
            }

            @Override
            public void failed(int tries) {
                dropAll();
                listener.failed(Texts.t("error.helper", tries));
            }

            @Override
            public void hung(double silentMs) {
                dropAll();
                listener.failed(Texts.t("error.export.hung", Math.round(silentMs / 1000)));
            }
        });
    }

    /** Nothing more will come for what was asked: the worker failed it, or is gone. */
    private void dropAll() {
        zip = null;
        single = null;
        packing = false;
        owing();
    }

    /** Tells the worker's watch whether an answer is still to come, and how long it may take. */
    private void owing() {
        if (single == null && zip == null && !packing) {
            owedPixels = 0;
            worker.owing(0);
        } else {
            worker.owing(HelperWorker.answerDeadlineMs(owedPixels));
        }
    }

    void export(Item item, Options options) {
        listener.busy(Texts.t("exporting"));
        single = new Single(nextId, fileName(item, options));
        send(request(item, options));
        owing();
    }

    /** Packs every item into one ZIP, each with its own options. */
    void exportAll(List<Item> items, Function<Item, Options> options) {
        if (items.isEmpty()) {
            return;
        }
        listener.busy(Texts.t("zipping", items.size()));
        zip = new ZipJob(items.size());
        for (Item item : items) {
            Options o = options.apply(item);
            zip.names.push(JSString.valueOf(fileName(item, o)));
            zip.ids.add(nextId);
            send(request(item, o));
        }
        owing();
    }

    private static String fileName(Item item, Options options) {
        return Names.exportFileName(item.name, options.look.fileTag(), "mask".equals(options.format),
                extension(options));
    }

    private ExportRequest request(Item item, Options options) {
        owedPixels = Math.max(owedPixels, (double) item.width * item.height);
        ExportRequest request = Message.of(Message.EXPORT);
        request.setId(nextId++);
        request.setFile(item.file);
        request.setName(item.name);
        request.setWidth(item.width);
        request.setHeight(item.height);
        // The PNG always: its edge colours are the refined ones; the edited mask, if any, replaces its alpha.
        request.setPng(item.cutoutPng);
        if (item.alpha != null && item.edited) {
            request.setAlpha(ArrayTransfer.copyOf(item.alpha).getBuffer());
        }
        request.setFormat(options.format);
        request.setBackground(options.background);
        request.setColor(options.color);
        request.setBackgroundImage(options.backgroundImage);
        request.setBlur(options.blur);
        // The worker finds the subject's bounds itself: it has every photo's alpha, the page only the open one's.
        request.setCropMargin(options.crop ? options.margin : -1);
        request.setCropAspect(options.aspect);
        request.setLook(options.look.encode());
        return request;
    }

    private void send(Message message) {
        worker.post(message, null);
    }

    private void receive(Message message) {
        switch (message.getType()) {
            case Message.EXPORTED: {
                FileMessage exported = (FileMessage) message;
                if (zip != null && zip.ids.contains(exported.getId())) {
                    zip.blobs.push(exported.getFile());
                    if (zip.blobs.getLength() == zip.expected) {
                        ZipRequest pack = Message.of(Message.ZIP);
                        pack.setBlobs(zip.blobs);
                        pack.setNames(zip.names);
                        pack.setId(nextId++);
                        zip = null;
                        packing = true;
                        worker.post(pack, null);
                    }
                } else if (single != null && single.id == exported.getId()) {
                    deliver(exported.getFile(), single.fileName);
                    single = null;
                }
                owing();
                break;
            }
            case Message.ZIPPED:
                packing = false;
                owing();
                deliver(((FileMessage) message).getFile(), "cutout-" + Texts.t("queue").toLowerCase() + ".zip");
                break;
            case Message.ERROR: {
                ErrorMessage error = (ErrorMessage) message;
                dropAll();
                listener.failed(Texts.problem(error.getCode(), Coded.args(error)));
                break;
            }
            default:
                break;
        }
    }

    private void deliver(Blob blob, String fileName) {
        if (lastUrl != null) {
            ObjectUrls.revokeObjectURL(lastUrl);
        }
        lastUrl = ObjectUrls.createObjectURL(blob);
        Global.download(lastUrl, fileName);
        listener.exported(lastUrl, fileName);
    }

    private static String extension(Options options) {
        switch (options.format) {
            case "jpeg":
                return "jpg";
            case "webp":
                return "webp";
            default:
                return "png";
        }
    }

    private static final class Single {
        final int id;
        final String fileName;

        Single(int id, String fileName) {
            this.id = id;
            this.fileName = fileName;
        }
    }

    private static final class ZipJob {
        final int expected;
        final List<Integer> ids = new ArrayList<>();
        final JSArray<Blob> blobs = new JSArray<>();
        final JSArray<JSString> names = new JSArray<>();

        ZipJob(int expected) {
            this.expected = expected;
        }
    }
}

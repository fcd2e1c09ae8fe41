package app.cutout.web.app;

import app.cutout.core.edit.Background;
import app.cutout.core.edit.Compositor;
import app.cutout.core.edit.Layout;
import app.cutout.core.edit.Look;
import app.cutout.core.edit.Preview;
import app.cutout.core.edit.Rect;
import app.cutout.core.edit.Staging;
import app.cutout.core.image.RgbaImage;
import app.cutout.core.text.Texts;
import app.cutout.web.jso.browser.Canvas2D;
import app.cutout.web.jso.browser.Global;
import app.cutout.web.jso.browser.ImageBitmap;
import app.cutout.web.jso.browser.ImageBitmapOptions;
import app.cutout.web.platform.ArrayTransfer;
import app.cutout.web.platform.BitmapPixels;
import app.cutout.web.platform.Promises;
import org.teavm.jso.canvas.ImageData;
import org.teavm.jso.dom.html.HTMLCanvasElement;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLInputElement;
import org.teavm.jso.dom.html.HTMLSelectElement;
import org.teavm.jso.file.Blob;
import org.teavm.jso.typedarrays.Int32Array;
import org.teavm.jso.typedarrays.Uint8ClampedArray;

/**
 * The editor's shadow, outline, sticker and size controls, and the preview of the download they make. The preview is
 * the export's own code ({@link Preview}: {@link Staging} and the {@link Compositor}) on a copy of the photo at most
 * {@value #PREVIEW_MAX} px a side, drawn in the frame after the last change (input events only schedule it); the
 * copy is made again only when the mask, the crop or the scale changes. Shown only when there is a preset or an
 * effect: otherwise the editor's own view is the download.
 */
final class EditorEffects {
    /** Longer side of the preview's copy and canvas: a screen's worth, a few tens of ms per change. */
    static final int PREVIEW_MAX = 512;

    /** What the controls act on, in {@link Main}. */
    interface Host {
        /** The open photo's own options (made from the batch's on its first edit). */
        Exporter.Options edit();

        /** The options changed: show them. */
        void changed();

        /** Selects a background, as its radio would ({@code color} with {@code #rrggbb}). */
        void background(String kind, String color);

        void applyToAll();
    }

    private final Host host;
    private final HTMLElement shadowDrop;
    private final HTMLElement shadowContact;
    private final HTMLInputElement angle;
    private final HTMLInputElement distance;
    private final HTMLInputElement blur;
    private final HTMLInputElement opacity;
    private final HTMLInputElement shadowColor;
    private final HTMLInputElement strength;
    private final HTMLInputElement outlineWidth;
    private final HTMLElement outlineWidthValue;
    private final HTMLInputElement outlineColor;
    private final HTMLSelectElement preset;
    private final HTMLElement customSize;
    private final HTMLInputElement customWidth;
    private final HTMLInputElement customHeight;
    private final HTMLElement placement;
    private final HTMLInputElement fill;
    private final HTMLElement fillValue;
    private final HTMLSelectElement align;
    private final HTMLElement marginLabel;
    private final HTMLInputElement margin;
    private final HTMLElement note;
    private final HTMLElement figure;
    private final HTMLCanvasElement canvas;
    private final HTMLDocument document;

    private Item item;
    private int[] rgb;
    private Exporter.Options options;
    private Rect crop;
    private boolean scheduled;
    /** The copy behind the preview, for {@link #copyItem} at {@link #copyFrame}; {@code null} after an edit. */
    private Preview copy;
    private Item copyItem;
    private Rect copyFrame;
    private Blob decodedBlob;
    private RgbaImage decodedImage;

    EditorEffects(HTMLDocument document, Host host) {
        this.document = document;
        this.host = host;
        shadowDrop = document.getElementById("shadow-drop-controls");
        shadowContact = document.getElementById("shadow-contact-controls");
        angle = input("shadow-angle");
        distance = input("shadow-distance");
        blur = input("shadow-blur");
        opacity = input("shadow-opacity");
        shadowColor = input("shadow-color");
        strength = input("contact-strength");
        outlineWidth = input("outline-width");
        outlineWidthValue = document.getElementById("outline-width-value");
        outlineColor = input("outline-color");
        preset = (HTMLSelectElement) document.getElementById("size-preset");
        customSize = document.getElementById("size-custom");
        customWidth = input("size-width");
        customHeight = input("size-height");
        placement = document.getElementById("size-placement");
        fill = input("size-fill");
        fillValue = document.getElementById("size-fill-value");
        align = (HTMLSelectElement) document.getElementById("size-align");
        marginLabel = document.getElementById("size-margin-label");
        margin = input("size-margin");
        note = document.getElementById("size-note");
        figure = document.getElementById("look-preview");
        canvas = (HTMLCanvasElement) document.getElementById("look-canvas");
        wire();
    }

    private HTMLInputElement input(String id) {
        return (HTMLInputElement) document.getElementById(id);
    }

    private void wire() {
        for (Look.ShadowKind kind : Look.ShadowKind.values()) {
            radio(kind).addEventListener("change", event -> change(l -> l.shadow = kind));
        }
        angle.addEventListener("input", event -> change(l -> l.dropAngle = number(angle, 45)));
        distance.addEventListener("input", event -> change(l -> l.dropDistance = number(distance, 20)));
        blur.addEventListener("input", event -> change(l -> l.dropBlur = number(blur, 12)));
        opacity.addEventListener("input", event -> change(l -> l.dropOpacity = number(opacity, 50) / 100));
        shadowColor.addEventListener("input", event -> change(l -> l.dropRgb = rgbOf(shadowColor.getValue())));
        strength.addEventListener("input", event -> change(l -> l.contactStrength = number(strength, 60) / 100));
        outlineWidth.addEventListener("input", event -> change(l -> {
            l.outlineWidth = Math.max(0, Math.min(1024, number(outlineWidth, 0)));
            outlineWidthValue.setInnerText(format(l.outlineWidth));
        }));
        outlineColor.addEventListener("input", event -> change(l -> l.outlineRgb = rgbOf(outlineColor.getValue())));
        preset.addEventListener("change", event -> {
            Look look = host.edit().look;
            look.choosePreset(preset.getValue());
            Layout.Preset p = look.preset();
            if (p.background != null && p.background.kind == Background.Kind.COLOR) {
                // The preset calls for its background (marketplace: white); another can be chosen afterwards.
                host.background("color", css(p.background.rgb));
            }
            show(look);
            host.changed();
        });
        customWidth.addEventListener("input", event -> change(l -> l.width = size(customWidth, l.width)));
        customHeight.addEventListener("input", event -> change(l -> l.height = size(customHeight, l.height)));
        fill.addEventListener("input", event -> change(l -> {
            l.fill = Math.max(0.1, Math.min(1, number(fill, 80) / 100));
            fillValue.setInnerText(Math.round(l.fill * 100) + "%");
        }));
        align.addEventListener("change", event -> change(l -> {
            l.align = "bottom".equals(align.getValue()) ? Layout.Align.BOTTOM : Layout.Align.CENTER;
            marginLabel.setHidden(l.align != Layout.Align.BOTTOM);
        }));
        margin.addEventListener("input", event -> change(l -> l.margin = Math.max(0, Math.min(0.45,
                number(margin, 5) / 100))));
        document.getElementById("sticker").addEventListener("click", event -> {
            Look look = host.edit().look;
            Rect frame = frame();
            look.sticker(frame == null ? PREVIEW_MAX : look.canvasLonger(frame.width, frame.height));
            show(look);
            host.background("transparent", null);
        });
        document.getElementById("apply-all").addEventListener("click", event -> host.applyToAll());
    }

    private HTMLInputElement radio(Look.ShadowKind kind) {
        return (HTMLInputElement) document.querySelector("input[name=shadow][value=" + kind.name().toLowerCase()
                + "]");
    }

    private interface Change {
        void apply(Look look);
    }

    private void change(Change change) {
        Look look = host.edit().look;
        change.apply(look);
        showVisibility(look);
        host.changed();
    }

    /** Sets the controls to {@code look} (another photo opened, a preset or the sticker chosen). */
    void show(Look look) {
        radio(look.shadow).setChecked(true);
        angle.setValue(format(look.dropAngle));
        distance.setValue(format(look.dropDistance));
        blur.setValue(format(look.dropBlur));
        opacity.setValue(format(Math.round(look.dropOpacity * 100)));
        shadowColor.setValue(css(look.dropRgb));
        strength.setValue(format(Math.round(look.contactStrength * 100)));
        outlineWidth.setValue(format(look.outlineWidth));
        outlineWidthValue.setInnerText(format(look.outlineWidth));
        outlineColor.setValue(css(look.outlineRgb));
        preset.setValue(look.preset);
        customWidth.setValue(Integer.toString(look.width));
        customHeight.setValue(Integer.toString(look.height));
        fill.setValue(format(Math.round(look.fill * 100)));
        fillValue.setInnerText(Math.round(look.fill * 100) + "%");
        align.setValue(look.align == Layout.Align.BOTTOM ? "bottom" : "center");
        margin.setValue(format(Math.round(look.margin * 100)));
        showVisibility(look);
    }

    private void showVisibility(Look look) {
        shadowDrop.setHidden(look.shadow != Look.ShadowKind.DROP);
        shadowContact.setHidden(look.shadow != Look.ShadowKind.CONTACT);
        customSize.setHidden(!"custom".equals(look.preset));
        placement.setHidden(look.preset().isOriginal());
        marginLabel.setHidden(look.align != Layout.Align.BOTTOM);
    }

    /** The mask of the open photo changed (a brush stroke, undo): the preview's copy must be made again. */
    void alphaChanged() {
        copy = null;
    }

    /** Shows the preview of {@code current}'s download with {@code opts}, in the next frame. */
    void refresh(Item current, int[] pixels, Exporter.Options opts, Rect cropRect) {
        item = current;
        rgb = pixels;
        options = opts;
        crop = cropRect;
        canvas.setAttribute("data-state", "pending");
        if (!scheduled) {
            scheduled = true;
            Global.requestAnimationFrame(time -> {
                scheduled = false;
                render();
            });
        }
    }

    private Rect frame() {
        if (item == null || item.alpha == null) {
            return null;
        }
        return crop != null ? crop : new Rect(0, 0, item.width, item.height);
    }

    private void render() {
        Rect frame = frame();
        Look look = options == null ? null : options.look;
        if (frame == null || rgb == null || look == null || look.isPlain()) {
            figure.setHidden(true);
            note.setHidden(true);
            canvas.setAttribute("data-state", "none");
            return;
        }
        int factor = Preview.factor(look, frame.width, frame.height, PREVIEW_MAX);
        if (copy == null || copyItem != item || copy.factor != factor || !frame.equals(copyFrame)) {
            copy = Preview.shrink(rgb, item.alpha, item.edited ? item.modelAlpha : null, item.width, item.height,
                    frame, factor, PREVIEW_MAX);
            copyItem = item;
            copyFrame = frame;
        }
        Staging.Staged s = copy.stage(look);
        int w = s.canvas.width;
        int h = s.canvas.height;
        Compositor.Prepared prepared = Compositor.prepare(s.canvas, background(options, Math.max(w, h)), null,
                s.layers);
        int[] out = new int[w * h];
        Compositor.composite(s.canvas, s.alpha, prepared, null, out, 0, w);
        canvas.setWidth(w);
        canvas.setHeight(h);
        Int32Array packed = ArrayTransfer.ints(out, 0, out.length);
        ImageData data = new ImageData(new Uint8ClampedArray(packed.getBuffer(), packed.getByteOffset(),
                out.length * 4), w, h);
        ((Canvas2D) canvas.getContext("2d")).putImageData(data, 0, 0);
        canvas.setAttribute("data-state", "drawn");
        figure.setHidden(false);
        showNote(look, s.placement, frame);
    }

    /** Says when the subject fills less than asked: the upscale limit, or the room the effects need. */
    private void showNote(Look look, Layout.Placement p, Rect frame) {
        Layout.Preset preset = look.preset();
        if (preset.isOriginal() || !(p.upscaleLimited || p.shrunkForEffects)) {
            note.setHidden(true);
            note.setAttribute("data-reason", "");
            return;
        }
        // The share of the canvas the subject's bounds fill along their longer (relative) side, as Layout measures.
        double filled = Math.max((double) p.subject.width / p.width, (double) p.subject.height / p.height);
        long asked = Math.round(preset.fill * 100);
        long got = Math.min(asked, Math.round(filled * 100));
        if (p.upscaleLimited) {
            note.setInnerText(Texts.t("fx.upscaleLimited", asked, preset.width, preset.height,
                    format(Look.MAX_UPSCALE), got));
            note.setAttribute("data-reason", "upscale");
        } else {
            note.setInnerText(Texts.t("fx.shrunk", got, asked));
            note.setAttribute("data-reason", "effects");
        }
        note.setHidden(false);
    }

    /** The background as the export worker makes it ({@code Exports.background}), at the preview's size. */
    private Background background(Exporter.Options o, int longer) {
        String kind = o.background;
        if ("color".equals(kind) || ("jpeg".equals(o.format) && "transparent".equals(kind))) {
            int c = rgbOf("color".equals(kind) ? o.color : "#ffffff");
            return Background.color(c & 0xFF, (c >> 8) & 0xFF, (c >> 16) & 0xFF);
        }
        if ("image".equals(kind) && o.backgroundImage != null) {
            RgbaImage image = backgroundImage(o.backgroundImage);
            return image == null ? Background.transparent() : Background.image(image);
        }
        if ("blur".equals(kind)) {
            return Background.blur(Math.max(1, o.blur * longer));
        }
        return Background.transparent();
    }

    /** The background image's pixels once decoded (off this frame: the preview is drawn again then); else null. */
    private RgbaImage backgroundImage(Blob blob) {
        if (blob == decodedBlob) {
            return decodedImage;
        }
        decodedBlob = blob;
        decodedImage = null;
        new Thread(() -> {
            ImageBitmap bitmap = Promises.await(Global.createImageBitmap(blob, ImageBitmapOptions.exact()),
                    "Decoding");
            try {
                RgbaImage image = new RgbaImage(bitmap.getWidth(), bitmap.getHeight(), BitmapPixels.read(bitmap));
                if (blob == decodedBlob) {
                    decodedImage = image;
                    host.changed();
                }
            } finally {
                bitmap.close();
            }
        }).start();
        return null;
    }

    private static double number(HTMLInputElement input, double fallback) {
        double v = Editor.parse(input.getValue(), fallback);
        return Double.isNaN(v) || Double.isInfinite(v) ? fallback : v;
    }

    private static int size(HTMLInputElement input, int fallback) {
        double v = number(input, fallback);
        return v >= 1 && v <= 16384 ? (int) Math.round(v) : fallback;
    }

    /** {@code #rrggbb} to {@code (b << 16) | (g << 8) | r}. */
    static int rgbOf(String css) {
        if (css == null || css.length() != 7 || css.charAt(0) != '#') {
            return 0xFFFFFF;
        }
        try {
            int v = Integer.parseInt(css.substring(1), 16);
            return ((v & 0xFF) << 16) | (v & 0xFF00) | ((v >> 16) & 0xFF);
        } catch (NumberFormatException e) {
            return 0xFFFFFF;
        }
    }

    /** {@code (b << 16) | (g << 8) | r} to {@code #rrggbb}. */
    static String css(int rgb) {
        int v = ((rgb & 0xFF) << 16) | (rgb & 0xFF00) | ((rgb >> 16) & 0xFF);
        String hex = Integer.toHexString(v | 0x1000000);
        return "#" + hex.substring(1);
    }

    private static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}

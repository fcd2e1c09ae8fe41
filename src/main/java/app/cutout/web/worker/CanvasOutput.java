package app.cutout.web.worker;

import app.cutout.core.image.Intake;
import app.cutout.core.image.RgbaImage;
import app.cutout.core.pipeline.CutoutOutput;
import app.cutout.core.pipeline.StageTimings;
import app.cutout.web.jso.browser.Global;
import app.cutout.web.jso.browser.ImageBitmap;
import app.cutout.web.jso.browser.OffscreenCanvas;
import app.cutout.web.platform.Promises;
import org.teavm.jso.file.Blob;

/**
 * One cutout into the page: drawn into a canvas, handed over as a bitmap first (the page shows and edits from it),
 * then written as a PNG. At 12 MP the PNG encoder takes about as long as everything else outside inference.
 */
final class CanvasOutput implements CutoutOutput {
    private final int id;
    private final String name;
    private final Outbox outbox;
    private OffscreenCanvas canvas;
    private ImageBitmap bitmap;
    private Blob png;

    CanvasOutput(int id, String name, Outbox outbox) {
        this.id = id;
        this.name = name;
        this.outbox = outbox;
    }

    @Override
    public void render(RgbaImage image) {
        canvas = ImageCodec.draw(image, name);
        bitmap = Promises.await(Global.createImageBitmap(canvas), "Handing over the cutout");
    }

    @Override
    public void show(int width, int height, StageTimings soFar) {
        outbox.preview(id, bitmap, width, height, soFar.toJson());
        bitmap = null;
    }

    @Override
    public void save() {
        png = ImageCodec.toBlob(canvas, "image/png", 1);
        canvas = null;
    }

    @Override
    public void done(int width, int height, StageTimings timings, Intake.Plan input) {
        outbox.result(id, png, width, height, timings.toJson(), input.downscaled ? input.header.displayWidth() : 0,
                input.downscaled ? input.header.displayHeight() : 0, input.header.animated);
    }
}

package app.cutout.web.protocol;

/**
 * Page to inference worker: start the session a photo with these choices would use, if its model is stored on this
 * device ({@code RemovalPipeline.preload}); nothing comes back but the {@link SessionMessage} when one starts.
 */
public interface PreloadRequest extends Message, Choices {
}

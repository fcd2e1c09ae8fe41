package app.cutout.core.pipeline;

import app.cutout.core.image.Intake;
import app.cutout.core.image.PhotoSource;
import app.cutout.core.image.RgbaImage;

/** Decodes a checked photo to RGBA with the host's codecs, upright (EXIF orientation applied). */
public interface PhotoDecoder {
    /**
     * @param plan the size to decode at ({@link Intake#check}); its width is 0 when the header did not tell, and the
     *     decoder then checks the decoded size with {@link Intake#checkDecoded} before making a full-size array
     * @param reuse an array to decode into when it has exactly the photo's pixel count, else null
     * @throws app.cutout.core.image.Refusal when the file cannot be decoded ({@link Intake#undecodable}) or is too large
     */
    RgbaImage decode(PhotoSource photo, Intake.Plan plan, int[] reuse);
}

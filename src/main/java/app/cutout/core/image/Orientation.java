package app.cutout.core.image;

/**
 * Turns an image as stored into the image as shown, by its EXIF orientation (TIFF tag 0x0112): what a browser's
 * {@code imageOrientation: "from-image"} does, for hosts whose decoders ignore the tag (javax.imageio).
 *
 * <p>For a stored image of {@code W × H} and a shown pixel {@code (x, y)}:
 *
 * <pre>
 * 1  as stored                        in(x, y)
 * 2  mirrored left-right              in(W-1-x, y)
 * 3  turned 180°                      in(W-1-x, H-1-y)
 * 4  mirrored top-bottom              in(x, H-1-y)
 * 5  transposed (mirror of 8)         in(y, x)              shown H × W
 * 6  turned 90° clockwise to show     in(y, H-1-x)          shown H × W
 * 7  transverse (mirror of 6)         in(W-1-y, H-1-x)      shown H × W
 * 8  turned 90° anticlockwise to show in(W-1-y, x)          shown H × W
 * </pre>
 *
 * Any other value is treated as 1, as {@link ImageHeader} does.
 */
public final class Orientation {
    private Orientation() {
    }

    /** Orientations 5 to 8 swap width and height. */
    public static boolean turns(int orientation) {
        return orientation >= 5 && orientation <= 8;
    }

    /**
     * The image as shown. Orientation 1 (or an invalid value) returns {@code image} itself; any other a new image
     * with its own pixel array. {@code image} is not modified.
     */
    public static RgbaImage apply(RgbaImage image, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return image;
        }
        int w = image.width;
        int h = image.height;
        int[] in = image.pixels;
        boolean turned = turns(orientation);
        int outW = turned ? h : w;
        int outH = turned ? w : h;
        int[] out = new int[in.length];
        int i = 0;
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2: sx = w - 1 - x; sy = y; break;
                    case 3: sx = w - 1 - x; sy = h - 1 - y; break;
                    case 4: sx = x; sy = h - 1 - y; break;
                    case 5: sx = y; sy = x; break;
                    case 6: sx = y; sy = h - 1 - x; break;
                    case 7: sx = w - 1 - y; sy = h - 1 - x; break;
                    default: sx = w - 1 - y; sy = x; break;
                }
                out[i++] = in[sy * w + sx];
            }
        }
        return new RgbaImage(outW, outH, out);
    }
}

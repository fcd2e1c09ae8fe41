import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * Renders the web app manifest's PNG icons from {@code src/main/webapp/icon.svg} with Java2D (no image tools
 * needed). The PNGs are committed; run this again after changing the SVG:
 *
 * <pre>java build/Icons.java</pre>
 *
 * <p>It understands exactly what icon.svg uses: a 64×64 viewBox, one rounded {@code rect}, and {@code path}s made of
 * M/L/H/V/C/Z commands (absolute or relative) with solid fills. Anything else fails loudly. The "maskable" icon
 * fills the whole square with the background colour and keeps the drawing inside the central 80% safe zone, as
 * launchers crop it to a circle or squircle.
 */
public final class Icons {
    private static final Pattern RECT =
            Pattern.compile("<rect width=\"64\" height=\"64\" rx=\"(\\d+)\" fill=\"(#\\w+)\"/>");
    private static final Pattern PATH = Pattern.compile("<path d=\"([^\"]+)\" fill=\"(#\\w+)\"/>");
    private static final Pattern TOKEN = Pattern.compile("[MmLlHhVvCcZz]|-?(\\d+\\.?\\d*|\\.\\d+)");

    record Shape(Path2D path, Color fill) {
    }

    public static void main(String[] args) throws IOException {
        Path webapp = Path.of(args.length > 0 ? args[0] : "src/main/webapp");
        String svg = Files.readString(webapp.resolve("icon.svg"));
        Matcher rect = RECT.matcher(svg);
        if (!rect.find()) {
            throw new IllegalStateException("icon.svg: expected a 64x64 <rect> background");
        }
        double radius = Double.parseDouble(rect.group(1));
        Color background = Color.decode(rect.group(2));
        List<Shape> shapes = new ArrayList<>();
        Matcher path = PATH.matcher(svg);
        while (path.find()) {
            shapes.add(new Shape(parse(path.group(1)), Color.decode(path.group(2))));
        }
        Path out = webapp.resolve("icons");
        Files.createDirectories(out);
        for (int size : new int[] {192, 512}) {
            write(render(size, background, radius, shapes, false), out.resolve("icon-" + size + ".png"));
        }
        write(render(512, background, radius, shapes, true), out.resolve("icon-maskable-512.png"));
    }

    static BufferedImage render(int size, Color background, double radius, List<Shape> shapes, boolean maskable) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        double scale = size / 64.0;
        g.setColor(background);
        if (maskable) {
            g.fillRect(0, 0, size, size);
            // The 64-unit drawing shrunk to 80% and centred: all of it stays in the safe zone.
            g.transform(AffineTransform.getTranslateInstance(size * 0.1, size * 0.1));
            g.transform(AffineTransform.getScaleInstance(scale * 0.8, scale * 0.8));
        } else {
            g.transform(AffineTransform.getScaleInstance(scale, scale));
            g.fill(new RoundRectangle2D.Double(0, 0, 64, 64, radius * 2, radius * 2));
        }
        for (Shape shape : shapes) {
            g.setColor(shape.fill());
            g.fill(shape.path());
        }
        g.dispose();
        return image;
    }

    /** SVG path data with M, L, H, V, C, Z (and lower-case relative forms, implicit repeats). */
    static Path2D parse(String d) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(d);
        while (m.find()) {
            tokens.add(m.group());
        }
        Path2D.Double path = new Path2D.Double(Path2D.WIND_NON_ZERO);
        double x = 0;
        double y = 0;
        double startX = 0;
        double startY = 0;
        char command = 0;
        int i = 0;
        while (i < tokens.size()) {
            String t = tokens.get(i);
            if (Character.isLetter(t.charAt(0))) {
                command = t.charAt(0);
                i++;
                if (command == 'Z' || command == 'z') {
                    path.closePath();
                    x = startX;
                    y = startY;
                    continue;
                }
            }
            boolean rel = Character.isLowerCase(command);
            double ox = rel ? x : 0;
            double oy = rel ? y : 0;
            switch (Character.toUpperCase(command)) {
                case 'M' -> {
                    x = ox + num(tokens, i++);
                    y = oy + num(tokens, i++);
                    path.moveTo(x, y);
                    startX = x;
                    startY = y;
                    command = rel ? 'l' : 'L'; // further pairs are line-tos
                }
                case 'L' -> {
                    x = ox + num(tokens, i++);
                    y = oy + num(tokens, i++);
                    path.lineTo(x, y);
                }
                case 'H' -> {
                    x = ox + num(tokens, i++);
                    path.lineTo(x, y);
                }
                case 'V' -> {
                    y = oy + num(tokens, i++);
                    path.lineTo(x, y);
                }
                case 'C' -> {
                    double x1 = ox + num(tokens, i++);
                    double y1 = oy + num(tokens, i++);
                    double x2 = ox + num(tokens, i++);
                    double y2 = oy + num(tokens, i++);
                    x = ox + num(tokens, i++);
                    y = oy + num(tokens, i++);
                    path.curveTo(x1, y1, x2, y2, x, y);
                }
                default -> throw new IllegalStateException("icon.svg: unsupported path command " + command);
            }
        }
        return path;
    }

    private static double num(List<String> tokens, int i) {
        return Double.parseDouble(tokens.get(i));
    }

    private static void write(BufferedImage image, Path file) throws IOException {
        ImageIO.write(image, "png", file.toFile());
        System.out.println("wrote " + file + " (" + Files.size(file) + " bytes)");
    }
}

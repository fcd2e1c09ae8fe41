package app.cutout.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.MutableCapabilities;
import org.openqa.selenium.remote.RemoteWebDriver;

/**
 * WebKitGTK (the engine of Safari) driven by Debian's {@code WebKitWebDriver} (package webkit2gtk-driver), which
 * starts its MiniBrowser. Selenium's Java binding has no WebKitGTK class, so the driver runs as a process of ours
 * and Selenium talks to it as a remote end; nothing is looked up or downloaded (Selenium Manager never runs).
 *
 * <p>MiniBrowser needs a display: the test starts its own {@code Xvfb} (package xvfb) on a free display number, so
 * no {@code xvfb-run} wrapper is needed around Maven. Every request goes to a {@link RequestTrap} through
 * MiniBrowser's {@code --proxy} (HTTP and HTTPS), except the loopback site ({@code --ignore-host}).
 */
final class WebKitBrowser extends WebDriverPage {
    static final String DRIVER = "/usr/bin/WebKitWebDriver";
    static final String XVFB = "/usr/bin/Xvfb";

    private final Process xvfb;
    private final Process driverProcess;
    private final Path driverLog;
    private final RequestTrap trap;

    private WebKitBrowser(Process xvfb, Process driverProcess, Path driverLog, RemoteWebDriver driver,
            RequestTrap trap) {
        super(driver);
        this.xvfb = xvfb;
        this.driverProcess = driverProcess;
        this.driverLog = driverLog;
        this.trap = trap;
    }

    static WebKitBrowser start() {
        for (String binary : List.of(DRIVER, XVFB)) {
            if (!Files.isExecutable(Path.of(binary))) {
                throw new IllegalStateException(binary + " is missing: install Debian's webkit2gtk-driver and xvfb "
                        + "packages (./cutout test does)");
            }
        }
        RequestTrap trap = RequestTrap.start();
        Process xvfb = null;
        Process driverProcess = null;
        Path log = null;
        try {
            String[] display = new String[1];
            xvfb = startXvfb(display);
            int port = freePort();
            log = Files.createTempFile("cutout-webkitdriver-", ".log");
            ProcessBuilder pb = new ProcessBuilder(DRIVER, "--port=" + port, "--host=127.0.0.1")
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("DISPLAY", display[0]);
            // No accessibility bus in a test machine; without this GTK waits for one at start.
            pb.environment().put("NO_AT_BRIDGE", "1");
            // Skia's CPU renderer: on Xvfb's software GL, its GPU path once failed to compile its own unpremultiply
            // shader ("integer is too large: 255") and the web process crashed mid-test; there is no GPU here.
            pb.environment().put("WEBKIT_SKIA_ENABLE_CPU_RENDERING", "1");
            driverProcess = pb.start();
            awaitPort(port, Duration.ofSeconds(20));

            MutableCapabilities caps = new MutableCapabilities();
            // MiniBrowser's own proxy option, not the WebDriver proxy capability: WebKitWebDriver turns the
            // capability's sslProxy into an https:// proxy URL, so HTTPS reached the trap as TLS it cannot read,
            // where MiniBrowser's http:// proxy sends a plain CONNECT naming the host.
            caps.setCapability("webkitgtk:browserOptions", Map.of("args", List.of("--automation",
                    "--proxy=" + trap.proxyAddress(), "--ignore-host=127.0.0.1")));
            RemoteWebDriver driver = new RemoteWebDriver(URI.create("http://127.0.0.1:" + port).toURL(), caps);
            driver.manage().timeouts().scriptTimeout(Duration.ofMinutes(2));
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
            return new WebKitBrowser(xvfb, driverProcess, log, driver, trap);
        } catch (IOException | RuntimeException e) {
            trap.close();
            stop(driverProcess);
            stop(xvfb);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    @Override
    public String engine() {
        return "webkitgtk";
    }

    @Override
    public RequestTrap trap() {
        return trap;
    }

    @Override
    public List<String> diagnostics() {
        List<String> lines = new ArrayList<>();
        try {
            List<String> all = Files.readAllLines(driverLog, StandardCharsets.UTF_8);
            lines.add("---- WebKitWebDriver/MiniBrowser output (last 60 lines) ----");
            lines.addAll(all.subList(Math.max(0, all.size() - 60), all.size()));
        } catch (IOException e) {
            lines.add("(no driver log: " + e + ")");
        }
        return lines;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } catch (RuntimeException e) {
            // The browser may be gone already; the processes are stopped below either way.
        } finally {
            trap.close();
            stop(driverProcess);
            stop(xvfb);
            try {
                Files.deleteIfExists(driverLog);
            } catch (IOException e) {
                // A temp file left behind is harmless.
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static void awaitPort(int port, Duration timeout) throws IOException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                if (System.nanoTime() > end) {
                    throw new IOException("nothing listens on port " + port + " after " + timeout, e);
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IOException(interrupted);
                }
            }
        }
    }

    /**
     * Starts Xvfb on a display no other X server uses. Not {@code -displayfd}: it picks the lowest free number, :0,
     * where MiniBrowser was seen to hang at start on a shared machine (an X server of another container answering on
     * the abstract socket). A number from the high range instead, the next one where the lock is taken.
     */
    private static Process startXvfb(String[] display) throws IOException {
        int first = 200 + (int) (ProcessHandle.current().pid() % 500);
        for (int n = first; n < first + 50; n++) {
            if (Files.exists(Path.of("/tmp/.X" + n + "-lock")) || Files.exists(Path.of("/tmp/.X11-unix/X" + n))) {
                continue;
            }
            Process xvfb = new ProcessBuilder(XVFB, ":" + n, "-screen", "0", "1280x1024x24", "-nolisten", "tcp",
                    "-displayfd", "1").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try {
                // With a display given, -displayfd writes it back once the server accepts clients.
                String ready = readLine(xvfb, Duration.ofSeconds(20)).trim();
                display[0] = ":" + ready;
                return xvfb;
            } catch (IOException e) {
                stop(xvfb);
            }
        }
        throw new IOException("no free X display from :" + first);
    }

    /** The first line a process writes on stdout, within the timeout. */
    private static String readLine(Process process, Duration timeout) throws IOException {
        StringBuilder line = new StringBuilder();
        long end = System.nanoTime() + timeout.toNanos();
        var in = process.getInputStream();
        while (System.nanoTime() < end) {
            if (in.available() > 0) {
                int c = in.read();
                if (c == '\n' || c < 0) {
                    return line.toString();
                }
                line.append((char) c);
            } else if (!process.isAlive()) {
                throw new IOException("Xvfb exited with " + process.exitValue());
            } else {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
        }
        throw new IOException("Xvfb gave no display number within " + timeout);
    }

    static void stop(Process process) {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}

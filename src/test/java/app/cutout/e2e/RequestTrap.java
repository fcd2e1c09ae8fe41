package app.cutout.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A proxy that forwards nothing: it records every request the browser tries to send off this machine and answers 403.
 *
 * <p>The browser is started with {@code --proxy-server} pointing here. Chromium never proxies loopback addresses
 * (its implicit bypass rules), so the site under test is reached directly while anything else, plain HTTP or an
 * HTTPS {@code CONNECT} tunnel, ends up in {@link #requests()}. A privacy claim such as "the photo never leaves the
 * device" can then be checked as "the trap caught nothing".
 */
public final class RequestTrap implements AutoCloseable {
    /** One request that tried to leave: its request line (e.g. {@code CONNECT example.com:443 HTTP/1.1}) and Host. */
    public record Trapped(String requestLine, String host) {
        /** True for the browser's own background services, redirected to {@link #BROWSER_OWN_HOST}. */
        public boolean fromBrowserItself() {
            String name = host.contains(":") ? host.substring(0, host.lastIndexOf(':')) : host;
            return name.equalsIgnoreCase(BROWSER_OWN_HOST);
        }

        @Override
        public String toString() {
            return requestLine + " (Host: " + host + ")";
        }
    }

    /**
     * Sentinel host that the test browsers point their own background services at ({@link Browser}: Chromium's account
     * list and component updater; {@link FirefoxBrowser}: Firefox's remote settings and media plug-in updates).
     * Requests to it are still caught and answered 403, but they are the browser's, not the page's.
     */
    public static final String BROWSER_OWN_HOST = "chromium-internal.invalid";

    private static final byte[] FORBIDDEN = ("HTTP/1.1 403 Forbidden\r\n"
            + "Content-Type: text/plain\r\nContent-Length: 28\r\nConnection: close\r\n\r\n"
            + "Blocked by the request trap\n").getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket server;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "request-trap");
        t.setDaemon(true);
        return t;
    });
    private final List<Trapped> requests = new ArrayList<>();

    private RequestTrap(ServerSocket server) {
        this.server = server;
    }

    /** Listens on an ephemeral loopback port. */
    public static RequestTrap start() {
        try {
            RequestTrap trap = new RequestTrap(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
            trap.workers.execute(trap::acceptLoop);
            return trap;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the request trap", e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The value for Chromium's {@code --proxy-server}. */
    public String proxyAddress() {
        return "http://127.0.0.1:" + port();
    }

    /** What the pages tried to send off this machine, in arrival order; the browser's own traffic is left out. */
    public List<Trapped> requests() {
        return all().stream().filter(r -> !r.fromBrowserItself()).toList();
    }

    /** Everything caught, the browser's own background traffic included. */
    public List<Trapped> all() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // Closing only stops the accept loop; nothing to recover.
        }
        workers.shutdownNow();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                workers.execute(() -> answer(socket));
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                // A failed accept must not stop the trap; the next connection may be fine.
            }
        }
    }

    private void answer(Socket socket) {
        try (socket) {
            // Chromium may open a spare connection and never use it; do not keep a worker forever.
            socket.setSoTimeout(30_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            String requestLine = in.readLine();
            if (requestLine == null || requestLine.isBlank()) {
                return;
            }
            String host = "";
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                if (line.toLowerCase(Locale.ROOT).startsWith("host:")) {
                    host = line.substring(5).trim();
                }
            }
            // Record before answering, so a page that has seen the failure can rely on the record being there.
            synchronized (requests) {
                requests.add(new Trapped(requestLine, host));
            }
            OutputStream out = socket.getOutputStream();
            out.write(FORBIDDEN);
            out.flush();
        } catch (IOException e) {
            // The browser gave up on the connection; there is nothing to record or answer.
        }
    }
}

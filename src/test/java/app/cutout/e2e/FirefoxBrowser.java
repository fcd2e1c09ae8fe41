package app.cutout.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.json.Json;

/**
 * Debian's Firefox ESR driven over WebDriver BiDi, which Firefox serves itself ({@code --remote-debugging-port}).
 * geckodriver is not packaged by Debian and nothing may be downloaded, so this is a small BiDi client of its own over
 * the JDK's WebSocket (one test language, no driver binary, no Selenium session), using only standard commands: {@code session.new}, {@code browsingContext.navigate|reload|captureScreenshot},
 * {@code script.callFunction}, {@code input.setFiles} and {@code input.performActions}.
 *
 * <p>The fresh profile's prefs point every HTTP and HTTPS request at a {@link RequestTrap} (Firefox never proxies
 * loopback, so the site is reached directly) and turn Firefox's own background services off. The profile is deleted
 * on {@link #close()}.
 */
final class FirefoxBrowser implements FlowPage {
    static final String FIREFOX = "/usr/bin/firefox-esr";
    private static final Json JSON = new Json();
    private static final Duration COMMAND = Duration.ofMinutes(3);
    /** Where Firefox's own services that cannot be turned off are sent: the trap catches and labels them. */
    private static final String OWN = "http://" + RequestTrap.BROWSER_OWN_HOST;
    private static final Pattern LISTENING = Pattern.compile("WebDriver BiDi listening on (ws://\\S+)");

    private final Process process;
    private final Path profile;
    private final RequestTrap trap;
    private final List<String> output = new ArrayList<>();
    private final List<String> console = new ArrayList<>();
    private final Map<Integer, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private WebSocket socket;
    private String context;

    private FirefoxBrowser(Process process, Path profile, RequestTrap trap) {
        this.process = process;
        this.profile = profile;
        this.trap = trap;
    }

    static FirefoxBrowser start() {
        if (!Files.isExecutable(Path.of(FIREFOX))) {
            throw new IllegalStateException(FIREFOX + " is missing: install Debian's firefox-esr package "
                    + "(./cutout test does)");
        }
        RequestTrap trap = RequestTrap.start();
        Path profile = null;
        FirefoxBrowser browser = null;
        try {
            profile = Files.createTempDirectory("cutout-firefox-");
            Files.writeString(profile.resolve("user.js"), prefs(trap.port()));
            ProcessBuilder builder = new ProcessBuilder(FIREFOX, "--headless", "--no-remote", "--new-instance",
                    "--profile", profile.toString(), "--remote-debugging-port=0", "--width=1280", "--height=900",
                    "about:blank").redirectErrorStream(true);
            builder.environment().put("MOZ_REMOTE_SETTINGS_DEVTOOLS", "1");
            // Firefox writes large stored responses (the 44 MB model) through temporary files it leaves behind: in
            // the profile, they go with it.
            builder.environment().put("TMPDIR", profile.toString());
            Process process = builder.start();
            browser = new FirefoxBrowser(process, profile, trap);
            browser.connect(browser.awaitEndpoint(Duration.ofSeconds(60)));
            return browser;
        } catch (IOException | RuntimeException e) {
            if (browser != null) {
                browser.close();
            } else {
                trap.close();
                FileTrees.delete(profile);
            }
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /**
     * The profile: all traffic through the trap, and Firefox's own services (updates, telemetry, Safe Browsing,
     * captive-portal and connectivity checks, remote settings, push, suggestions) off, so whatever the trap still
     * catches came from the page.
     */
    static String prefs(int trapPort) {
        Map<String, Object> prefs = new LinkedHashMap<>();
        prefs.put("network.proxy.type", 1);
        prefs.put("network.proxy.http", "127.0.0.1");
        prefs.put("network.proxy.http_port", trapPort);
        prefs.put("network.proxy.ssl", "127.0.0.1");
        prefs.put("network.proxy.ssl_port", trapPort);
        prefs.put("network.proxy.share_proxy_settings", false);
        prefs.put("network.proxy.no_proxies_on", "");
        prefs.put("network.proxy.allow_hijacking_localhost", false);
        prefs.put("network.proxy.socks_remote_dns", true);
        prefs.put("network.trr.mode", 5);
        prefs.put("network.dns.disablePrefetch", true);
        prefs.put("network.prefetch-next", false);
        prefs.put("network.predictor.enabled", false);
        prefs.put("network.http.speculative-parallel-limit", 0);
        prefs.put("network.captive-portal-service.enabled", false);
        prefs.put("network.connectivity-service.enabled", false);
        prefs.put("app.update.disabledForTesting", true);
        prefs.put("app.update.auto", false);
        prefs.put("app.normandy.enabled", false);
        prefs.put("app.shield.optoutstudies.enabled", false);
        prefs.put("browser.safebrowsing.malware.enabled", false);
        prefs.put("browser.safebrowsing.phishing.enabled", false);
        prefs.put("browser.safebrowsing.downloads.enabled", false);
        prefs.put("browser.safebrowsing.blockedURIs.enabled", false);
        prefs.put("browser.safebrowsing.provider.mozilla.updateURL", "");
        prefs.put("browser.safebrowsing.provider.google4.updateURL", "");
        prefs.put("browser.search.update", false);
        prefs.put("browser.search.suggest.enabled", false);
        prefs.put("browser.urlbar.suggest.searches", false);
        prefs.put("browser.newtabpage.enabled", false);
        prefs.put("browser.newtabpage.activity-stream.feeds.system.topstories", false);
        prefs.put("browser.newtabpage.activity-stream.feeds.snippets", false);
        prefs.put("browser.startup.homepage", "about:blank");
        prefs.put("browser.startup.page", 0);
        prefs.put("browser.shell.checkDefaultBrowser", false);
        prefs.put("browser.ping-centre.telemetry", false);
        prefs.put("browser.region.network.url", "");
        prefs.put("browser.region.update.enabled", false);
        prefs.put("datareporting.healthreport.uploadEnabled", false);
        prefs.put("datareporting.policy.dataSubmissionEnabled", false);
        prefs.put("toolkit.telemetry.enabled", false);
        prefs.put("toolkit.telemetry.unified", false);
        prefs.put("toolkit.telemetry.server", "");
        // Remote settings (blocklists, certificate data, suggestions) cannot be turned off; their server is moved to
        // the trap's sentinel host instead, which release builds allow only with MOZ_REMOTE_SETTINGS_DEVTOOLS set.
        prefs.put("services.settings.server", OWN + "/v1");
        prefs.put("extensions.update.enabled", false);
        prefs.put("extensions.getAddons.cache.enabled", false);
        prefs.put("extensions.systemAddon.update.enabled", false);
        prefs.put("dom.push.enabled", false);
        prefs.put("dom.push.connection.enabled", false);
        // Media plug-ins (OpenH264, Widevine) are fetched from Mozilla's and Google's update servers.
        prefs.put("media.gmp-manager.url", OWN + "/gmp");
        prefs.put("media.gmp-manager.updateEnabled", false);
        prefs.put("media.gmp-gmpopenh264.enabled", false);
        prefs.put("media.gmp-gmpopenh264.autoupdate", false);
        prefs.put("media.gmp-widevinecdm.enabled", false);
        prefs.put("media.gmp-widevinecdm.visible", false);
        prefs.put("media.gmp-widevinecdm.autoupdate", false);
        prefs.put("media.eme.enabled", false);
        prefs.put("geo.provider.network.url", "");
        prefs.put("identity.fxaccounts.enabled", false);
        prefs.put("security.OCSP.enabled", 0);
        prefs.put("security.remote_settings.crlite_filters.enabled", false);
        prefs.put("security.remote_settings.intermediates.enabled", false);
        prefs.put("browser.contentblocking.report.lockwise.enabled", false);
        prefs.put("privacy.trackingprotection.enabled", false);
        prefs.put("browser.tabs.remote.autostart", true);
        // Downloads (the app's export links) must not open a dialog.
        prefs.put("browser.download.useDownloadDir", true);
        prefs.put("browser.download.folderList", 2);
        StringBuilder js = new StringBuilder();
        prefs.forEach((name, value) -> js.append("user_pref(\"").append(name).append("\", ")
                .append(value instanceof String s ? "\"" + s + "\"" : value).append(");\n"));
        return js.toString();
    }

    private String awaitEndpoint(Duration timeout) throws IOException {
        CompletableFuture<String> endpoint = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    synchronized (output) {
                        output.add(line);
                    }
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        endpoint.complete(m.group(1));
                    }
                }
            } catch (IOException e) {
                // Firefox closed its output; the endpoint wait below reports what was seen.
            }
            endpoint.complete(null);
        }, "firefox-output");
        reader.setDaemon(true);
        reader.start();
        try {
            String url = endpoint.get(timeout.toSeconds(), TimeUnit.SECONDS);
            if (url == null) {
                throw new IOException("Firefox exited without a BiDi endpoint: " + output);
            }
            return url;
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IOException("Firefox did not open its BiDi endpoint in " + timeout + ": " + output, e);
        }
    }

    private void connect(String endpoint) {
        socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(endpoint + "/session"), new Listener()).join();
        command("session.new", Map.of("capabilities", Map.of("alwaysMatch", Map.of("acceptInsecureCerts", false,
                "unhandledPromptBehavior", Map.of("default", "dismiss")))));
        command("session.subscribe", Map.of("events", List.of("log.entryAdded")));
        Map<String, Object> tree = command("browsingContext.getTree", Map.of("maxDepth", 0));
        List<?> contexts = (List<?>) tree.get("contexts");
        context = (String) ((Map<?, ?>) contexts.get(0)).get("context");
        command("browsingContext.setViewport", Map.of("context", context, "viewport", Map.of("width", 1280,
                "height", 900)));
    }

    /** Sends one command and waits for its result; a BiDi error becomes an AssertionError. */
    Map<String, Object> command(String method, Map<String, ?> params) {
        int id = ids.incrementAndGet();
        CompletableFuture<Map<String, Object>> answer = new CompletableFuture<>();
        pending.put(id, answer);
        String message = JSON.toJson(Map.of("id", id, "method", method, "params", params));
        synchronized (this) {
            socket.sendText(message, true).join();
        }
        Map<String, Object> reply;
        try {
            reply = answer.get(COMMAND.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("firefox: no answer to " + method + " within " + COMMAND, e);
        } finally {
            pending.remove(id);
        }
        if ("error".equals(reply.get("type"))) {
            throw new AssertionError("firefox: " + method + " failed: " + reply.get("error") + ": "
                    + reply.get("message"));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) reply.get("result");
        return result;
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                Map<String, Object> message = JSON.toType(text, Json.MAP_TYPE);
                Object id = message.get("id");
                if (id instanceof Number n) {
                    CompletableFuture<Map<String, Object>> answer = pending.get(n.intValue());
                    if (answer != null) {
                        answer.complete(message);
                    }
                } else if ("log.entryAdded".equals(message.get("method"))) {
                    Map<?, ?> params = (Map<?, ?>) message.get("params");
                    synchronized (console) {
                        console.add(params.get("level") + " " + params.get("text"));
                    }
                }
            }
            webSocket.request(1);
            return null;
        }
    }

    @Override
    public String engine() {
        return "firefox";
    }

    @Override
    public void open(String url) {
        command("browsingContext.navigate", Map.of("context", context, "url", url, "wait", "complete"));
    }

    @Override
    public void reload() {
        command("browsingContext.reload", Map.of("context", context, "wait", "complete"));
    }

    @Override
    public Object script(String body, Object... args) {
        return call("function() {\n" + body + "\n}", args);
    }

    @Override
    public Object asyncScript(String body, Object... args) {
        return call("function() { return new Promise((done) => {\n" + body + "\n}); }", args);
    }

    private Object call(String function, Object... args) {
        List<Object> arguments = new ArrayList<>();
        for (Object arg : args) {
            arguments.add(serialize(arg));
        }
        Map<String, Object> result = command("script.callFunction", Map.of("functionDeclaration", function,
                "awaitPromise", true, "target", Map.of("context", context), "arguments", arguments,
                "resultOwnership", "none"));
        if ("exception".equals(result.get("type"))) {
            Map<?, ?> details = (Map<?, ?>) result.get("exceptionDetails");
            throw new AssertionError("firefox: script failed: " + details.get("text"));
        }
        return deserialize(result.get("result"));
    }

    private static Map<String, Object> serialize(Object value) {
        if (value == null) {
            return Map.of("type", "null");
        }
        if (value instanceof String s) {
            return Map.of("type", "string", "value", s);
        }
        if (value instanceof Number n) {
            return Map.of("type", "number", "value", n);
        }
        if (value instanceof Boolean b) {
            return Map.of("type", "boolean", "value", b);
        }
        throw new IllegalArgumentException("cannot pass " + value.getClass() + " to a script");
    }

    /** A BiDi remote value as plain Java: strings, numbers, booleans, lists and maps; nodes as their sharedId. */
    private static Object deserialize(Object remote) {
        if (!(remote instanceof Map<?, ?> value)) {
            return remote;
        }
        Object type = value.get("type");
        Object v = value.get("value");
        switch (String.valueOf(type)) {
            case "undefined", "null":
                return null;
            case "string", "boolean":
                return v;
            case "number":
                if (v instanceof Number n) {
                    return n.doubleValue() == Math.rint(n.doubleValue()) && Math.abs(n.doubleValue()) < 1e15
                            ? (Object) n.longValue() : (Object) n.doubleValue();
                }
                return v;
            case "array":
                List<Object> list = new ArrayList<>();
                for (Object item : (List<?>) v) {
                    list.add(deserialize(item));
                }
                return list;
            case "object":
                Map<String, Object> map = new LinkedHashMap<>();
                for (Object entry : (List<?>) v) {
                    List<?> pair = (List<?>) entry;
                    Object key = pair.get(0);
                    map.put(key instanceof String s ? s : String.valueOf(deserialize(key)), deserialize(pair.get(1)));
                }
                return map;
            case "node":
                return value.get("sharedId");
            default:
                return String.valueOf(type);
        }
    }

    @Override
    public void upload(String css, List<Path> files) {
        Map<String, Object> found = command("script.evaluate", Map.of("expression",
                "(() => { const e = document.querySelector(" + JSON.toJson(css) + "); e.value = ''; return e; })()",
                "awaitPromise", false, "target", Map.of("context", context), "resultOwnership", "none"));
        Map<?, ?> node = (Map<?, ?>) found.get("result");
        if (node == null || !"node".equals(node.get("type"))) {
            throw new AssertionError("firefox: no file input " + css + ": " + found);
        }
        command("input.setFiles", Map.of("context", context, "element", Map.of("sharedId", node.get("sharedId")),
                "files", files.stream().map(p -> p.toAbsolutePath().toString()).toList()));
    }

    @Override
    public void drag(int[] from, int[] to) {
        List<Map<String, Object>> steps = new ArrayList<>();
        steps.add(Map.of("type", "pointerMove", "x", from[0], "y", from[1], "duration", 0));
        steps.add(Map.of("type", "pointerDown", "button", 0));
        for (int step = 1; step <= 10; step++) {
            steps.add(Map.of("type", "pointerMove", "x", from[0] + (to[0] - from[0]) * step / 10,
                    "y", from[1] + (to[1] - from[1]) * step / 10, "duration", 20));
        }
        steps.add(Map.of("type", "pointerUp", "button", 0));
        command("input.performActions", Map.of("context", context, "actions", List.of(Map.of("type", "pointer",
                "id", "mouse", "parameters", Map.of("pointerType", "mouse"), "actions", steps))));
        command("input.releaseActions", Map.of("context", context));
    }

    @Override
    public byte[] screenshotPng() {
        Map<String, Object> shot = command("browsingContext.captureScreenshot", Map.of("context", context));
        return Base64.getDecoder().decode((String) shot.get("data"));
    }

    @Override
    public RequestTrap trap() {
        return trap;
    }

    @Override
    public List<String> diagnostics() {
        List<String> lines = new ArrayList<>();
        lines.add("---- console ----");
        synchronized (console) {
            lines.addAll(console);
        }
        lines.add("---- firefox output (last 40 lines) ----");
        synchronized (output) {
            lines.addAll(output.subList(Math.max(0, output.size() - 40), output.size()));
        }
        return lines;
    }

    @Override
    public void close() {
        try {
            if (socket != null) {
                try {
                    command("browser.close", Map.of());
                } catch (AssertionError | RuntimeException e) {
                    // Closing is best effort; the process is stopped below.
                }
                socket.abort();
            }
        } finally {
            WebKitBrowser.stop(process);
            trap.close();
            FileTrees.delete(profile);
        }
    }
}

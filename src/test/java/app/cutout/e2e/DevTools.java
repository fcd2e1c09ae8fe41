package app.cutout.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.openqa.selenium.HasCapabilities;
import org.openqa.selenium.json.Json;

/**
 * A raw Chrome DevTools Protocol connection to the test browser, for what WebDriver cannot reach: the app's module
 * workers. Their globals are invisible to page scripts, but DevTools attaches to each worker as its own target and
 * evaluates code in its scope, as a developer would in the console.
 *
 * <p>It talks to the browser's own DevTools endpoint on loopback (ChromeDriver's {@code debuggerAddress}), with the
 * JDK's WebSocket client and Selenium's JSON codec; nothing is added to the product.
 */
final class DevTools implements AutoCloseable {
    private static final Json JSON = new Json();
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final WebSocket socket;
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final Map<Integer, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();
    /** Workers attached so far: session id to the attached target's info. */
    private final Map<String, Map<String, Object>> workers = new ConcurrentHashMap<>();

    private DevTools(WebSocket socket) {
        this.socket = socket;
    }

    static DevTools connect(Browser browser) {
        Object options = ((HasCapabilities) browser.driver()).getCapabilities().getCapability("goog:chromeOptions");
        if (!(options instanceof Map<?, ?> map) || !(map.get("debuggerAddress") instanceof String address)) {
            throw new IllegalStateException("ChromeDriver reported no debuggerAddress: " + options);
        }
        HttpClient http = HttpClient.newHttpClient();
        try {
            String version = http.send(HttpRequest.newBuilder(URI.create("http://" + address + "/json/version"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            Map<String, Object> info = JSON.toType(version, Json.MAP_TYPE);
            DevTools[] self = new DevTools[1];
            StringBuilder partial = new StringBuilder();
            WebSocket socket = http.newWebSocketBuilder().buildAsync(
                    URI.create((String) info.get("webSocketDebuggerUrl")), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                            partial.append(data);
                            if (last) {
                                String text = partial.toString();
                                partial.setLength(0);
                                while (self[0] == null) {
                                    Thread.onSpinWait();
                                }
                                self[0].receive(text);
                            }
                            ws.request(1);
                            return null;
                        }
                    }).get(30, TimeUnit.SECONDS);
            self[0] = new DevTools(socket);
            return self[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot connect to the browser's DevTools at " + address, e);
        }
    }

    private void receive(String text) {
        Map<String, Object> message = JSON.toType(text, Json.MAP_TYPE);
        if (message.get("id") instanceof Number id) {
            CompletableFuture<Map<String, Object>> future = pending.remove(id.intValue());
            if (future != null) {
                future.complete(message);
            }
        } else if ("Target.attachedToTarget".equals(message.get("method"))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> params = (Map<String, Object>) message.get("params");
            @SuppressWarnings("unchecked")
            Map<String, Object> target = (Map<String, Object>) params.get("targetInfo");
            if ("worker".equals(target.get("type"))) {
                workers.put((String) params.get("sessionId"), target);
            }
        }
    }

    /** Sends a command (to the browser when {@code sessionId} is null) and returns its result. */
    Map<String, Object> send(String sessionId, String method, Map<String, Object> params) {
        int id = nextId.getAndIncrement();
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", id);
        message.put("method", method);
        message.put("params", params);
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        CompletableFuture<Map<String, Object>> future = new CompletableFuture<>();
        pending.put(id, future);
        synchronized (socket) {
            socket.sendText(JSON.toJson(message), true).join();
        }
        try {
            Map<String, Object> reply = future.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (reply.get("error") != null) {
                throw new IllegalStateException(method + " failed: " + reply.get("error"));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> result = (Map<String, Object>) reply.get("result");
            return result;
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException(method + " got no answer", e);
        }
    }

    /** The session of the page whose URL starts with {@code urlPrefix}, with its workers auto-attached. */
    String attachPage(String urlPrefix) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> targets = (List<Map<String, Object>>) send(null, "Target.getTargets", Map.of())
                .get("targetInfos");
        for (Map<String, Object> target : targets) {
            if ("page".equals(target.get("type")) && ((String) target.get("url")).startsWith(urlPrefix)) {
                String session = (String) send(null, "Target.attachToTarget",
                        Map.of("targetId", target.get("targetId"), "flatten", true)).get("sessionId");
                send(session, "Target.setAutoAttach", Map.of("autoAttach", true, "waitForDebuggerOnStart", false,
                        "flatten", true));
                return session;
            }
        }
        throw new IllegalStateException("No page at " + urlPrefix + " among " + targets);
    }

    /**
     * The session of the page's dedicated worker whose {@code self.name} is {@code name} ("cutout-inference" for the
     * app's inference worker); waits for it to be attached.
     */
    String worker(String name) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (String session : new ArrayList<>(workers.keySet())) {
                try {
                    if (name.equals(evaluate(session, "self.name"))) {
                        return session;
                    }
                } catch (IllegalStateException e) {
                    // A worker that ended (a cancelled run's) is still listed for a moment.
                    workers.remove(session);
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("No worker named " + name + " among " + workers.values());
    }

    /** Evaluates an expression (awaiting a promise) in the session's global scope and returns its JSON value. */
    Object evaluate(String session, String expression) {
        Map<String, Object> params = new HashMap<>();
        params.put("expression", expression);
        params.put("awaitPromise", true);
        params.put("returnByValue", true);
        Map<String, Object> result = send(session, "Runtime.evaluate", params);
        if (result.get("exceptionDetails") != null) {
            throw new IllegalStateException("Evaluating " + expression + " failed: " + result.get("exceptionDetails"));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> value = (Map<String, Object>) result.get("result");
        return value.get("value");
    }

    /** Collects garbage in the session's isolate, then returns its JS heap's used bytes (wasm GC objects included). */
    long heapUsed(String session) {
        return ((Number) heapUsage(session).get("usedSize")).longValue();
    }

    /**
     * After a garbage collection, {@code Runtime.getHeapUsage}: {@code usedSize} (the JS heap, wasm GC objects
     * included) and, in recent Chromium, {@code backingStorageSize} (ArrayBuffer backing stores of that context;
     * shared memory, such as a threaded WebAssembly module's, is not among them).
     */
    Map<String, Object> heapUsage(String session) {
        send(session, "HeapProfiler.collectGarbage", Map.of());
        return send(session, "Runtime.getHeapUsage", Map.of());
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null)
                .join();
    }
}

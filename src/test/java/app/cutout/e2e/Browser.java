package app.cutout.e2e;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven by the Debian chromedriver, with a fresh profile and a {@link RequestTrap} behind
 * {@code --proxy-server}.
 *
 * <p>Both binaries are given explicitly so Selenium Manager never runs (it would try to download a browser). The
 * profile directory is deleted on {@link #close()}.
 */
public final class Browser implements AutoCloseable {
    public static final String CHROMIUM = "/usr/bin/chromium";
    public static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    /** The flags every test browser gets; quiet, no background traffic, nothing kept between runs. */
    static final List<String> BASE_FLAGS = List.of("--headless", "--no-sandbox", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync");

    /**
     * WebGPU on this machine exists only as SwiftShader (Dawn's Vulkan backend on the CPU). In Chromium 156
     * --enable-unsafe-webgpu alone already yields it, on the page and in dedicated workers; naming the adapter keeps
     * the software one even where a GPU exists. WebGpuProbeIT checks both contexts.
     */
    public static final List<String> WEBGPU_FLAGS = List.of("--enable-unsafe-webgpu",
            "--use-webgpu-adapter=swiftshader");

    /**
     * Chromium's own background services do not all stop with --disable-background-networking: the account list
     * (IdentityManager asks accounts.google.com for every regular profile, with no switch to stop it) and on-demand
     * component installs still go out. The URL flags point them at {@link RequestTrap#BROWSER_OWN_HOST}, so the trap
     * still catches them (nothing leaves) yet tells them apart from requests the page makes. Network time queries
     * and optimization hints (which Debian's API keys turn on) have feature switches and are simply turned off, as
     * are autofill's server queries (Chromium asks content-autofill.googleapis.com about a page's typed fields, such
     * as the editor's custom size: the browser's own service, carrying no page data).
     */
    static final List<String> QUIET_FLAGS = List.of(
            "--gaia-url=http://" + RequestTrap.BROWSER_OWN_HOST + "/",
            "--component-updater=url-source=http://" + RequestTrap.BROWSER_OWN_HOST + "/update",
            "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,AutofillServerCommunication");

    /**
     * Profile preferences with the same aim: Debian's build opens its start page (start.duckduckgo.com) in a tab at
     * launch unless told to start with about:blank, and network prediction would preconnect to hosts on its own.
     */
    static final Map<String, Object> QUIET_PREFS = Map.of(
            "session.restore_on_startup", 4,
            "session.startup_urls", List.of("about:blank"),
            "net.network_prediction_options", 2);

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final RequestTrap trap;
    private final Path profile;
    private final List<String> console = new ArrayList<>();

    private Browser(ChromeDriverService service, ChromeDriver driver, RequestTrap trap, Path profile) {
        this.service = service;
        this.driver = driver;
        this.trap = trap;
        this.profile = profile;
    }

    /** A browser without WebGPU. */
    public static Browser start() {
        return builder().build();
    }

    /** A browser with the SwiftShader WebGPU adapter enabled. */
    public static Browser withWebGpu() {
        return builder().webGpu(true).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder for the rarer set-ups (WebGPU, extra flags while investigating). */
    public static final class Builder {
        private boolean webGpu;
        private final List<String> extraFlags = new ArrayList<>();

        public Builder webGpu(boolean on) {
            this.webGpu = on;
            return this;
        }

        /**
         * Adds a command-line flag. Chromium keeps only the last --enable-features and the last
         * --disable-features, so a flag of that kind replaces {@link #QUIET_FLAGS}' or WebGPU's list.
         */
        public Builder flag(String flag) {
            extraFlags.add(flag);
            return this;
        }

        public Browser build() {
            for (String binary : List.of(CHROMIUM, CHROMEDRIVER)) {
                if (!Files.isExecutable(Path.of(binary))) {
                    throw new IllegalStateException(binary + " is missing: install Debian's chromium and "
                            + "chromium-driver packages (apt-get install chromium chromium-driver)");
                }
            }
            RequestTrap trap = RequestTrap.start();
            Path profile = null;
            ChromeDriverService service = null;
            try {
                profile = Files.createTempDirectory("cutout-chromium-");
                ChromeOptions options = new ChromeOptions();
                options.setBinary(CHROMIUM);
                options.addArguments(BASE_FLAGS);
                options.addArguments(QUIET_FLAGS);
                options.addArguments("--user-data-dir=" + profile, "--proxy-server=" + trap.proxyAddress(),
                        "--window-size=1280,900");
                if (webGpu) {
                    options.addArguments(WEBGPU_FLAGS);
                }
                options.addArguments(extraFlags);
                options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
                options.setExperimentalOption("prefs", QUIET_PREFS);
                service = new ChromeDriverService.Builder()
                        .usingDriverExecutable(new File(CHROMEDRIVER))
                        .usingAnyFreePort()
                        .build();
                ChromeDriver driver = new ChromeDriver(service, options);
                // Inference on 2 cores takes minutes; result blobs are fetched through executeAsyncScript.
                driver.manage().timeouts().scriptTimeout(Duration.ofMinutes(2));
                return new Browser(service, driver, trap, profile);
            } catch (IOException | RuntimeException e) {
                trap.close();
                if (service != null) {
                    service.stop();
                }
                FileTrees.delete(profile);
                throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
            }
        }
    }

    public WebDriver driver() {
        return driver;
    }

    public RequestTrap trap() {
        return trap;
    }

    public void open(String url) {
        driver.get(url);
    }

    /** Waits until the element's attribute equals {@code value}; returns the element. */
    public WebElement waitForAttribute(String css, String attribute, String value, Duration timeout) {
        waitForAttribute(css, attribute, value::equals, timeout);
        return driver.findElement(By.cssSelector(css));
    }

    /**
     * Waits until the element exists and its attribute satisfies {@code accept}; returns the attribute's value.
     * Use a predicate that also accepts terminal failure values (e.g. {@code done} or {@code error}) to fail fast.
     */
    public String waitForAttribute(String css, String attribute, Predicate<String> accept, Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(250));
        try {
            return wait.until(d -> {
                List<WebElement> found = d.findElements(By.cssSelector(css));
                if (found.isEmpty()) {
                    return null;
                }
                String actual = found.get(0).getDomAttribute(attribute);
                return actual != null && accept.test(actual) ? actual : null;
            });
        } catch (TimeoutException e) {
            List<WebElement> found = driver.findElements(By.cssSelector(css));
            String last = found.isEmpty() ? "(no element)" : String.valueOf(found.get(0).getDomAttribute(attribute));
            throw new AssertionError("Timed out after " + timeout + " waiting for " + css + "[" + attribute
                    + "]; last value: " + last, e);
        }
    }

    public String attribute(String css, String attribute) {
        return driver.findElement(By.cssSelector(css)).getDomAttribute(attribute);
    }

    public String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    /** Selects an option of a {@code <select>} by value and fires the change event as a person's choice would. */
    public void select(String css, String value) {
        new Select(driver.findElement(By.cssSelector(css))).selectByValue(value);
    }

    /**
     * Puts a file into an {@code <input type=file>} the way WebDriver does it: sendKeys with the absolute path.
     * The input is emptied first, because ChromeDriver appends to a {@code multiple} input's earlier selection.
     */
    public void uploadFile(String css, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("No such file to upload: " + file);
        }
        WebElement input = driver.findElement(By.cssSelector(css));
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = '';", input);
        input.sendKeys(file.toAbsolutePath().toString());
    }

    /**
     * Fetches a URL from inside the page (so {@code blob:} URLs the page created work too) and returns the body.
     * Bytes cross the WebDriver boundary as base64, built in chunks to stay clear of argument-count limits.
     */
    public byte[] fetchBytes(String url) {
        Object result = ((JavascriptExecutor) driver).executeAsyncScript("""
                const url = arguments[0], done = arguments[arguments.length - 1];
                fetch(url)
                  .then(r => { if (!r.ok) throw new Error('HTTP ' + r.status); return r.arrayBuffer(); })
                  .then(buffer => {
                    const bytes = new Uint8Array(buffer);
                    let binary = '';
                    for (let i = 0; i < bytes.length; i += 0x8000) {
                      binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
                    }
                    done({ base64: btoa(binary) });
                  })
                  .catch(e => done({ error: String(e) }));
                """, url);
        if (!(result instanceof Map<?, ?> map) || !(map.get("base64") instanceof String base64)) {
            throw new AssertionError("Fetching " + url + " in the page failed: "
                    + (result instanceof Map<?, ?> m ? m.get("error") : result));
        }
        return Base64.getDecoder().decode(base64);
    }

    /** The browser console so far (page console API, uncaught errors, failed loads), oldest first. */
    public List<String> consoleLog() {
        synchronized (console) {
            try {
                for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
                    console.add(entry.getLevel() + " " + entry.getMessage());
                }
            } catch (RuntimeException e) {
                // The browser may have crashed; what was collected so far is still worth printing.
                console.add("(could not read the browser log: " + e + ")");
            }
            return List.copyOf(console);
        }
    }

    /** Prints what helps to understand a failure: the console and the trapped requests. */
    public void printDiagnostics(PrintStream out) {
        out.println("---- browser console ----");
        consoleLog().forEach(out::println);
        out.println("---- requests caught by the trap (browser's own marked *) ----");
        trap.all().forEach(r -> out.println((r.fromBrowserItself() ? "* " : "  ") + r));
        out.println("----");
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            trap.close();
            FileTrees.delete(profile);
        }
    }
}

package app.cutout.e2e;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/** A {@link FlowPage} over a classic WebDriver session (ChromeDriver, WebKitWebDriver). */
abstract class WebDriverPage implements FlowPage {
    protected final WebDriver driver;

    WebDriverPage(WebDriver driver) {
        this.driver = driver;
    }

    @Override
    public void open(String url) {
        driver.get(url);
    }

    @Override
    public void reload() {
        driver.navigate().refresh();
    }

    @Override
    public Object script(String body, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(body, args);
    }

    @Override
    public Object asyncScript(String body, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript("const done = arguments[arguments.length - 1];\n"
                + body, args);
    }

    @Override
    public void upload(String css, List<Path> files) {
        WebElement input = driver.findElement(By.cssSelector(css));
        script("arguments[0].value = '';", input);
        input.sendKeys(files.stream().map(p -> p.toAbsolutePath().toString()).collect(Collectors.joining("\n")));
    }

    @Override
    public void drag(int[] from, int[] to) {
        Actions actions = new Actions(driver);
        actions.moveToLocation(from[0], from[1]).clickAndHold();
        for (int step = 1; step <= 10; step++) {
            actions.moveToLocation(from[0] + (to[0] - from[0]) * step / 10, from[1] + (to[1] - from[1]) * step / 10);
        }
        actions.release().perform();
    }

    @Override
    public byte[] screenshotPng() {
        return ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
    }
}

package uk.nhs.stpgov.deploy.web;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.nhs.stpgov.deploy.support.Api;
import uk.nhs.stpgov.deploy.support.IntegrationTest;
import uk.nhs.stpgov.deploy.support.Scenario;
import uk.nhs.stpgov.deploy.support.TestUsers;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The web page in Debian's headless Chromium: sign in, pick a partnership, read its gaps, map and decisions. */
@IntegrationTest
class WebPageBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @LocalServerPort
    int port;
    WebDriver browser;

    @BeforeEach
    void chromium() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian chromium and chromium-driver are installed by .ci/run");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void quit() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aProgrammeOfficeSeesItsMapGapsAndDecisions() {
        Scenario s = new Scenario(new Api(port), "web").leedsMembers();
        s.accountable("THEME", "FINANCE", "ACCOUNTABLE", "15F", "Chief Finance Officer", LocalDate.of(2019, 4, 1), null, false);
        s.decision("Pooled budget for <b>mental health</b>", "FINANCE", null, "[\"Y05986\"]", LocalDate.of(2019, 6, 1), null);
        assertThat(s.read("/api/partnerships/" + s.pid + "/decisions")).hasSize(1); // every projection has the writes

        browser.get("http://localhost:" + port + "/");
        browser.findElement(By.id("username")).sendKeys(TestUsers.ADMIN);
        browser.findElement(By.id("password")).sendKeys(TestUsers.password(TestUsers.ADMIN));
        browser.findElement(By.id("sign-in-button")).click();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("tracker")));
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("partnership"))).selectByValue(s.pid);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("decisions"), "mental health"));

        String map = browser.findElement(By.id("map")).getText();
        assertThat(map).contains("Finance, capital and resource allocation").contains("15F Chief Finance Officer");
        String gaps = browser.findElement(By.id("gaps")).getText();
        assertThat(gaps).contains("NO_STATUTORY_DECIDER").contains("NO_ACCOUNTABLE");
        assertThat(browser.findElement(By.id("decisions")).getText())
                .as("data is shown as text, not markup").contains("Pooled budget for <b>mental health</b>");
    }

    @Test
    void wrongCredentialsAreRefusedOnThePage() {
        browser.get("http://localhost:" + port + "/");
        browser.findElement(By.id("username")).sendKeys(TestUsers.ADMIN);
        browser.findElement(By.id("password")).sendKeys("not-the-password");
        browser.findElement(By.id("sign-in-button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-error")));
        assertThat(browser.findElement(By.id("sign-in-error")).getText()).contains("Wrong username or password");
        assertThat(browser.findElement(By.id("tracker")).isDisplayed()).isFalse();
    }
}

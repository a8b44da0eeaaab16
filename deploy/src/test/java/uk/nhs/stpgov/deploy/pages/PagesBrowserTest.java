package uk.nhs.stpgov.deploy.pages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.nhs.stpgov.deploy.support.Api;
import uk.nhs.stpgov.deploy.support.IntegrationTest;
import uk.nhs.stpgov.deploy.support.Scenario;
import uk.nhs.stpgov.deploy.support.TestUsers;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The pages in Debian's headless Chromium (never a downloaded browser), one app and one browser for the class.
 * Every page a test opens is checked with axe-core (vendored from npm under test resources) for serious or
 * critical accessibility violations, and photographed into target/screenshots.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagesBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    WebDriver browser;
    String axe;
    Scenario s;
    String forum;

    @BeforeAll
    void chromiumAndAPartnership() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian chromium and chromium-driver are installed by .ci/run");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage", "--lang=en-GB", "--window-size=1400,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        try (var in = getClass().getResourceAsStream("/axe-core/axe.min.js")) {
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Files.createDirectories(SCREENSHOTS);

        s = new Scenario(new Api(port), "pages").leedsMembers();
        forum = s.forum("Leeds Health and Care Partnership Board", "PARTNERSHIP_BOARD",
                "[\"RR8\",\"15F\",\"E08000035\"]", "[\"FINANCE\",\"RISK\"]");
        s.accountable("THEME", "FINANCE", "ACCOUNTABLE", "15F", "Chief Finance Officer", LocalDate.of(2019, 4, 1),
                null, false);
        s.decision("Pooled budget for <b>mental health</b>", "FINANCE", null, "[\"Y05986\"]",
                LocalDate.of(2019, 6, 1), null);
        // Text in several lines, as minutes are written (each of these made every page showing it answer 500).
        s.post("/api/partnerships/" + s.pid + "/decisions", """
                {"reference":"JC/2018/014","title":"Adopt the system control total, 2018/19","theme":"FINANCE",
                 "decidingOdsCodes":["RR8","15F"],"outcome":"APPROVED",
                 "rationale":"Agreed at the joint committee.\\nSubject to each board ratifying.","decidedOn":"2018-05-24"}""");
        s.post("/api/partnerships/" + s.pid + "/confidence", """
                {"question":"How confident are you in the partnership's governance?","respondentOdsCode":"RR8",
                 "respondentRole":"Chair","level":"MODERATE","reason":"Roles are clearer.\\r\\nFinance is not.",
                 "on":"2019-05-01"}""");
        s.post("/api/partnerships/" + s.pid + "/members/Y05986/withdrawal",
                "{\"on\":\"2020-01-01\",\"reason\":\"Merged into a new provider;\\nservices transferred\"}");
        s.read("/api/partnerships/" + s.pid + "/decisions"); // every projection has the set-up
    }

    @AfterAll
    void quit() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void signedOut() {
        browser.get(url("/login"));
        browser.manage().deleteAllCookies();
    }

    @Test
    void aSignedInUserSeesEachGapExplainedInTheMatrix() throws IOException {
        signIn(TestUsers.ADMIN);
        assertThat(open("/", "partnerships").findElement(By.id("partnerships")).getText())
                .contains("West Yorkshire and Harrogate Health & Care Partnership");
        open("/partnerships/" + s.pid, "partnership");
        assertThat(browser.findElement(By.id("members")).getText()).contains("Leeds City Council", "1 April 2016");

        open("/partnerships/" + s.pid + "/matrix", "matrix");
        WebElement risk = browser.findElement(By.id("subject-RISK"));
        JsonNode gap = gapOf(s.gaps(), "NO_ACCOUNTABLE", "RISK");
        assertThat(risk.getText()).as("the gap is marked in words, with its explanation")
                .contains("Gap: No accountable").contains(gap.get("detail").asText());
        WebElement finance = browser.findElement(By.id("subject-FINANCE"));
        assertThat(finance.getText()).contains("A", "Chief Finance Officer").doesNotContain("No accountable");
        assertThat(browser.findElement(By.id("matrix")).getText()).as("organisations by name")
                .contains("NHS Leeds CCG", "Leeds Teaching Hospitals NHS Trust");
        screenshot("matrix", Path.of("..", "docs", "matrix.png"));

        open("/partnerships/" + s.pid + "/assessments", "assessments");
        assertThat(browser.findElements(By.cssSelector("svg.app-chart"))).isNotEmpty();
    }

    @Test
    void aDecisionRecordedThroughTheFormAppearsInTheLog() {
        signIn(TestUsers.ADMIN);
        open("/partnerships/" + s.pid + "/decisions/new", "decision-form");
        browser.findElement(By.id("title")).sendKeys("Adopt the Leeds risk-sharing agreement");
        new Select(browser.findElement(By.id("theme"))).selectByValue("RISK");
        new Select(browser.findElement(By.id("forumId"))).selectByValue(forum);
        browser.findElement(By.id("deciding-RR8")).click();
        browser.findElement(By.id("deciding-15F")).click();
        browser.findElement(By.id("outcome-APPROVED")).click();
        date("decidedOn", "2019-07-04");
        browser.findElement(By.id("rationale")).sendKeys("Shared risk within the control total");
        browser.findElement(By.id("save-decision")).click();

        checked("decisions-after-record");
        assertThat(browser.findElement(By.id("notice")).getText()).contains("Decision recorded");
        assertThat(browser.findElement(By.id("decisions")).getText())
                .contains("Adopt the Leeds risk-sharing agreement", "4 July 2019", "Leeds Teaching Hospitals NHS Trust")
                .as("data is shown as text, not markup").contains("Pooled budget for <b>mental health</b>");
        assertThat(s.read("/api/partnerships/" + s.pid + "/decisions").toString())
                .contains("Adopt the Leeds risk-sharing agreement");
    }

    @Test
    void theAssuranceTestFormShowsItsErrorsNextToTheirFieldsAndKeepsWhatWasTyped() {
        String change = s.serviceChange("Wharfedale minor injuries unit: overnight closure", "CLOSURE", "RR8");
        // The page reads the projections, which a browser cannot ask to wait: read it once through the API (with the
        // command's position) so the page finds the change (it found none in one full run).
        s.read("/api/service-changes/" + change);
        signIn(TestUsers.ADMIN);
        open("/service-changes/" + change, "service-change");
        new Select(browser.findElement(By.id("test"))).selectByValue("BED_CLOSURE");
        new Select(browser.findElement(By.id("result"))).selectByValue("MET");
        browser.findElement(By.id("evidence")).sendKeys("Bed audit, March");
        browser.findElement(By.cssSelector("#test-form button")).click();

        checked("assurance-test-errors");
        assertThat(browser.findElement(By.id("assessor-error")).getText()).contains("assessor");
        assertThat(new Select(browser.findElement(By.id("test"))).getFirstSelectedOption().getAttribute("value"))
                .as("what was chosen is kept").isEqualTo("BED_CLOSURE");
        assertThat(browser.findElement(By.id("evidence")).getAttribute("value")).isEqualTo("Bed audit, March");
    }

    @Test
    void aFormWithAMissingFieldShowsTheErrorNextToItAndWritesNothing() {
        signIn(TestUsers.ADMIN);
        int before = s.read("/api/partnerships/" + s.pid + "/decisions").size();
        open("/partnerships/" + s.pid + "/decisions/new", "decision-form-empty");
        new Select(browser.findElement(By.id("theme"))).selectByValue("FINANCE");
        browser.findElement(By.id("outcome-NOTED")).click();
        date("decidedOn", "2019-08-01");
        browser.findElement(By.id("save-decision")).click();

        checked("decision-form-errors");
        assertThat(browser.findElement(By.id("error-summary")).getText()).contains("There is a problem", "Enter title");
        assertThat(browser.findElement(By.id("title-error")).getText()).contains("Enter title");
        assertThat(browser.findElement(By.id("title")).findElement(By.xpath("..")).getAttribute("class"))
                .contains("govuk-form-group--error");
        assertThat(new Select(browser.findElement(By.id("theme"))).getFirstSelectedOption().getText())
                .as("what was typed is kept").isEqualTo("Finance, capital and resource allocation");
        assertThat(s.read("/api/partnerships/" + s.pid + "/decisions")).hasSize(before);
    }

    @Test
    void aRefusedRuleExplainsItselfNextToTheField() {
        signIn(TestUsers.ADMIN);
        open("/partnerships/" + s.pid + "/accountabilities/new", "accountability-form");
        new Select(browser.findElement(By.id("subject"))).selectByValue("THEME:FINANCE");
        browser.findElement(By.id("role-ACCOUNTABLE")).click();
        new Select(browser.findElement(By.id("odsCode"))).selectByValue("RR8");
        browser.findElement(By.id("post")).sendKeys("Director of Nursing");
        date("effectiveFrom", "2019-05-01");
        browser.findElement(By.id("save-accountability")).click();

        checked("accountability-form-refused");
        assertThat(browser.findElement(By.id("role-error")).getText()).as("the API's own words, naming the holder")
                .contains("NHS Leeds CCG");
    }

    @Test
    void aCsvDryRunListsEachErrorByRowAndColumnAndWritesNothing() throws IOException {
        signIn(TestUsers.ADMIN);
        open("/partnerships/" + s.pid + "/imports", "imports");
        assumeTrue(!browser.findElements(By.cssSelector("a[href='/imports/decisions/template.csv']")).isEmpty()
                        || Boolean.getBoolean("pages.requireDryRun"),
                "the imports' dry run and templates arrive with issue 11");
        int before = s.read("/api/partnerships/" + s.pid + "/decisions").size();
        Path csv = Files.createTempFile("decisions", ".csv");
        Files.writeString(csv, "title,theme,outcome,decidedOn,decidingOdsCodes\n"
                + "Community beds,ENGAGEMENT,APPROVED,2019-09-01,RR8\n"
                + "Urgent care,NOT_A_THEME,APPROVED,2019-09-02,RR8\n");
        browser.findElement(By.id("kind-decisions")).click();
        browser.findElement(By.id("file")).sendKeys(csv.toAbsolutePath().toString());
        browser.findElement(By.id("check-import")).click();

        checked("imports-dry-run-errors");
        String errors = browser.findElement(By.id("error-rows")).getText();
        assertThat(errors).contains("Row").contains("Column");
        assertThat(browser.findElement(By.cssSelector("#error-rows tbody tr")).getText()).contains("2", "theme");
        assertThat(s.read("/api/partnerships/" + s.pid + "/decisions")).hasSize(before);
    }

    @Test
    void aSuccessionIsRecordedThroughTheMembersPage() {
        Scenario own = new Scenario(new Api(port), "succession").leedsMembers(); // its members change
        own.read("/api/partnerships/" + own.pid);
        signIn(TestUsers.ADMIN);
        open("/partnerships/" + own.pid + "/members/15F", "member");
        assumeTrue(!browser.findElements(By.id("succession-form")).isEmpty(), "succession arrives with issue 11");
        browser.findElement(By.id("successorOdsCode")).sendKeys("QWO");
        browser.findElement(By.id("successorName")).sendKeys("NHS West Yorkshire Integrated Care Board");
        new Select(browser.findElement(By.id("sector"))).selectByValue("ICB");
        date("succession-on", "2022-07-01");
        browser.findElement(By.id("succession-reason")).sendKeys("CCGs replaced by ICBs (Health and Care Act 2022)");
        browser.findElement(By.id("save-succession")).click();

        checked("partnership-after-succession");
        assertThat(browser.findElement(By.id("notice")).getText()).contains("Succession recorded");
        // The command side has it; the members table shows the successor once the query side reads successions.
        Api api = own.api();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                api.get("/api/partnerships/" + own.pid + "/timeline").body())
                .contains("MemberSucceeded").contains("admin"));
    }

    @Test
    void anAuditorSeesTheAuditPageAndNoWriteForms() {
        signIn(TestUsers.AUDITOR);
        open("/audit", "audit");
        // The test app's store is shared with other test classes (one edits a row on purpose): the page must say
        // what the verify API says.
        JsonNode verify = Scenario.readOk(s.api().as(TestUsers.AUDITOR), "/api/audit/verify");
        String banner = browser.findElement(By.id("verify")).getText();
        if (verify.get("ok").asBoolean()) {
            assertThat(banner).contains("Intact", "all " + verify.get("checked").asLong() + " events checked");
        } else {
            assertThat(banner).contains("Broken", "event " + verify.get("firstBroken").get("globalIndex").asLong());
        }
        JsonNode first = Scenario.readOk(s.api().as(TestUsers.AUDITOR), "/api/audit/events?afterIndex=0&limit=1")
                .get("events").get(0);
        assertThat(browser.findElement(By.cssSelector("#events tbody tr")).getText())
                .contains(first.get("metadata").get("actor").asText(), first.get("type").asText());
        open("/partnerships/" + s.pid, "partnership-as-auditor");
        open("/partnerships/" + s.pid + "/decisions", "decisions-as-auditor");
        assertThat(browser.findElements(By.tagName("form")).stream()
                .filter(f -> "post".equalsIgnoreCase(f.getAttribute("method")))
                .map(f -> f.getAttribute("action")).toList())
                .as("only signing out").allMatch(action -> action.endsWith("/logout"));
        assertThat(browser.findElements(By.id("record-decision"))).isEmpty();
        open("/partnerships/" + s.pid + "/decisions/new", "decision-form-as-auditor");
        assertThat(browser.findElement(By.id("forbidden")).getText()).contains("You cannot open this page");
        // A mistyped address is the reader's to fix (it answered 500, "a problem with the service").
        browser.get(url("/audit?afterIndex=abc"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Check the address", "afterIndex")
                .doesNotContain("problem with the service");
        browser.get(url("/partnerships/" + s.pid + "?on=%%"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Check the address")
                .doesNotContain("problem with the service");
    }

    @Test
    void aProgrammeOfficeCannotOpenAnotherPartnershipsPages() {
        signIn(TestUsers.OFFICE_KENT);
        open("/", "partnerships-as-kent");
        assertThat(browser.findElement(By.id("main-content")).getText()).doesNotContain(s.pid);
        for (String page : List.of("", "/matrix", "/decisions", "/assessments", "/decisions/new")) {
            browser.get(url("/partnerships/" + s.pid + page));
            assertThat(browser.findElement(By.id("forbidden")).getText()).as(page)
                    .contains("You cannot open this page");
        }
        checked("forbidden");
        browser.get(url("/audit"));
        assertThat(browser.findElement(By.id("forbidden")).isDisplayed()).isTrue();
    }

    @Test
    void wrongCredentialsAreRefusedOnTheSignInPage() {
        browser.get(url("/"));
        browser.findElement(By.id("username")).sendKeys(TestUsers.ADMIN);
        browser.findElement(By.id("password")).sendKeys("not-the-password");
        browser.findElement(By.id("sign-in-button")).click();
        checked("sign-in-refused");
        assertThat(browser.findElement(By.id("sign-in-error")).getText()).contains("Wrong username or password");
    }

    private void signIn(String user) {
        browser.get(url("/"));
        assertThat(browser.getCurrentUrl()).as("pages need signing in").endsWith("/login");
        checked("sign-in");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(TestUsers.password(user));
        browser.findElement(By.id("sign-in-button")).click();
        // The sign-in answers with redirects: on a busy machine an element found on one page of the chain can be
        // gone by the time it is asked about (stale), so wait for the signed-in page's own sign-out link.
        new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-out")));
    }

    private WebElement open(String path, String name) {
        browser.get(url(path));
        checked(name);
        return browser.findElement(By.tagName("main"));
    }

    /** The page now shown: no serious or critical axe-core violation, and its screenshot. */
    private void checked(String name) {
        screenshot(name, null);
        ((JavascriptExecutor) browser).executeScript(axe);
        String violations = (String) ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {resultTypes: ['violations']})"
                        + ".then(r => done(JSON.stringify(r.violations))).catch(e => done('error: ' + e));");
        assertThat(violations).as("axe-core ran on " + name).doesNotStartWith("error");
        List<String> serious = new ArrayList<>();
        try {
            for (JsonNode violation : JSON.readTree(violations)) {
                String impact = violation.path("impact").asText();
                if (impact.equals("serious") || impact.equals("critical")) {
                    serious.add(violation.get("id").asText() + " (" + impact + "): " + violation.get("help").asText()
                            + " at " + violation.get("nodes").get(0).get("target"));
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertThat(serious).as("serious or critical accessibility violations on " + name).isEmpty();
    }

    private void screenshot(String name, Path alsoTo) {
        try {
            long height = (Long) ((JavascriptExecutor) browser)
                    .executeScript("return document.documentElement.scrollHeight");
            browser.manage().window().setSize(new Dimension(1400, (int) Math.min(4000, Math.max(1000, height))));
            byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
            Files.write(SCREENSHOTS.resolve(name + ".png"), png);
            if (alsoTo != null && Files.isDirectory(alsoTo.getParent())) {
                Files.write(alsoTo, png);
            }
            browser.manage().window().setSize(new Dimension(1400, 1000));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private void date(String id, String iso) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]",
                browser.findElement(By.id(id)), iso);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static JsonNode gapOf(JsonNode gaps, String kind, String ref) {
        for (JsonNode gap : gaps) {
            if (gap.get("kind").asText().equals(kind) && gap.get("subject").get("ref").asText().equals(ref)) {
                return gap;
            }
        }
        throw new AssertionError("No " + kind + " gap for " + ref + " in " + gaps);
    }
}

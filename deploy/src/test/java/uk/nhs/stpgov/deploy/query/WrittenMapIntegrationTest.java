package uk.nhs.stpgov.deploy.query;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;
import uk.nhs.stpgov.deploy.support.Api;
import uk.nhs.stpgov.deploy.support.IntegrationTest;
import uk.nhs.stpgov.deploy.support.Scenario;
import uk.nhs.stpgov.events.SubjectType;
import uk.nhs.stpgov.events.ThemeCode;
import uk.nhs.stpgov.query.accountabilitymap.AccountabilityMap;
import uk.nhs.stpgov.query.accountabilitymap.MapReader;
import uk.nhs.stpgov.query.gaps.GapKind;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The map the API sends is written from entries kept per row and day: it must be, byte for byte, the typed map
 * written by the API's own JSON mapper, for every day, instant, filter and page, the first time and every time after.
 */
@IntegrationTest
class WrittenMapIntegrationTest {
    @LocalServerPort
    int port;
    @Autowired
    MapReader maps;
    @Autowired
    JsonMapper json;

    @Test
    void theWrittenMapIsTheTypedMapWrittenByTheApisMapper() {
        Scenario s = new Scenario(new Api(port), "written").leedsMembers();
        String forum = s.forum("Leeds Committee, \\\"Finance\\\"", "JOINT_COMMITTEE", "[\"RR8\",\"15F\"]",
                "[\"FINANCE\",\"RISK\"]");
        s.delegate(forum, "15F", "[\"FINANCE\"]", "2019-04-01");
        String accountable = s.accountable("THEME", "FINANCE", "ACCOUNTABLE", "15F", "Chief Finance Officer",
                LocalDate.of(2019, 4, 1), LocalDate.of(2020, 4, 1), false);
        s.post("/api/accountabilities/" + accountable + "/acceptance", "{\"on\":\"2019-04-03\"}");
        s.accountable("THEME", "RISK", "RESPONSIBLE", "RR8", "Director of O'Neill Services", LocalDate.of(2019, 4, 1),
                null, false);
        s.accountable("THEME", "RISK", "CONSULTED", "E08000035", "Director of Public Health",
                LocalDate.of(2031, 1, 1), null, false);
        String change = s.serviceChange("Maternity: single midwife-led unit", "BED_REDUCTION", "RR8");
        s.decision("Capital bid", "FINANCE", forum, "[\"RR8\",\"15F\"]", LocalDate.of(2019, 5, 1), null);
        Instant between = Instant.parse(s.read("/api/partnerships/" + s.pid + "/accountability-map").get("asOf")
                .asText());
        s.accountable("SERVICE_CHANGE", change, "ACCOUNTABLE", "RR8", "Chief Executive", LocalDate.of(2019, 6, 1),
                null, true);
        s.read("/api/partnerships/" + s.pid + "/accountability-map");

        MapReader.Filter all = new MapReader.Filter(null, null, null);
        for (int time = 0; time < 2; time++) {
            for (LocalDate on : new LocalDate[]{LocalDate.now(), LocalDate.of(2019, 4, 2), LocalDate.of(2032, 1, 1)}) {
                same(s.pid, null, on, all, null, 200);
                same(s.pid, between, on, all, null, 200);
                same(s.pid, null, on, new MapReader.Filter(ThemeCode.RISK, SubjectType.THEME, null), null, 200);
                same(s.pid, null, on, new MapReader.Filter(null, null, GapKind.NO_ACCOUNTABLE), null, 3);
                String next = maps.json(s.pid, null, on, all, null, 2).next();
                assertThat(next).isNotNull();
                same(s.pid, null, on, all, next, 2);
            }
        }
    }

    private void same(String pid, Instant asOf, LocalDate on, MapReader.Filter filter, String after, int limit) {
        AccountabilityMap typed = maps.map(pid, asOf, asOf, on, filter, after, limit);
        MapReader.Written written = maps.json(pid, asOf, on, filter, after, limit);
        assertThat(new String(written.json(), StandardCharsets.UTF_8)).as("asOf %s on %s %s after %s", asOf, on,
                filter, after).isEqualTo(json.writeValueAsString(typed));
        assertThat(written.next()).isEqualTo(typed.next());
    }
}

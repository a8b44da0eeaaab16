package uk.nhs.stpgov.deploy.security;

import org.junit.jupiter.api.Test;
import uk.nhs.stpgov.deploy.support.Api;
import uk.nhs.stpgov.deploy.support.EventStore;
import uk.nhs.stpgov.deploy.support.RunningApp;
import uk.nhs.stpgov.deploy.support.TestDatabases;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** No default credentials: without users or an issuer the app does not start; the demo profile brings its own. */
class StartupSecurityIntegrationTest {

    private static List<String> on(TestDatabases.Database database, String... more) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--stpgov.db.url=" + database.url(),
                "--stpgov.db.user=" + database.user(), "--stpgov.db.password=" + database.password()));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void refusesToStartWithNeitherUsersNorAJwtIssuer() {
        assertThatThrownBy(() -> RunningApp.start(on(TestDatabases.fresh())).close())
                .hasStackTraceContaining("No users and no JWT issuer are configured");
    }

    @Test
    void refusesAUserWhosePasswordDoesNotNameItsEncoding() {
        assertThatThrownBy(() -> RunningApp.start(on(TestDatabases.fresh(), "--stpgov.security.users[0].username=x",
                "--stpgov.security.users[0].password=plain", "--stpgov.security.users[0].roles=ADMIN")).close())
                .hasStackTraceContaining("must name its encoding");
    }

    @Test
    void theDemoProfileHasDemoUsersBothSidesAndOneSamplePartnershipRecordedOnce() {
        TestDatabases.Database database = TestDatabases.fresh();
        long events;
        try (RunningApp app = RunningApp.start(on(database, "--spring.profiles.active=demo"))) {
            EventStore store = new EventStore(app.bean(DataSource.class));
            List<EventStore.StoredEvent> sample = store.of("north-cumbria");
            // The demo's story: the 2016 bodies, the 2019 trust merger, ICS in 2020, the CCG's ICB in 2022.
            assertThat(sample).extracting(EventStore.StoredEvent::type).containsExactly("PartnershipRegistered",
                    "MemberAdmitted", "MemberAdmitted", "MemberAdmitted", "MemberAdmitted", "MemberAdmitted",
                    "ForumEstablished", "AuthorityDelegated", "MemberSucceeded", "ForumTermsChanged",
                    "PartnershipStatusChanged", "MemberSucceeded", "ForumTermsChanged", "PartnershipStatusChanged");
            assertThat(sample.get(0).metadata().get("actor").asText()).isEqualTo("demo-loader");
            assertThat(store.count()).isGreaterThan(15);

            Api office = app.api().as("office-nc", "office-nc");
            assertThat(office.post("/api/partnerships/north-cumbria/members",
                    "{\"odsCode\":\"RX7\",\"name\":\"North West Ambulance Service NHS Trust\",\"sector\":\"AMBULANCE_TRUST\",\"joinedOn\":\"2017-01-01\"}")
                    .status()).isEqualTo(201);
            assertThat(app.api().as("audit", "audit").get("/api/audit/verify").json().get("ok").asBoolean())
                    .as("the query side runs too, and the sample's chains hold").isTrue();
            assertThat(app.api().as("reader", "reader").get("/api/audit/verify").status()).isEqualTo(403);
            events = store.count();
        }
        try (RunningApp app = RunningApp.start(on(database, "--spring.profiles.active=demo"))) {
            assertThat(new EventStore(app.bean(DataSource.class)).count()).as("loaded once").isEqualTo(events);
        }
    }
}

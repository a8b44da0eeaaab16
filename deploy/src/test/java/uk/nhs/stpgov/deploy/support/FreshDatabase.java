package uk.nhs.stpgov.deploy.support;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Points each new test application context at a database of its own, with the {@link TestUsers}. */
public class FreshDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestDatabases.Database database = TestDatabases.fresh();
        TestPropertyValues.of(
                "stpgov.db.url=" + database.url(),
                "stpgov.db.user=" + database.user(),
                "stpgov.db.password=" + database.password()
        ).and(TestUsers.properties()).applyTo(context);
    }
}

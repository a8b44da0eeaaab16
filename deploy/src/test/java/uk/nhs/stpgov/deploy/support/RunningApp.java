package uk.nhs.stpgov.deploy.support;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import uk.nhs.stpgov.deploy.StpGovApplication;

import java.util.ArrayList;
import java.util.List;

/** Starts and stops the whole application in this JVM, for tests that restart it. */
public final class RunningApp implements AutoCloseable {
    private final ConfigurableApplicationContext context;

    private RunningApp(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts on the given database; {@code extraArgs} are {@code --key=value} arguments. */
    public static RunningApp on(TestDatabases.Database database, String... extraArgs) {
        List<String> args = new ArrayList<>(List.of("--server.port=0",
                "--stpgov.db.url=" + database.url(), "--stpgov.db.user=" + database.user(),
                "--stpgov.db.password=" + database.password()));
        args.addAll(TestUsers.arguments());
        args.addAll(List.of(extraArgs));
        return start(args);
    }

    /** Starts with exactly these arguments (add {@link TestUsers#arguments()} for the test users). */
    public static RunningApp start(List<String> args) {
        return new RunningApp(new SpringApplicationBuilder(StpGovApplication.class).run(args.toArray(String[]::new)));
    }

    /** A client acting as the test admin; {@link Api#as(String)} acts as someone else. */
    public Api api() {
        return new Api(port());
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}

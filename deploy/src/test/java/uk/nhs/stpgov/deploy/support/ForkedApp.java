package uk.nhs.stpgov.deploy.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * The whole application in a JVM of its own, started from the test classpath, so a test can kill it with SIGKILL
 * ({@link #kill()}) as a crash would. Its output goes to {@code target/forked-app-<port>.log}.
 */
public final class ForkedApp implements AutoCloseable {
    private final Process process;
    private final int port;

    private ForkedApp(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts on the database with the {@link TestUsers} and waits until health is UP. */
    public static ForkedApp start(TestDatabases.Database database, String... extraArgs) {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-Ddisable-axoniq-console-message=true",
                "-cp", System.getProperty("java.class.path"),
                "uk.nhs.stpgov.deploy.StpGovApplication",
                "--server.port=" + port, "--stpgov.db.url=" + database.url(),
                "--stpgov.db.user=" + database.user(), "--stpgov.db.password=" + database.password()));
        command.addAll(TestUsers.arguments());
        command.addAll(List.of(extraArgs));
        try {
            Path log = Path.of("target", "forked-app-" + port + ".log");
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
            ForkedApp app = new ForkedApp(builder.start(), port);
            // Generous: on a shared 2-core machine under load a start has taken over two minutes.
            await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> {
                        if (!app.process.isAlive()) {
                            throw new IllegalStateException("The forked app exited; see " + log.toAbsolutePath());
                        }
                        return app.api().get("/actuator/health").status() == 200;
                    });
            return app;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Api api() {
        return new Api(port);
    }

    /** SIGKILL: no shutdown hooks, no flushing, like a power cut for the process. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}

package uk.nhs.stpgov.deploy.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;

/**
 * The tracker's own settings ({@code stpgov.*}). {@code db.url} empty means: start embedded PostgreSQL in
 * {@code dataDir}.
 */
@Validated
@ConfigurationProperties("stpgov")
public record StpGovProperties(Db db, @NotBlank String dataDir, String defaultActor) {

    public StpGovProperties {
        db = db == null ? new Db(null, null, null, 20) : db;
        defaultActor = defaultActor == null || defaultActor.isBlank() ? "anonymous" : defaultActor;
    }

    public boolean embedded() {
        return db.url() == null || db.url().isBlank();
    }

    public Path dataPath() {
        return Path.of(dataDir.replaceFirst("^~", System.getProperty("user.home")));
    }

    public record Db(String url, String user, String password, @Min(2) Integer poolSize) {
        public Db {
            poolSize = poolSize == null ? 20 : poolSize;
        }
    }
}

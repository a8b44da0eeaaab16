package uk.nhs.stpgov.deploy.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * The tracker's own settings ({@code stpgov.*}). {@code db.url} empty means: start embedded PostgreSQL in
 * {@code dataDir}. {@code businessZone} ({@code stpgov.business-zone}, default Europe/London): the zone in which
 * business dates are days, so "today" is an English day for an English record.
 * {@code projections.stallAfter} ({@code stpgov.projections.stall-after}, default 2 minutes): how long a projection
 * segment may stand behind the store's head before the health reports it stalled.
 */
@Validated
@ConfigurationProperties("stpgov")
public record StpGovProperties(Db db, @NotBlank String dataDir, @Valid Security security, ZoneId businessZone,
                               Projections projections) {

    public StpGovProperties {
        db = db == null ? new Db(null, null, null, 20) : db;
        security = security == null ? new Security(null, null) : security;
        businessZone = businessZone == null ? ZoneId.of("Europe/London") : businessZone;
        projections = projections == null ? new Projections(null) : projections;
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

    public record Projections(Duration stallAfter) {
        public Projections {
            stallAfter = stallAfter == null ? Duration.ofMinutes(2) : stallAfter;
            if (stallAfter.isNegative() || stallAfter.isZero()) {
                throw new IllegalArgumentException("stpgov.projections.stall-after must be positive: " + stallAfter);
            }
        }
    }

    /**
     * Who may call the API: users checked with HTTP Basic, and/or JWT bearer tokens from {@code jwt.issuerUri}.
     * Neither configured is refused at start-up.
     */
    public record Security(List<@Valid User> users, Jwt jwt) {
        public Security {
            users = users == null ? List.of() : List.copyOf(users);
            jwt = jwt == null ? new Jwt(null, null, null, null) : jwt;
        }
    }

    /**
     * One configured user. {@code password} is in Spring's encoder format ({@code {bcrypt}…}, {@code {noop}…});
     * {@code partnerships} are the partnerships a {@code PROGRAMME_OFFICE} may write and read.
     */
    public record User(@NotBlank String username, @NotBlank String password, List<String> roles,
                       List<String> partnerships) {
        public User {
            roles = roles == null ? List.of() : List.copyOf(roles);
            partnerships = partnerships == null ? List.of() : List.copyOf(partnerships);
        }
    }

    /** JWT bearer tokens; the claims named here carry the caller's roles and partnerships (lists of strings). */
    public record Jwt(String issuerUri, String usernameClaim, String rolesClaim, String partnershipsClaim) {
        public Jwt {
            usernameClaim = usernameClaim == null || usernameClaim.isBlank() ? "preferred_username" : usernameClaim;
            rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "roles" : rolesClaim;
            partnershipsClaim = partnershipsClaim == null || partnershipsClaim.isBlank() ? "partnerships"
                    : partnershipsClaim;
        }

        public boolean enabled() {
            return issuerUri != null && !issuerUri.isBlank();
        }
    }
}

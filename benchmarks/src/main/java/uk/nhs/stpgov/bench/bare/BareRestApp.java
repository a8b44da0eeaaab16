package uk.nhs.stpgov.bench.bare;

import org.axonframework.common.DateTimeUtils;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectMapper;
import uk.nhs.stpgov.events.audit.HashChain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The physical limit of a REST command on this machine (DESIGN §7 {@code bareRestPerSecond}): the tracker's web
 * stack — Spring Boot's Tomcat, Spring Security HTTP Basic (stateless, {noop} password), HikariCP and Jackson —
 * around one INSERT + COMMIT of an event row like the tracker's. No aggregate, no rules, no read model: what is left
 * when a command does nothing but store its event. Run by {@code Bench} as its own process:
 * {@code --spring.datasource.url=… --bench.user=… --bench.password=…}; it writes into {@code bench_bare_event},
 * which the driver creates (a copy of the event table) and drops.
 */
@SpringBootApplication
public class BareRestApp {

    public static void main(String[] args) {
        SpringApplication.run(BareRestApp.class, args);
    }

    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        return http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .httpBasic(Customizer.withDefaults())
                .authorizeHttpRequests(r -> r.anyRequest().hasRole("ADMIN"))
                .build();
    }

    /**
     * One user with a {noop} password, as the tracker's own user service does it: a plain UserDetailsService. (Spring's
     * InMemoryUserDetailsManager would re-encode the password to bcrypt after the first sign-in, and every request
     * would then pay a bcrypt check: the tracker avoids exactly that, see RESULTS.md.)
     */
    @Bean
    UserDetailsService users(org.springframework.core.env.Environment env) {
        String name = env.getProperty("bench.user", "admin");
        String password = "{noop}" + env.getProperty("bench.password", "admin");
        return username -> {
            if (!name.equals(username)) {
                throw new UsernameNotFoundException(username);
            }
            return User.withUsername(name).password(password).roles("ADMIN").build();
        };
    }

    /** The body of the tracker's "record a decision" command. */
    record RecordDecision(String id, String title, String theme, String forumId, List<String> decidingOdsCodes,
                          String outcome, String rationale, LocalDate decidedOn) {
    }

    record Created(String id) {
    }

    @RestController
    static class Events {
        private static final String INSERT = "INSERT INTO bench_bare_event (eventidentifier, aggregateidentifier, "
                + "sequencenumber, type, timestamp, payloadtype, payloadrevision, payload, metadata) "
                + "VALUES (?,?,?,?,?,?,?,?,?)";
        private static final String PAYLOAD_TYPE = "uk.nhs.stpgov.events.decision.DecisionRecorded";

        private final JdbcTemplate jdbc;
        private final ObjectMapper json;

        Events(JdbcTemplate jdbc, ObjectMapper json) {
            this.jdbc = jdbc;
            this.json = json;
        }

        /** Serialise the payload and metadata as the tracker does, hash-link it, one INSERT in autocommit. */
        @PostMapping("/api/partnerships/{pid}/decisions")
        @ResponseStatus(HttpStatus.CREATED)
        Created record(@PathVariable String pid, @RequestBody RecordDecision command, Authentication caller) {
            byte[] payload = json.writeValueAsBytes(command);
            String recordedAt = DateTimeUtils.formatInstant(Instant.now());
            String hash = HashChain.next(HashChain.GENESIS, PAYLOAD_TYPE, payload, recordedAt, caller.getName());
            byte[] metadata = ("{\"actor\":\"" + caller.getName() + "\",\"correlationId\":\"" + UUID.randomUUID()
                    + "\",\"hash\":\"" + hash + "\"}").getBytes(StandardCharsets.UTF_8);
            jdbc.update(INSERT, UUID.randomUUID().toString(), command.id(), 0L, "Decision", recordedAt, PAYLOAD_TYPE,
                    "1", payload, metadata);
            return new Created(command.id());
        }
    }
}

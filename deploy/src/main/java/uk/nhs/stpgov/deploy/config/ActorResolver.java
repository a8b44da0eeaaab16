package uk.nhs.stpgov.deploy.config;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/** Who is acting: for now the {@code X-Actor} header or the configured default actor. */
@Component
public class ActorResolver {
    private final StpGovProperties properties;

    ActorResolver(StpGovProperties properties) {
        this.properties = properties;
    }

    public String currentActor() {
        HttpServletRequest request = CommandMetadata.currentRequest();
        String header = request == null ? null : request.getHeader("X-Actor");
        return header == null || header.isBlank() ? properties.defaultActor() : header.strip();
    }
}

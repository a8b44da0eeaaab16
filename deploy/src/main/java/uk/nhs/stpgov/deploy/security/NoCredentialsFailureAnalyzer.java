package uk.nhs.stpgov.deploy.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns {@link NoCredentialsConfigured} into a start-up report that says what to set. */
class NoCredentialsFailureAnalyzer extends AbstractFailureAnalyzer<NoCredentialsConfigured> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, NoCredentialsConfigured cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Configure users under stpgov.security.users (username, password as {bcrypt}… or {noop}…, roles, "
                        + "partnerships) or a JWT issuer with stpgov.security.jwt.issuer-uri. To try the tracker with "
                        + "demo users and a sample partnership, start it with --spring.profiles.active=demo "
                        + "(never in production).", cause);
    }
}

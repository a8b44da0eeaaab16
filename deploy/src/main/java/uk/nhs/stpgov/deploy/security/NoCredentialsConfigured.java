package uk.nhs.stpgov.deploy.security;

/** Start-up refusal: the API would have nobody who could use it, or would need default credentials. */
class NoCredentialsConfigured extends RuntimeException {
    NoCredentialsConfigured() {
        super("No users and no JWT issuer are configured: the API would accept nobody");
    }
}

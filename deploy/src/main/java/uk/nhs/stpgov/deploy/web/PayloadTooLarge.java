package uk.nhs.stpgov.deploy.web;

/** The request body is over {@code stpgov.max-request-bytes}; 413. */
class PayloadTooLarge extends RuntimeException {
    PayloadTooLarge(long limit) {
        super("The request body is larger than the limit of " + limit + " bytes");
    }
}

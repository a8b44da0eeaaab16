package uk.nhs.stpgov.deploy;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class StpGovApplication {
    public static void main(String[] args) {
        // The tracker runs on closed networks; Axon's update check would only log connection failures.
        System.setProperty("axoniq.update-checker.disabled", "true");
        System.setProperty("disable-axoniq-console-message", "true");
        SpringApplication.run(StpGovApplication.class, args);
    }
}

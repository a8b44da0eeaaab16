package uk.nhs.stpgov.deploy.web;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Installs {@link ProblemErrorReportValve} as Tomcat's error report for the host the application runs in. */
@Configuration(proxyBeanMethods = false)
class TomcatErrors {

    @Bean
    TomcatContextCustomizer problemErrorReports() {
        return context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        };
    }
}

package uk.nhs.stpgov.command.common;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.ZoneId;

@Configuration(proxyBeanMethods = false)
class BusinessDayConfiguration {

    @Bean
    BusinessDay businessDay(Clock clock, @Value("${stpgov.business-zone:" + BusinessDay.DEFAULT_ZONE + "}") ZoneId zone) {
        return new BusinessDay(clock, zone);
    }
}

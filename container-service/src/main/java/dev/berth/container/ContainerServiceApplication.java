package dev.berth.container;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ContainerServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ContainerServiceApplication.class, args);
    }
}

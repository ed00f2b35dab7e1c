package dev.berth.gateway.system;

import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;

/**
 * Berth's version, commit and build time, recorded at build time (gateway-service/pom.xml:
 * Spring Boot's build-info and the commit git names). What a build did not record is empty.
 */
@Component
class BerthBuild {

    private final Properties buildInfo = properties("META-INF/build-info.properties");
    private final Optional<String> gitCommit = text("META-INF/berth-git-commit");

    Optional<String> version() {
        return Optional.ofNullable(buildInfo.getProperty("build.version"));
    }

    Optional<String> gitCommit() {
        return gitCommit;
    }

    /** ISO-8601, as Spring Boot records it. */
    Optional<String> buildTime() {
        return Optional.ofNullable(buildInfo.getProperty("build.time"));
    }

    private static Properties properties(String resource) {
        Properties properties = new Properties();
        try (InputStream in = BerthBuild.class.getClassLoader().getResourceAsStream(resource)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // an unreadable record is no record
        }
        return properties;
    }

    private static Optional<String> text(String resource) {
        try (InputStream in = BerthBuild.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? Optional.empty()
                    : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim()).filter(s -> !s.isEmpty());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}

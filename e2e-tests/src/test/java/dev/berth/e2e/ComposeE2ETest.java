package dev.berth.e2e;

import dev.berth.e2e.support.CommandResult;
import dev.berth.e2e.support.Commands;
import dev.berth.e2e.support.DockerCli;
import dev.berth.e2e.support.TestImages;
import dev.berth.e2e.support.Waits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.berth.e2e.support.DockerCli.docker;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's docker-compose 1.29 (docker-py), unchanged, against Berth: a project with a network
 * alias, a published port, a named volume, depends_on, a user network and a service built from
 * its Dockerfile comes up, its services find each other
 * by name and alias, and `down -v` leaves no container, network or volume.
 */
class ComposeE2ETest {

    private static final String PROJECT = "e2ecompose";
    private static Path dir;

    @BeforeAll
    static void writeProject() throws IOException {
        String image = TestImages.busybox();
        dir = Files.createTempDirectory("e2e-compose");
        Files.createDirectories(dir.resolve("api"));
        Files.writeString(dir.resolve("api/Dockerfile"), """
                FROM %s
                RUN echo built-by-compose > /www
                CMD ["httpd", "-f", "-p", "8080", "-h", "/"]
                """.formatted(image));
        Files.writeString(dir.resolve("docker-compose.yml"), """
                version: "3.8"
                services:
                  web:
                    image: %s
                    command: sh -c "echo served > /www; exec httpd -f -p 8080 -h /"
                    ports:
                      - "127.0.0.1::8080"
                    volumes:
                      - data:/data
                    depends_on:
                      - db
                  db:
                    image: %s
                    command: sh -c "echo kept > /data/f; exec sleep 600"
                    volumes:
                      - data:/data
                    networks:
                      default:
                        aliases:
                          - database
                      back: {}
                  api:
                    build: ./api
                    networks:
                      - back
                networks:
                  back:
                volumes:
                  data:
                """.formatted(image, image));
    }

    @AfterAll
    static void down() {
        compose("down", "-v");
        docker("rmi", "-f", PROJECT + "_api");
    }

    private static CommandResult compose(String... args) {
        List<String> command = new ArrayList<>(List.of("docker-compose", "-p", PROJECT, "-f",
                dir.resolve("docker-compose.yml").toString()));
        command.addAll(List.of(args));
        return Commands.run(Duration.ofMinutes(2), Map.of("DOCKER_HOST", DockerCli.DOCKER_HOST), null, command);
    }

    @Test
    void upPsExecDown() throws IOException {
        CommandResult up = compose("up", "-d");
        assertThat(up.exitCode()).as(up.toString()).isZero();

        CommandResult ps = compose("ps");
        assertThat(ps.stdout()).contains(PROJECT + "_web_1").contains(PROJECT + "_db_1").contains("Up");

        String port = compose("port", "web", "8080").stdout().trim();
        assertThat(port).startsWith("127.0.0.1:");
        int hostPort = Integer.parseInt(port.substring(port.indexOf(':') + 1));
        Waits.until("web serves on " + port, Duration.ofSeconds(20), () -> {
            try {
                return TestcontainersE2ETest.httpGet("127.0.0.1", hostPort, "/www").endsWith("served\n");
            } catch (IOException e) {
                return false;
            }
        });

        CommandResult byAlias = compose("exec", "-T", "web", "ping", "-c", "1", "-W", "5", "database");
        assertThat(byAlias.exitCode()).as(byAlias.toString()).isZero();
        CommandResult byName = compose("exec", "-T", "db", "ping", "-c", "1", "-W", "5", "web");
        assertThat(byName.exitCode()).as(byName.toString()).isZero();
        Waits.until("web sees what db wrote to the shared volume", Duration.ofSeconds(20),
                () -> compose("exec", "-T", "web", "cat", "/data/f").stdout().equals("kept\n"));

        // the service built from its Dockerfile serves on the user network, found by its name
        Waits.until("db reaches the built api by name", Duration.ofSeconds(20),
                () -> compose("exec", "-T", "db", "wget", "-qO-", "http://api:8080/www").stdout().equals("built-by-compose\n"));

        // run links the one-off container to the service's dependencies (HostConfig.Links)
        CommandResult oneOff = compose("run", "--rm", "web", "ping", "-c", "1", "-W", "5", "db");
        assertThat(oneOff.exitCode()).as(oneOff.toString()).isZero();

        CommandResult down = compose("down", "-v");
        assertThat(down.exitCode()).as(down.toString()).isZero();
        assertThat(docker("ps", "-a", "-q", "--filter", "label=com.docker.compose.project=" + PROJECT).stdout()).isEmpty();
        assertThat(docker("network", "ls", "-q", "--filter", "name=" + PROJECT).stdout()).isEmpty();
        assertThat(docker("volume", "ls", "-q", "--filter", "name=" + PROJECT).stdout()).isEmpty();
    }
}

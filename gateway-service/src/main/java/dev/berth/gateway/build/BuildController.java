package dev.berth.gateway.build;

import dev.berth.gateway.api.DockerApiException;
import dev.berth.gateway.api.GrpcErrors;
import dev.berth.gateway.build.context.BuildContext;
import dev.berth.gateway.build.dockerfile.Dockerfile;
import dev.berth.gateway.build.dockerfile.DockerfileParseException;
import dev.berth.gateway.build.dockerfile.Stage;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * POST /build, Docker's classic builder. The context is unpacked and the Dockerfile parsed before
 * the answer starts, so that a bad context, Dockerfile, tag or target is an HTTP error; then the
 * build's messages stream as it goes, and a failure is the stream's last message, in Docker's
 * words. The context's directory is gone once the build ended, however it ended.
 */
@RestController
class BuildController {

    private static final Logger log = LoggerFactory.getLogger(BuildController.class);
    /** Docker's reference grammar, loosely: lower-case path components, an optional tag. */
    private static final Pattern TAG = Pattern.compile(
            "([a-z0-9]+([._-]+[a-z0-9]+)*(:[0-9]+)?/)*[a-z0-9]+([._-]+[a-z0-9]+)*(/[a-z0-9]+([._-]+[a-z0-9]+)*)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?");

    private final ImageBuilder builder;
    private final BuildProperties properties;

    BuildController(ImageBuilder builder, BuildProperties properties) {
        this.builder = builder;
        this.properties = properties;
        // contexts of builds a killed gateway left behind: no build of this gateway uses them
        BuildContext.deleteLeftovers(Path.of(properties.workDir()));
    }

    @PostMapping("/build")
    void build(@RequestParam MultiValueMap<String, String> query, HttpServletRequest request,
               HttpServletResponse response) throws IOException, InterruptedException {
        BuildOptions options = BuildOptions.read(query);
        for (String tag : options.tags()) {
            if (!TAG.matcher(tag).matches()) {
                throw DockerApiException.badRequest("invalid reference format: " + tag);
            }
        }
        try (BuildContext context = BuildContext.receive(request.getInputStream(), Path.of(properties.workDir()),
                properties.maxContextBytes())) {
            Dockerfile dockerfile;
            try {
                dockerfile = Dockerfile.parse(context.dockerfile(options.dockerfile()));
            } catch (DockerfileParseException e) {
                throw DockerApiException.badRequest(e.getMessage());
            }
            if (dockerfile.stages().isEmpty()) {
                throw DockerApiException.badRequest("the Dockerfile (" + options.dockerfile() + ") cannot be empty");
            }
            Stage target = options.target().isEmpty() ? dockerfile.last()
                    : dockerfile.stages().stream().filter(s -> s.name().filter(options.target()::equalsIgnoreCase).isPresent())
                            .findFirst().orElseThrow(() -> DockerApiException.badRequest(
                                    "failed to reach build target " + options.target() + " in Dockerfile"));
            response.setStatus(200);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            BuildOutput out = new BuildOutput(response.getOutputStream(), response, options.quiet());
            try {
                builder.build(dockerfile, target, context, options, out);
            } catch (BuildOutput.ClientGone gone) {
                log.info("a build ended early: its client went away");
            } catch (BuildFailure.Reported reported) {
                if (options.quiet()) {
                    out.error(reported.getMessage());
                }
            } catch (BuildFailure failure) {
                out.error(failure.getMessage());
            } catch (DockerApiException e) {
                out.error(e.getMessage());
            } catch (StatusRuntimeException e) {
                out.error(GrpcErrors.message(Status.fromThrowable(e)));
            } catch (RuntimeException e) {
                log.warn("a build failed", e);
                out.error(String.valueOf(e.getMessage()));
            }
        }
    }
}

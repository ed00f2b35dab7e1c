package dev.berth.gateway.stats;

import dev.berth.gateway.api.DockerApiException;
import dev.berth.gateway.api.GrpcErrors;
import dev.berth.gateway.backend.NodeChannels;
import dev.berth.proto.v1.Container;
import dev.berth.proto.v1.ContainerRef;
import dev.berth.proto.v1.ContainerServiceGrpc;
import dev.berth.proto.v1.ContainerStatus;
import dev.berth.proto.v1.NodeContainerRef;
import dev.berth.proto.v1.NodeStatsGrpc;
import dev.berth.proto.v1.StatsSample;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.json.JsonMapper;

/**
 * `docker stats`: samples from the container's node, one a second, each with the one before as
 * its precpu. {@code stream=false} answers one sample primed with a first one (a second apart,
 * as dockerd does so that the CPU percentage is not 0); {@code one-shot=true} answers a single
 * sample at once. A container without a process gets Docker's empty stats (streamed too, then
 * the stream ends, where dockerd would keep it open with nothing to send).
 */
@RestController
class StatsController {

    private static final Logger log = LoggerFactory.getLogger(StatsController.class);
    static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ContainerServiceGrpc.ContainerServiceBlockingStub containers;
    private final NodeChannels nodes;

    StatsController(ContainerServiceGrpc.ContainerServiceBlockingStub containers, NodeChannels nodes) {
        this.containers = containers;
        this.nodes = nodes;
    }

    @GetMapping("/containers/{id}/stats")
    ResponseEntity<StreamingResponseBody> stats(@PathVariable String id,
                                                @RequestParam(defaultValue = "true") boolean stream,
                                                @RequestParam(name = "one-shot", defaultValue = "false") boolean oneShot,
                                                HttpServletResponse response) {
        Container container = containers.getContainer(ContainerRef.newBuilder().setRef(id).build());
        if (stream && oneShot) {
            throw DockerApiException.badRequest("cannot have stream=true and one-shot=true");
        }
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON);
        if (!hasProcess(container.getState().getStatus())) {
            byte[] empty = line(container, StatsViews.NONE, StatsViews.NONE);
            return ok.body(out -> out.write(empty));
        }
        Sampler sampler = new Sampler(nodes.nodeStats(container.getNodeAddress()), container.getId());
        if (!stream) {
            // Sampled before answering: an error (the container stopped meanwhile) is a Docker error.
            StatsSample first = sampler.next();
            StatsSample second = oneShot ? first : primed(sampler, first);
            byte[] body = line(container, second, oneShot ? StatsViews.NONE : first);
            return ok.body(out -> out.write(body));
        }
        StreamingResponseBody body = out -> streamSamples(container, sampler, out, response);
        return ok.body(body);
    }

    private static StatsSample primed(Sampler sampler, StatsSample first) {
        try {
            return sampler.nextAfter(first);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void streamSamples(Container container, Sampler sampler, OutputStream out,
                                      HttpServletResponse response) {
        StatsSample previous = StatsViews.NONE;
        try {
            while (true) {
                StatsSample sample = previous == StatsViews.NONE ? sampler.next() : sampler.nextAfter(previous);
                out.write(line(container, sample, previous));
                response.flushBuffer();
                previous = sample;
            }
        } catch (IOException e) {
            log.debug("stats client went away: {}", e.toString());
        } catch (StatusRuntimeException e) {
            // The container stopped (or went): the stream ends, as dockerd's does.
            log.debug("stats of {} end: {}", container.getId(), e.getStatus());
        } catch (DockerApiException e) {
            // The headers are out: a node failure can only end the stream.
            log.warn("stats of {} end: {}", container.getId(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] line(Container container, StatsSample sample, StatsSample previous) {
        return (JSON.writeValueAsString(StatsViews.of(container.getName(), container.getId(), sample, previous))
                + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static boolean hasProcess(ContainerStatus status) {
        return status == ContainerStatus.CONTAINER_STATUS_RUNNING || status == ContainerStatus.CONTAINER_STATUS_PAUSED;
    }

    /** The node's samples of one container. */
    private record Sampler(NodeStatsGrpc.NodeStatsBlockingStub node, String containerId) {

        StatsSample next() {
            try {
                return node.withDeadlineAfter(30, TimeUnit.SECONDS)
                        .sampleStats(NodeContainerRef.newBuilder().setContainerId(containerId).build());
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() == Status.Code.FAILED_PRECONDITION
                        || e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                    throw e;
                }
                throw GrpcErrors.toDocker(e);
            }
        }

        /** The next sample, an interval after {@code previous} was read. */
        StatsSample nextAfter(StatsSample previous) throws InterruptedException {
            long readMillis = previous.getRead().getSeconds() * 1000 + previous.getRead().getNanos() / 1_000_000;
            long wait = readMillis + INTERVAL.toMillis() - System.currentTimeMillis();
            if (wait > 0) {
                Thread.sleep(Math.min(wait, INTERVAL.toMillis()));
            }
            return next();
        }
    }
}

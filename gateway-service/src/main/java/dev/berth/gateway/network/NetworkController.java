package dev.berth.gateway.network;

import dev.berth.gateway.api.DockerApiException;
import dev.berth.gateway.container.ListFilters;
import dev.berth.gateway.container.NetworkingConfigReader;
import dev.berth.proto.v1.ConnectContainerRequest;
import dev.berth.proto.v1.DisconnectContainerRequest;
import dev.berth.proto.v1.Filter;
import dev.berth.proto.v1.ListNetworksRequest;
import dev.berth.proto.v1.Network;
import dev.berth.proto.v1.NetworkRef;
import dev.berth.proto.v1.NetworkServiceGrpc;
import dev.berth.proto.v1.PruneNetworksRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * /networks: create, list, inspect, remove and prune local bridge networks, and connect
 * containers to them and disconnect them, all kept by container-service.
 */
@RestController
class NetworkController {

    private final NetworkServiceGrpc.NetworkServiceBlockingStub networks;

    NetworkController(NetworkServiceGrpc.NetworkServiceBlockingStub networks) {
        this.networks = networks;
    }

    @PostMapping("/networks/create")
    ResponseEntity<Map<String, Object>> create(@RequestBody(required = false) JsonNode body) {
        Network created = networks.createNetwork(NetworkCreateReader.read(body));
        return ResponseEntity.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("Id", created.getId(), "Warning", ""));
    }

    @GetMapping("/networks")
    List<Map<String, Object>> list(@RequestParam(required = false) String filters) {
        NetworkFilter filter = new NetworkFilter(ListFilters.parse(filters));
        return networks.listNetworks(ListNetworksRequest.getDefaultInstance()).getNetworksList().stream()
                .filter(filter::matches).map(NetworkViews::inspect).toList();
    }

    @GetMapping("/networks/{id}")
    Map<String, Object> inspect(@PathVariable String id, @RequestParam(required = false) String scope) {
        if (scope != null && !scope.isEmpty() && !scope.equals("local")) {
            throw DockerApiException.notFound("network " + id + " not found");
        }
        return NetworkViews.inspect(networks.getNetwork(NetworkRef.newBuilder().setRef(id).build()));
    }

    @DeleteMapping("/networks/{id}")
    ResponseEntity<Void> remove(@PathVariable String id) {
        networks.removeNetwork(NetworkRef.newBuilder().setRef(id).build());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/networks/prune")
    Map<String, Object> prune(@RequestParam(required = false) String filters) {
        PruneNetworksRequest.Builder request = PruneNetworksRequest.newBuilder();
        for (Filter filter : ListFilters.parse(filters)) {
            switch (filter.getKey()) {
                case "label" -> request.addAllLabels(filter.getValuesList());
                case "label!" -> request.addAllNotLabels(filter.getValuesList());
                case "until" -> throw DockerApiException.badRequest("Berth does not support the until filter of network prune yet");
                default -> throw DockerApiException.badRequest("invalid filter '" + filter.getKey() + "'");
            }
        }
        List<String> deleted = networks.pruneNetworks(request.build()).getNamesList();
        Map<String, Object> body = new HashMap<>();
        // Docker answers null, not [], when nothing was deleted.
        body.put("NetworksDeleted", deleted.isEmpty() ? null : deleted);
        return body;
    }

    /** docker network connect: {"Container", "EndpointConfig": {"Aliases", "Links"}}. */
    @PostMapping("/networks/{id}/connect")
    ResponseEntity<Void> connect(@PathVariable String id, @RequestBody(required = false) JsonNode body) {
        String container = containerOf(body);
        NetworkingConfigReader.Endpoint endpoint = NetworkingConfigReader.endpoint(body.get("EndpointConfig"),
                "EndpointConfig.");
        networks.connectContainer(ConnectContainerRequest.newBuilder().setNetwork(id).setContainer(container)
                .addAllAliases(endpoint.aliases()).addAllLinks(endpoint.links()).build());
        return ResponseEntity.ok().build();
    }

    /** docker network disconnect: {"Container", "Force"}. */
    @PostMapping("/networks/{id}/disconnect")
    ResponseEntity<Void> disconnect(@PathVariable String id, @RequestBody(required = false) JsonNode body) {
        String container = containerOf(body);
        networks.disconnectContainer(DisconnectContainerRequest.newBuilder().setNetwork(id).setContainer(container)
                .setForce(body.path("Force").asBoolean(false)).build());
        return ResponseEntity.ok().build();
    }

    private static String containerOf(JsonNode body) {
        String container = body == null ? "" : body.path("Container").asString("");
        if (container.isEmpty()) {
            throw DockerApiException.badRequest("invalid name or ID supplied: \"\"");
        }
        return container;
    }
}

package dev.berth.container.listing;

import java.util.List;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

import dev.berth.container.lifecycle.State;
import dev.berth.container.store.ContainerRepository;
import dev.berth.container.store.ContainerRow;
import dev.berth.container.store.ProtoJson;
import dev.berth.proto.v1.ListContainersRequest;

/**
 * Lists newest first. Without {@code all} only containers with a live process show; a
 * limit or a status filter implies {@code all}, as in Docker.
 */
@Component
public class ContainerListing {

    private final ContainerRepository containers;

    public ContainerListing(ContainerRepository containers) {
        this.containers = containers;
    }

    public List<ContainerRow> list(ListContainersRequest request) {
        ContainerFilter filter = ContainerFilter.parse(request.getFiltersList());
        boolean all = request.getAll() || request.getLimit() > 0 || filter.impliesAll();
        Stream<ContainerRow> rows = containers.findAllByOrderByCreatedAtDescIdDesc().stream()
                .filter(row -> all || State.of(row.status()).hasProcess())
                .filter(row -> filter.matches(row.id(), row.name(), row.status(),
                        ProtoJson.readConfig(row.config()).getLabelsMap()));
        if (request.getLimit() > 0) {
            rows = rows.limit(request.getLimit());
        }
        return rows.toList();
    }
}

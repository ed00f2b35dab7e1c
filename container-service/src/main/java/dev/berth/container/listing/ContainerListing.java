package dev.berth.container.listing;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

import dev.berth.container.image.ImageResolver;
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
    private final ImageResolver images;

    public ContainerListing(ContainerRepository containers, ImageResolver images) {
        this.containers = containers;
        this.images = images;
    }

    public List<ContainerRow> list(ListContainersRequest request) {
        ContainerFilter filter = ContainerFilter.parse(request.getFiltersList());
        filter.resolveAncestors(imageIds(filter.ancestorReferences()));
        boolean all = request.getAll() || request.getLimit() > 0 || filter.impliesAll();
        Stream<ContainerRow> rows = containers.findAllByOrderByCreatedAtDescIdDesc().stream()
                .filter(row -> all || State.of(row.status()).hasProcess())
                .filter(row -> filter.matches(row.id(), row.name(), row.status(), row.imageId(),
                        ProtoJson.readConfig(row.config()).getLabelsMap()));
        if (request.getLimit() > 0) {
            rows = rows.limit(request.getLimit());
        }
        return rows.toList();
    }

    private Set<String> imageIds(List<String> references) {
        Set<String> ids = new HashSet<>();
        for (String reference : references) {
            images.find(reference).ifPresent(image -> ids.add(image.getId()));
        }
        return ids;
    }
}

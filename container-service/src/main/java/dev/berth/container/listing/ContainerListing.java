package dev.berth.container.listing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

import dev.berth.container.health.HealthStates;
import dev.berth.container.image.ImageResolver;
import dev.berth.container.lifecycle.State;
import dev.berth.container.lookup.ContainerLookup;
import dev.berth.container.store.ContainerRepository;
import dev.berth.container.store.ContainerRow;
import dev.berth.container.store.ProtoJson;
import dev.berth.proto.v1.Health;
import dev.berth.proto.v1.Image;
import dev.berth.proto.v1.ListContainersRequest;

/**
 * Lists newest first. Without {@code all} only containers with a live process show; a
 * limit or a status filter implies {@code all}, as in Docker. {@code before} and {@code since}
 * cut the list at the position of the container they name (NOT_FOUND when there is none).
 */
@Component
public class ContainerListing {

    private final ContainerRepository containers;
    private final ContainerLookup lookup;
    private final ImageResolver images;
    private final HealthStates healthStates;

    public ContainerListing(ContainerRepository containers, ContainerLookup lookup, ImageResolver images,
            HealthStates healthStates) {
        this.healthStates = healthStates;
        this.containers = containers;
        this.lookup = lookup;
        this.images = images;
    }

    public List<ContainerRow> list(ListContainersRequest request) {
        ContainerFilter filter = ContainerFilter.parse(request.getFiltersList());
        filter.resolveAncestors(imageIds(filter.ancestorReferences()));
        String beforeId = filter.beforeReference().map(ref -> lookup.resolve(ref).id()).orElse(null);
        String sinceId = filter.sinceReference().map(ref -> lookup.resolve(ref).id()).orElse(null);
        boolean all = request.getAll() || request.getLimit() > 0 || filter.impliesAll();

        List<ContainerRow> newestFirst = containers.findAllByOrderByCreatedAtDescIdDesc();
        int from = beforeId == null ? 0 : indexOf(newestFirst, beforeId) + 1;
        int to = sinceId == null ? newestFirst.size() : indexOf(newestFirst, sinceId);
        List<ContainerRow> candidates = newestFirst.subList(Math.min(from, newestFirst.size()), Math.max(from, to))
                .stream()
                .filter(row -> all || State.of(row.status()).hasProcess())
                .toList();
        Map<String, Health> health = filter.filtersHealth() ? healthOf(candidates) : Map.of();
        Stream<ContainerRow> rows = candidates.stream().filter(row -> filter.matches(ListedContainer.of(row,
                health.containsKey(row.id()) ? health.get(row.id()).getStatus() : "none")));
        if (request.getLimit() > 0) {
            rows = rows.limit(request.getLimit());
        }
        return rows.toList();
    }

    private Map<String, Health> healthOf(List<ContainerRow> rows) {
        Map<String, List<String>> byNode = new LinkedHashMap<>();
        for (ContainerRow row : rows) {
            if (HealthStates.checked(State.of(row.status()).toProto(), ProtoJson.readConfig(row.config()))) {
                byNode.computeIfAbsent(row.nodeId(), n -> new ArrayList<>()).add(row.id());
            }
        }
        return byNode.isEmpty() ? Map.of() : healthStates.ask(byNode);
    }

    /** The reference was resolved from the same table; a row removed since reads as the end. */
    private static int indexOf(List<ContainerRow> rows, String id) {
        return IntStream.range(0, rows.size()).filter(i -> rows.get(i).id().equals(id)).findFirst()
                .orElse(rows.size());
    }

    /** The images the references name and the images built on them (Docker's ancestor rule). */
    private Set<String> imageIds(List<String> references) {
        Set<String> ids = new HashSet<>();
        List<Image> all = null;
        for (String reference : references) {
            Optional<Image> ancestor = images.find(reference);
            if (ancestor.isEmpty()) {
                continue;
            }
            if (ancestor.get().getLayersCount() == 0) {
                // Nothing is built on an image without layers (ImageDescendants): no need to list.
                ids.add(ancestor.get().getId());
                continue;
            }
            if (all == null) {
                all = images.all();
            }
            ids.addAll(ImageDescendants.of(ancestor.get(), all));
        }
        return ids;
    }
}

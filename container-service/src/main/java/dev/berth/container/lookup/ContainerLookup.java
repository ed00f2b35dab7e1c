package dev.berth.container.lookup;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.berth.common.error.BerthException;
import dev.berth.container.naming.ContainerIds;
import dev.berth.container.naming.ContainerNames;
import dev.berth.container.store.ContainerRepository;
import dev.berth.container.store.ContainerRow;

/**
 * Resolves a reference the way Docker does: exact full id first, then exact name (with or
 * without the leading "/"), then a unique id prefix.
 */
@Component
public class ContainerLookup {

    /** Docker's 404 text for an unknown reference. */
    public static BerthException noSuchContainer(String ref) {
        return BerthException.notFound("No such container: " + ref);
    }


    private final ContainerRepository containers;

    public ContainerLookup(ContainerRepository containers) {
        this.containers = containers;
    }

    /** NOT_FOUND "No such container: ref"; INVALID_ARGUMENT when the prefix is ambiguous. */
    public ContainerRow resolve(String ref) {
        if (ref == null || ref.isEmpty()) {
            throw ContainerLookup.noSuchContainer(ref == null ? "" : ref);
        }
        if (ContainerIds.isFullId(ref)) {
            Optional<ContainerRow> byId = containers.findById(ref);
            if (byId.isPresent()) {
                return byId.get();
            }
        }
        Optional<ContainerRow> byName = containers.findByName(ContainerNames.strip(ref));
        if (byName.isPresent()) {
            return byName.get();
        }
        if (ContainerIds.isHex(ref)) {
            List<ContainerRow> byPrefix = containers.findTop2ByIdStartingWith(ref);
            if (byPrefix.size() > 1) {
                throw BerthException.invalid("multiple IDs found with provided prefix: " + ref);
            }
            if (byPrefix.size() == 1) {
                return byPrefix.get(0);
            }
        }
        throw ContainerLookup.noSuchContainer(ref);
    }

    /** The current row by full id; empty once removed. */
    public Optional<ContainerRow> current(String id) {
        return containers.findById(id);
    }
}

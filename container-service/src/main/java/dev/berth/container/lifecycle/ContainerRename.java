package dev.berth.container.lifecycle;

import java.util.Map;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

import dev.berth.common.error.BerthException;
import dev.berth.container.lookup.ContainerLookup;
import dev.berth.container.naming.ContainerNames;
import dev.berth.container.store.ContainerRepository;
import dev.berth.container.store.ContainerRow;

/**
 * `docker rename`: Docker's checks (moby's ContainerRename), then the new name is stored; the
 * names' unique constraint settles a race with a create or another rename.
 */
@Component
public class ContainerRename {

    private final ContainerLookup lookup;
    private final ContainerRepository containers;
    private final ContainerGuard guard;
    private final StateStore store;

    public ContainerRename(ContainerLookup lookup, ContainerRepository containers, ContainerGuard guard,
            StateStore store) {
        this.lookup = lookup;
        this.containers = containers;
        this.guard = guard;
        this.store = store;
    }

    public ContainerRow rename(String ref, String newName) {
        if (ref.isEmpty() || newName.isEmpty()) {
            throw BerthException.invalid("Neither old nor new names may be empty");
        }
        String id = lookup.resolve(ref).id();
        return guard.apply(id, () -> {
            ContainerRow row = lookup.current(id).orElseThrow(() -> ContainerLookup.noSuchContainer(ref));
            String name = ContainerNames.strip(newName);
            if (name.equals(row.name())) {
                throw BerthException.invalid("Renaming a container with the same name as its current name");
            }
            validate(name);
            containers.findByName(name).ifPresent(holder -> {
                throw inUse(name, holder.id());
            });
            try {
                return store.update(row.withName(name), "rename", Map.of("oldName", "/" + row.name()));
            } catch (DuplicateKeyException e) {
                throw inUse(name, containers.findByName(name).map(ContainerRow::id).orElse(""));
            }
        });
    }

    private static void validate(String name) {
        try {
            ContainerNames.validate(name);
        } catch (BerthException e) {
            throw BerthException.invalid("Error when allocating new name: " + e.getMessage());
        }
    }

    private static BerthException inUse(String name, String holderId) {
        return BerthException.alreadyExists(
                "Error when allocating new name: " + ContainerNames.nameInUse(name, holderId).getMessage());
    }
}

package dev.berth.node.spec;

/**
 * What one feature contributes to a container's OCI spec (its process, user, capabilities, mounts,
 * namespaces, cgroup resources...). Options are applied in order to one {@link SpecBuilder}; a later
 * option may change what an earlier one set.
 */
@FunctionalInterface
public interface SpecOption {

    void applyTo(SpecBuilder spec);
}

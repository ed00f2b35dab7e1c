package dev.berth.node.spec.security;

import dev.berth.common.error.BerthException;
import dev.berth.node.spec.OciSpec;
import dev.berth.node.spec.SpecOption;
import dev.berth.node.spec.security.seccomp.DefaultSeccompProfile;
import dev.berth.node.spec.security.seccomp.SeccompCompiler;
import dev.berth.node.spec.security.seccomp.SeccompProfileReader;
import dev.berth.proto.v1.DeviceMapping;
import dev.berth.proto.v1.HostConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The security part of a container's spec, as Docker sets it: capabilities, no-new-privileges,
 * the seccomp filter, masked and read-only paths, and devices; --privileged lifts all of it (every
 * capability of the host, every host device, no default filter, no masked paths, /sys and the
 * cgroup mount writable).
 * Applied after the default mounts and device rules, which it changes.
 */
public final class ContainerSecurity {

    private static final String ALL_ACCESS = "rwm";

    private ContainerSecurity() {
    }

    /** Throws INVALID_ARGUMENT, in Docker's words, for a capability, option, profile or device that cannot be. */
    public static SpecOption of(HostConfig host, HostCapabilities available, SeccompCompiler.Target target) {
        List<String> capabilities = CapabilityRules.resolve(host, available);
        SecurityOptions options = SecurityOptions.parse(host.getSecurityOptList());
        OciSpec.Seccomp seccomp = seccomp(host, options, capabilities, target);
        List<OciSpec.Device> mapped = new ArrayList<>();
        List<OciSpec.DeviceRule> mappedRules = new ArrayList<>();
        for (DeviceMapping mapping : host.getDevicesList()) {
            String access = access(mapping);
            String inContainer = mapping.getPathInContainer().isEmpty() ? mapping.getPathOnHost() : mapping.getPathInContainer();
            for (OciSpec.Device device : HostDevices.mapping(mapping.getPathOnHost(), inContainer)) {
                mapped.add(device);
                mappedRules.add(new OciSpec.DeviceRule(true, device.type(), (int) device.major(), (int) device.minor(), access));
            }
        }
        List<OciSpec.Device> hostDevices = host.getPrivileged() ? HostDevices.all() : List.of();
        return spec -> {
            spec.capabilities(OciSpec.Capabilities.of(capabilities))
                    .noNewPrivileges(options.noNewPrivileges())
                    .seccomp(seccomp)
                    .maskedPaths(SystemPaths.masked(host))
                    .readonlyPaths(SystemPaths.readonly(host));
            if (host.getPrivileged()) {
                spec.clearDeviceRules().deviceRule(new OciSpec.DeviceRule(true, null, null, null, ALL_ACCESS));
                hostDevices.forEach(spec::device);
                spec.mountOptions("/sys", ContainerSecurity::writable);
            }
            boolean writableCgroups = options.writableCgroups() == null ? host.getPrivileged() : options.writableCgroups();
            if (writableCgroups) {
                spec.mountOptions("/sys/fs/cgroup", ContainerSecurity::writable);
            }
            mapped.forEach(spec::device);
            mappedRules.forEach(spec::deviceRule);
        };
    }

    private static OciSpec.Seccomp seccomp(HostConfig host, SecurityOptions options, List<String> capabilities,
                                           SeccompCompiler.Target target) {
        if (SecurityOptions.UNCONFINED.equals(options.seccomp())) {
            return null;
        }
        if (options.seccomp() == null) {
            // A privileged container runs without Docker's profile; one it names is applied still.
            if (host.getPrivileged()) {
                return null;
            }
            return SeccompCompiler.compile(DefaultSeccompProfile.get(), capabilities, target);
        }
        return SeccompCompiler.compile(SeccompProfileReader.read(options.seccomp()), capabilities, target);
    }

    private static String access(DeviceMapping mapping) {
        String access = mapping.getCgroupPermissions().isEmpty() ? ALL_ACCESS : mapping.getCgroupPermissions();
        if (!access.matches("[rwm]{1,3}")) {
            throw BerthException.invalid("invalid device mode: " + mapping.getCgroupPermissions());
        }
        return access;
    }

    private static List<String> writable(List<String> options) {
        return options.stream().filter(o -> !o.equals("ro")).toList();
    }
}

package dev.berth.node.spec.security.seccomp;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A seccomp profile in Docker's format (what --security-opt seccomp=FILE holds): the OCI filter
 * plus rules that apply only on some architectures, with some capabilities, or from some kernel
 * on. {@link SeccompCompiler} turns it into the OCI filter for one container.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SeccompProfile(String defaultAction, Integer defaultErrnoRet, List<String> architectures,
                             List<ArchMap> archMap, List<Rule> syscalls, List<String> flags) {

    /** The native architecture and the ones whose syscalls a process of it may also make. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ArchMap(String architecture, List<String> subArchitectures) {
    }

    /**
     * One rule; {@code name} is the old single-name form. {@code includes}: applies only if all
     * its conditions hold; {@code excludes}: not if any holds.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Rule(String name, List<String> names, String action, Integer errnoRet, List<Arg> args,
                       Filter includes, Filter excludes) {

        static Rule allow(List<String> names) {
            return new Rule(null, names, "SCMP_ACT_ALLOW", null, null, null, null);
        }

        Rule withIncludes(Filter value) {
            return new Rule(name, names, action, errnoRet, args, value, excludes);
        }

        Rule withExcludes(Filter value) {
            return new Rule(name, names, action, errnoRet, args, includes, value);
        }

        Rule withArgs(List<Arg> value) {
            return new Rule(name, names, action, errnoRet, value, includes, excludes);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Arg(int index, long value, long valueTwo, String op) {
    }

    /** {@code arches} as Go names them (amd64, arm64, s390x...); {@code minKernel} "major.minor". */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Filter(List<String> caps, List<String> arches, @JsonProperty("minKernel") String minKernel) {

        static Filter caps(String... caps) {
            return new Filter(List.of(caps), null, null);
        }

        static Filter arches(String... arches) {
            return new Filter(null, List.of(arches), null);
        }
    }
}

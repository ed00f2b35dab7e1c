package dev.berth.node.stats;

import dev.berth.common.error.BerthException;
import dev.berth.node.command.ExternalCommand;
import dev.berth.node.resources.CgroupLayout;
import dev.berth.node.state.Container;
import dev.berth.node.state.ContainerStore;
import dev.berth.proto.v1.ProcessList;
import dev.berth.proto.v1.ProcessRow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * `docker top`, as dockerd does it: the host's {@code ps} with the client's arguments, keeping
 * the lines whose PID is in the container's cgroup (and the thread lines under them).
 */
@Component
public class ProcessTable {

    static final String DEFAULT_ARGS = "-ef";
    private static final Duration PS_TIMEOUT = Duration.ofSeconds(30);

    private final ContainerStore store;
    private final CgroupLayout layout = CgroupLayout.detect();

    ProcessTable(ContainerStore store) {
        this.store = store;
    }

    public ProcessList list(String id, String psArgs) {
        Container container = store.get(id);
        if (!container.state().isRunning()) {
            throw BerthException.precondition("container " + id + " is not running");
        }
        validate(psArgs);
        Set<Integer> pids = pidsOf(id);
        List<String> argv = new ArrayList<>(List.of("ps"));
        String args = psArgs.isBlank() ? DEFAULT_ARGS : psArgs;
        argv.addAll(Arrays.asList(args.trim().split("\\s+")));
        // As dockerd: ask ps for the container's pids only (-q), and without it when the client's
        // options cannot be combined with -q (say, "f").
        List<String> quick = new ArrayList<>(argv);
        quick.add("-q" + String.join(",", pids.stream().sorted().map(String::valueOf).toList()));
        ExternalCommand.Result ps = ExternalCommand.of(PS_TIMEOUT, quick).run();
        if (!ps.ok()) {
            ps = ExternalCommand.of(PS_TIMEOUT, argv).run();
        }
        if (!ps.ok()) {
            throw BerthException.internal("ps: " + ps.output().strip().split("\n", 2)[0], null);
        }
        return parse(ps.output(), pids);
    }

    private static final Pattern RENAMED_PID = Pattern.compile("\\s+([^\\s]*)=\\s*(PID[^\\s]*)");

    /** dockerd refuses renaming the PID column ("-o user=PID"): the lines could not be matched to pids. */
    static void validate(String psArgs) {
        Matcher m = RENAMED_PID.matcher(psArgs);
        while (m.find()) {
            if (!m.group(1).equals("pid")) {
                throw BerthException.internal("specifying \"" + m.group(1) + "=" + m.group(2) + "\" is not allowed", null);
            }
        }
    }

    private Set<Integer> pidsOf(String id) {
        String controller = layout.unified() ? "" : "pids";
        String procs = CgroupFiles.read(layout.dir(controller, id).resolve("cgroup.procs"));
        if (procs == null) {
            procs = CgroupFiles.read(layout.dir("memory", id).resolve("cgroup.procs"));
        }
        Set<Integer> pids = new HashSet<>();
        if (procs != null) {
            for (String line : procs.split("\n")) {
                if (!line.isBlank()) {
                    pids.add(Integer.parseInt(line.trim()));
                }
            }
        }
        return pids;
    }

    /**
     * The title line, then the lines of the container's processes; the last column takes the rest
     * of the line (a command with its arguments). A "-" PID is a thread line ({@code ps -m}): kept
     * when it follows a kept process.
     */
    static ProcessList parse(String output, Set<Integer> pids) {
        String[] lines = output.split("\n");
        List<String> titles = fields(lines[0]);
        int pidIndex = titles.indexOf("PID");
        if (pidIndex < 0) {
            throw BerthException.internal("Couldn't find PID field in ps output", null);
        }
        ProcessList.Builder list = ProcessList.newBuilder().addAllTitles(titles);
        boolean previousKept = false;
        for (int i = 1; i < lines.length; i++) {
            List<String> f = fields(lines[i]);
            if (f.size() <= pidIndex) {
                continue;
            }
            String pid = f.get(pidIndex);
            boolean keep;
            if (pid.equals("-")) {
                keep = previousKept;
            } else {
                try {
                    keep = pids.contains(Integer.parseInt(pid));
                } catch (NumberFormatException e) {
                    throw BerthException.internal("Unexpected pid '" + pid + "'", null);
                }
                previousKept = keep;
            }
            if (keep) {
                list.addProcesses(row(f, titles.size()));
            }
        }
        return list.build();
    }

    private static ProcessRow row(List<String> fields, int columns) {
        if (fields.size() < columns) {
            return ProcessRow.newBuilder().addAllFields(fields).build();
        }
        List<String> out = new ArrayList<>(fields.subList(0, columns - 1));
        out.add(String.join(" ", fields.subList(columns - 1, fields.size())));
        return ProcessRow.newBuilder().addAllFields(out).build();
    }

    private static List<String> fields(String line) {
        String trimmed = line.trim();
        return trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split("\\s+"));
    }
}

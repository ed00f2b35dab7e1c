package dev.berth.gateway.exec;

import dev.berth.proto.v1.NodeExecInfo;
import java.util.LinkedHashMap;
import java.util.Map;

/** GET /exec/{id}/json in Docker's shape. ExitCode is null while the exec runs (or if it was lost). */
final class ExecViews {

    private ExecViews() {
    }

    static Map<String, Object> inspect(NodeExecInfo exec) {
        Map<String, Object> process = new LinkedHashMap<>();
        var cmd = exec.getConfig().getCmdList();
        process.put("tty", exec.getConfig().getTty());
        process.put("entrypoint", cmd.isEmpty() ? "" : cmd.get(0));
        process.put("arguments", cmd.isEmpty() ? cmd : cmd.subList(1, cmd.size()));
        process.put("privileged", exec.getConfig().getPrivileged());
        process.put("user", exec.getConfig().getUser());
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("ID", exec.getExecId());
        view.put("Running", exec.getRunning());
        view.put("ExitCode", exec.hasExitCode() ? exec.getExitCode() : null);
        view.put("ProcessConfig", process);
        view.put("OpenStdin", exec.getConfig().getAttachStdin());
        view.put("OpenStderr", exec.getConfig().getAttachStderr());
        view.put("OpenStdout", exec.getConfig().getAttachStdout());
        view.put("DetachKeys", "");
        view.put("ContainerID", exec.getContainerId());
        view.put("Pid", exec.getPid());
        return view;
    }
}

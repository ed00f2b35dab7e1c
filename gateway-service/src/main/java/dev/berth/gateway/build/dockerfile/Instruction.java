package dev.berth.gateway.build.dockerfile;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Dockerfile instruction, parsed and checked as Docker checks it.
 * <p>
 * The arguments of the instructions Docker substitutes variables in (ADD, ARG, COPY, ENV, EXPOSE, FROM, LABEL,
 * STOPSIGNAL, USER, VOLUME, WORKDIR) are kept <em>as written</em>: quotes, escape tokens and {@code $} references are
 * still in them, because Docker removes quotes and substitutes variables in one step, with the variables of the moment.
 * {@link Expander#expand} gives their final values (with {@link VariableLookup#none()} when no variable applies).
 * RUN, CMD, ENTRYPOINT, SHELL and HEALTHCHECK commands are final as parsed: the shell, not the builder, reads them.
 */
public sealed interface Instruction {

    /** The 1-based line the instruction starts on. */
    int line();

    /** The instruction as written, continuation lines joined, as Docker prints it after {@code Step N/M : }. */
    String original();

    /** The keyword in upper case, e.g. {@code COPY}. */
    String keyword();

    /**
     * {@code FROM [--platform=P] image [AS name]}.
     *
     * @param stageName the name after AS, lower-cased
     */
    record From(int line, String original, String image, Optional<String> stageName, Optional<String> platform)
            implements Instruction {
        @Override
        public String keyword() {
            return "FROM";
        }
    }

    /**
     * {@code RUN command} (shell form: {@code args} is the one command line) or {@code RUN ["exe", "arg"]} (exec form).
     *
     * @param flagsUsed the BuildKit-only flags given ({@code mount}, {@code network}, {@code security}, {@code device}),
     *                  which the classic builder accepts in the Dockerfile and refuses when it runs the step
     */
    record Run(int line, String original, List<String> args, boolean execForm, List<String> flagsUsed)
            implements Instruction {
        public Run {
            args = List.copyOf(args);
            flagsUsed = List.copyOf(flagsUsed);
        }

        @Override
        public String keyword() {
            return "RUN";
        }
    }

    /** {@code CMD}, shell or exec form, as {@link Run}. */
    record Cmd(int line, String original, List<String> args, boolean execForm) implements Instruction {
        public Cmd {
            args = List.copyOf(args);
        }

        @Override
        public String keyword() {
            return "CMD";
        }
    }

    /** {@code ENTRYPOINT}, shell or exec form, as {@link Run}. */
    record Entrypoint(int line, String original, List<String> args, boolean execForm) implements Instruction {
        public Entrypoint {
            args = List.copyOf(args);
        }

        @Override
        public String keyword() {
            return "ENTRYPOINT";
        }
    }

    /** {@code SHELL ["executable", "parameters"]}; only the JSON form exists. */
    record Shell(int line, String original, List<String> shell) implements Instruction {
        public Shell {
            shell = List.copyOf(shell);
        }

        @Override
        public String keyword() {
            return "SHELL";
        }
    }

    /** {@code ENV name=value ...} or the legacy {@code ENV name value}, the pairs in the order written. */
    record Env(int line, String original, List<Map.Entry<String, String>> pairs) implements Instruction {
        public Env {
            pairs = List.copyOf(pairs);
        }

        @Override
        public String keyword() {
            return "ENV";
        }
    }

    /** {@code LABEL name=value ...} or the legacy {@code LABEL name value}, the pairs in the order written. */
    record Label(int line, String original, List<Map.Entry<String, String>> pairs) implements Instruction {
        public Label {
            pairs = List.copyOf(pairs);
        }

        @Override
        public String keyword() {
            return "LABEL";
        }
    }

    /**
     * {@code ARG name[=default] ...}: one instruction (one build step) for all the names on its line, as in Docker.
     */
    record Arg(int line, String original, List<ArgDef> args) implements Instruction {
        public Arg {
            args = List.copyOf(args);
        }

        @Override
        public String keyword() {
            return "ARG";
        }
    }

    /** One name of an {@link Arg}, with its default value if it has one ({@code ARG a=} has the empty default). */
    record ArgDef(String name, Optional<String> defaultValue) {
    }

    /** {@code EXPOSE port[/proto] ...}, sorted as Docker sorts them; see {@link ExposedPorts}. */
    record Expose(int line, String original, List<String> ports) implements Instruction {
        public Expose {
            ports = List.copyOf(ports);
        }

        @Override
        public String keyword() {
            return "EXPOSE";
        }
    }

    /** {@code VOLUME path ...} or {@code VOLUME ["path", ...]}. */
    record Volume(int line, String original, List<String> paths) implements Instruction {
        public Volume {
            paths = List.copyOf(paths);
        }

        @Override
        public String keyword() {
            return "VOLUME";
        }
    }

    /** {@code USER user[:group]}. */
    record User(int line, String original, String user) implements Instruction {
        @Override
        public String keyword() {
            return "USER";
        }
    }

    /** {@code WORKDIR path}. */
    record Workdir(int line, String original, String path) implements Instruction {
        @Override
        public String keyword() {
            return "WORKDIR";
        }
    }

    /** {@code COPY [--from=stage] [--chown=u:g] [--chmod=mode] [--link] src... dest}, or the JSON form. */
    record Copy(int line, String original, List<String> sources, String dest, Optional<String> from,
                Optional<String> chown, Optional<String> chmod, boolean link) implements Instruction {
        public Copy {
            sources = List.copyOf(sources);
        }

        @Override
        public String keyword() {
            return "COPY";
        }
    }

    /** {@code ADD [--chown] [--chmod] [--checksum] [--link] [--keep-git-dir] src... dest}, or the JSON form. */
    record Add(int line, String original, List<String> sources, String dest, Optional<String> chown,
               Optional<String> chmod, Optional<String> checksum, boolean link, boolean keepGitDir)
            implements Instruction {
        public Add {
            sources = List.copyOf(sources);
        }

        @Override
        public String keyword() {
            return "ADD";
        }
    }

    /** {@code STOPSIGNAL signal}. */
    record StopSignal(int line, String original, String signal) implements Instruction {
        @Override
        public String keyword() {
            return "STOPSIGNAL";
        }
    }

    /**
     * {@code HEALTHCHECK NONE}, or {@code HEALTHCHECK [--interval=D] [--timeout=D] [--start-period=D]
     * [--start-interval=D] [--retries=N] CMD command}.
     *
     * @param test as Docker stores it in the image: {@code ["NONE"]}, {@code ["CMD", exe, args...]} for the exec
     *             form, {@code ["CMD-SHELL", "command line"]} for the shell form
     * @param intervalNanos and the other durations: nanoseconds, 0 when not given (Docker's defaults then apply)
     * @param retries       0 when not given
     */
    record Healthcheck(int line, String original, List<String> test, long intervalNanos, long timeoutNanos,
                       long startPeriodNanos, long startIntervalNanos, int retries) implements Instruction {
        public Healthcheck {
            test = List.copyOf(test);
        }

        @Override
        public String keyword() {
            return "HEALTHCHECK";
        }
    }

    /**
     * {@code ONBUILD instruction}.
     *
     * @param trigger     the instruction, parsed (and checked) as if it stood on its own line
     * @param triggerText its text as Docker stores it in the image's {@code OnBuild} list, e.g. {@code RUN make}
     */
    record Onbuild(int line, String original, Instruction trigger, String triggerText) implements Instruction {
        @Override
        public String keyword() {
            return "ONBUILD";
        }
    }

    /** {@code MAINTAINER name} (deprecated, still honoured: it sets the image's Author). */
    record Maintainer(int line, String original, String maintainer) implements Instruction {
        @Override
        public String keyword() {
            return "MAINTAINER";
        }
    }
}

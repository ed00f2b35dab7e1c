package dev.berth.gateway.build.dockerfile;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Every instruction in each of its forms, as the parser hands it to the builder. */
class InstructionParsingTest {

    /** The only instruction of a one-stage Dockerfile {@code FROM scratch} + {@code line}. */
    @SuppressWarnings("unchecked")
    private static <T extends Instruction> T parse(String line) {
        return (T) Dockerfile.parse("FROM scratch\n" + line + "\n").last().instructions().get(0);
    }

    @Test
    void run_shellForm_isTheWholeCommandLine() {
        Instruction.Run run = parse("RUN apt-get update && apt-get install -y \"a b\"");

        assertThat(run.execForm()).isFalse();
        assertThat(run.args()).containsExactly("apt-get update && apt-get install -y \"a b\"");
        assertThat(run.flagsUsed()).isEmpty();
        assertThat(run.keyword()).isEqualTo("RUN");
    }

    @Test
    void run_execForm_isTheJsonStrings() {
        Instruction.Run run = parse("RUN [ \"echo\", \"a b\", \"\\u00e9\\n\" ]");

        assertThat(run.execForm()).isTrue();
        assertThat(run.args()).containsExactly("echo", "a b", "é\n");
    }

    @Test
    void run_invalidJson_isShellForm() {
        assertThat(this.<Instruction.Run>parse("RUN [\"echo\", 'hi']").args()).containsExactly("[\"echo\", 'hi']");
        assertThat(this.<Instruction.Run>parse("RUN [\"echo\", \"hi\"").execForm()).isFalse();
        assertThat(this.<Instruction.Run>parse("RUN [\"echo\"] && true").execForm()).isFalse();
        assertThat(this.<Instruction.Run>parse("RUN [ -f /x ] && echo yes").args()).containsExactly("[ -f /x ] && echo yes");
    }

    @Test
    void run_emptyJsonArray_isAnEmptyExecForm() {
        Instruction.Run run = parse("RUN []");

        assertThat(run.execForm()).isTrue();
        assertThat(run.args()).isEmpty();
    }

    @Test
    void run_buildKitFlags_areAcceptedAndReported() {
        Instruction.Run run = parse("RUN --mount=type=cache,target=/root/.cache --network=none --mount=type=tmpfs,target=/t make");

        assertThat(run.flagsUsed()).containsExactly("mount", "network");
        assertThat(run.args()).containsExactly("make");
    }

    @Test
    void run_heredoc_staysPlainShellText() {
        Instruction.Run run = parse("RUN cat <<EOF");

        assertThat(run.args()).containsExactly("cat <<EOF");
    }

    @Test
    void cmd_andEntrypoint_bothForms() {
        Instruction.Cmd shell = parse("CMD echo $HOME");
        Instruction.Cmd exec = parse("CMD [\"nginx\", \"-g\", \"daemon off;\"]");
        Instruction.Entrypoint entrypoint = parse("ENTRYPOINT [\"/docker-entrypoint.sh\"]");
        Instruction.Entrypoint entrypointShell = parse("ENTRYPOINT exec java -jar app.jar");

        assertThat(shell.execForm()).isFalse();
        assertThat(shell.args()).containsExactly("echo $HOME");
        assertThat(exec.execForm()).isTrue();
        assertThat(exec.args()).containsExactly("nginx", "-g", "daemon off;");
        assertThat(entrypoint.args()).containsExactly("/docker-entrypoint.sh");
        assertThat(entrypoint.execForm()).isTrue();
        assertThat(entrypointShell.args()).containsExactly("exec java -jar app.jar");
        assertThat(entrypointShell.keyword()).isEqualTo("ENTRYPOINT");
    }

    @Test
    void cmd_empty_hasNoArguments() {
        Instruction.Cmd cmd = parse("CMD");

        assertThat(cmd.args()).isEmpty();
        assertThat(cmd.execForm()).isFalse();
    }

    @Test
    void shell_isTheJsonArray() {
        Instruction.Shell shell = parse("SHELL [\"powershell\", \"-command\"]");

        assertThat(shell.shell()).containsExactly("powershell", "-command");
    }

    @Test
    void env_pairs_keepQuotesAndEscapesUntilExpansion() {
        Instruction.Env env = parse("ENV A=1 B=\"two words\" C=three\\ words D='$E' F=");

        assertThat(env.pairs()).containsExactly(
                Map.entry("A", "1"), Map.entry("B", "\"two words\""), Map.entry("C", "three\\ words"),
                Map.entry("D", "'$E'"), Map.entry("F", ""));
        assertThat(Expander.expand(env, VariableLookup.none())).isEqualTo(new Instruction.Env(env.line(), env.original(),
                List.of(Map.entry("A", "1"), Map.entry("B", "two words"), Map.entry("C", "three words"),
                        Map.entry("D", "$E"), Map.entry("F", ""))));
    }

    @Test
    void env_legacyForm_valueIsTheRestOfTheLine() {
        Instruction.Env env = parse("ENV PATH /usr/local/bin:$PATH   and more");

        assertThat(env.pairs()).containsExactly(Map.entry("PATH", "/usr/local/bin:$PATH   and more"));
    }

    @Test
    void env_legacyFormWithQuotes_valueLosesThemOnExpansion() {
        Instruction.Env env = parse("ENV GREETING \"hello world\"");

        Instruction.Env expanded = (Instruction.Env) Expander.expand(env, VariableLookup.none());
        assertThat(expanded.pairs()).containsExactly(Map.entry("GREETING", "hello world"));
    }

    @Test
    void label_quotedNamesAndValues_andSeveralPairs() {
        Instruction.Label label = parse("LABEL \"com.example.vendor\"=\"ACME Inc\" version=1.0 description=\"line \\\"quoted\\\"\"");

        Instruction.Label expanded = (Instruction.Label) Expander.expand(label, VariableLookup.none());
        assertThat(expanded.pairs()).containsExactly(
                Map.entry("com.example.vendor", "ACME Inc"), Map.entry("version", "1.0"),
                Map.entry("description", "line \"quoted\""));
        assertThat(label.keyword()).isEqualTo("LABEL");
    }

    @Test
    void label_legacyForm() {
        Instruction.Label label = parse("LABEL maintainer someone@example.com");

        assertThat(label.pairs()).containsExactly(Map.entry("maintainer", "someone@example.com"));
    }

    @Test
    void arg_severalNamesOnOneLine_areOneInstruction() {
        Instruction.Arg arg = parse("ARG A B=2 C= D=\"x y\"");

        assertThat(arg.args()).containsExactly(
                new Instruction.ArgDef("A", Optional.empty()),
                new Instruction.ArgDef("B", Optional.of("2")),
                new Instruction.ArgDef("C", Optional.of("")),
                new Instruction.ArgDef("D", Optional.of("\"x y\"")));
    }

    @Test
    void expose_portsAreSortedAsDockerSortsThem() {
        Instruction.Expose expose = parse("EXPOSE 8080 443/tcp 53/udp 80");

        assertThat(expose.ports()).containsExactly("443/tcp", "53/udp", "80", "8080");
    }

    @Test
    void volume_bothForms() {
        Instruction.Volume words = parse("VOLUME /data /logs");
        Instruction.Volume json = parse("VOLUME [\"/var/lib/my data\", \"/x\"]");

        assertThat(words.paths()).containsExactly("/data", "/logs");
        assertThat(json.paths()).containsExactly("/var/lib/my data", "/x");
    }

    @Test
    void user_workdir_stopsignal_maintainer_takeTheRestOfTheLine() {
        assertThat(this.<Instruction.User>parse("USER 1000:1000").user()).isEqualTo("1000:1000");
        assertThat(this.<Instruction.Workdir>parse("WORKDIR /my app").path()).isEqualTo("/my app");
        assertThat(this.<Instruction.StopSignal>parse("STOPSIGNAL SIGTERM").signal()).isEqualTo("SIGTERM");
        assertThat(this.<Instruction.Maintainer>parse("MAINTAINER Jane Doe <jane@example.com>").maintainer())
                .isEqualTo("Jane Doe <jane@example.com>");
    }

    @Test
    void copy_sourcesDestinationAndFlags() {
        Instruction.Copy copy = parse("COPY --from=build --chown=app:app --chmod=0755 --link a.txt b/ /dest/");

        assertThat(copy.sources()).containsExactly("a.txt", "b/");
        assertThat(copy.dest()).isEqualTo("/dest/");
        assertThat(copy.from()).contains("build");
        assertThat(copy.chown()).contains("app:app");
        assertThat(copy.chmod()).contains("0755");
        assertThat(copy.link()).isTrue();
    }

    @Test
    void copy_withoutFlags_andJsonForm() {
        Instruction.Copy plain = parse("COPY . /app");
        Instruction.Copy json = parse("COPY [\"my file.txt\", \"/dest dir/\"]");

        assertThat(plain.sources()).containsExactly(".");
        assertThat(plain.from()).isEmpty();
        assertThat(plain.chown()).isEmpty();
        assertThat(plain.chmod()).isEmpty();
        assertThat(plain.link()).isFalse();
        assertThat(json.sources()).containsExactly("my file.txt");
        assertThat(json.dest()).isEqualTo("/dest dir/");
    }

    @Test
    void copy_flagValues_mayBeQuoted_andLinkMayBeFalse() {
        Instruction.Copy copy = parse("COPY --chown=\"1000:1000\" --link=false a b");

        assertThat(copy.chown()).contains("1000:1000");
        assertThat(copy.link()).isFalse();
    }

    @Test
    void copy_flagGivenEmpty_isAsIfNotGiven() {
        assertThat(this.<Instruction.Copy>parse("COPY --chown= a b").chown()).isEmpty();
    }

    @Test
    void copy_doubleDash_endsTheFlags() {
        Instruction.Copy copy = parse("COPY -- --weird-name /dest");

        assertThat(copy.sources()).containsExactly("--weird-name");
    }

    @Test
    void add_flags() {
        Instruction.Add add = parse("ADD --chown=1:2 --chmod=644 --checksum=sha256:abc --link --keep-git-dir=true https://example.com/a.tgz /opt/");

        assertThat(add.sources()).containsExactly("https://example.com/a.tgz");
        assertThat(add.dest()).isEqualTo("/opt/");
        assertThat(add.chown()).contains("1:2");
        assertThat(add.chmod()).contains("644");
        assertThat(add.checksum()).contains("sha256:abc");
        assertThat(add.link()).isTrue();
        assertThat(add.keepGitDir()).isTrue();
    }

    @Test
    void add_withoutFlags() {
        Instruction.Add add = parse("ADD a.tar.gz b.txt /dest/");

        assertThat(add.sources()).containsExactly("a.tar.gz", "b.txt");
        assertThat(add.checksum()).isEmpty();
        assertThat(add.link()).isFalse();
        assertThat(add.keepGitDir()).isFalse();
    }

    @Test
    void healthcheck_none() {
        Instruction.Healthcheck none = parse("HEALTHCHECK NONE");

        assertThat(none.test()).containsExactly("NONE");
        assertThat(none.intervalNanos()).isZero();
        assertThat(none.retries()).isZero();
    }

    @Test
    void healthcheck_shellForm_withEveryFlag() {
        Instruction.Healthcheck check = parse(
                "HEALTHCHECK --interval=1m30s --timeout=500ms --start-period=2s --start-interval=1.5s --retries=3 CMD curl -f http://localhost/ || exit 1");

        assertThat(check.test()).containsExactly("CMD-SHELL", "curl -f http://localhost/ || exit 1");
        assertThat(check.intervalNanos()).isEqualTo(90_000_000_000L);
        assertThat(check.timeoutNanos()).isEqualTo(500_000_000L);
        assertThat(check.startPeriodNanos()).isEqualTo(2_000_000_000L);
        assertThat(check.startIntervalNanos()).isEqualTo(1_500_000_000L);
        assertThat(check.retries()).isEqualTo(3);
    }

    @Test
    void healthcheck_execForm_withoutFlags_typeInAnyCase() {
        Instruction.Healthcheck check = parse("HEALTHCHECK cmd [\"/bin/check\", \"--quick\"]");

        assertThat(check.test()).containsExactly("CMD", "/bin/check", "--quick");
        assertThat(check.intervalNanos()).isZero();
        assertThat(check.timeoutNanos()).isZero();
        assertThat(check.retries()).isZero();
    }

    @Test
    void healthcheck_zeroDuration_meansDefault() {
        assertThat(this.<Instruction.Healthcheck>parse("HEALTHCHECK --interval=0s CMD true").intervalNanos()).isZero();
    }

    @Test
    void onbuild_carriesItsTriggerParsed_andTheTextDockerStores() {
        Instruction.Onbuild onbuild = parse("ONBUILD COPY --chown=app . /src");

        assertThat(onbuild.triggerText()).isEqualTo("COPY --chown=app . /src");
        Instruction.Copy trigger = (Instruction.Copy) onbuild.trigger();
        assertThat(trigger.sources()).containsExactly(".");
        assertThat(trigger.chown()).contains("app");
        assertThat(trigger.original()).isEqualTo("COPY --chown=app . /src");
        assertThat(onbuild.keyword()).isEqualTo("ONBUILD");
    }

    @Test
    void onbuild_lowercaseWithExecFormTrigger() {
        Instruction.Onbuild onbuild = parse("onbuild  run [\"make\", \"install\"]");

        assertThat(onbuild.triggerText()).isEqualTo("run [\"make\", \"install\"]");
        assertThat(((Instruction.Run) onbuild.trigger()).args()).containsExactly("make", "install");
    }

    @Test
    void from_withPlatformAndName() {
        Instruction.From from = Dockerfile.parse("FROM --platform=linux/arm64 node:20 AS Deps\n").last().from();

        assertThat(from.image()).isEqualTo("node:20");
        assertThat(from.platform()).contains("linux/arm64");
        assertThat(from.stageName()).contains("deps");
        assertThat(from.keyword()).isEqualTo("FROM");
        assertThat(from.line()).isEqualTo(1);
    }

    @Test
    void stopsignalAndArg_ignoreFlags_asDockerDoes() {
        assertThat(this.<Instruction.StopSignal>parse("STOPSIGNAL --x=y SIGINT").signal()).isEqualTo("SIGINT");
        assertThat(this.<Instruction.Arg>parse("ARG --x A").args()).containsExactly(new Instruction.ArgDef("A", Optional.empty()));
    }
}

package dev.berth.gateway.build.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** HEALTHCHECK's checks and conversions, with Docker's messages. */
final class HealthcheckParser {

    private static final long MINIMUM_NANOS = 1_000_000L;

    private HealthcheckParser() {
    }

    static Instruction.Healthcheck parse(SyntaxNode node, String original) {
        List<String> args = node.args();
        if (args.isEmpty()) {
            throw new InstructionSyntaxError("HEALTHCHECK requires at least one argument");
        }
        String type = args.get(0).toUpperCase(Locale.ROOT);
        List<String> command = args.subList(1, args.size());
        if (type.equals("NONE")) {
            // Docker does not look at the flags of HEALTHCHECK NONE.
            if (!command.isEmpty()) {
                throw new InstructionSyntaxError("HEALTHCHECK NONE takes no arguments");
            }
            return new Instruction.Healthcheck(node.line(), original, List.of("NONE"), 0, 0, 0, 0, 0);
        }
        FlagSet flags = new FlagSet().string("interval").string("timeout").string("start-period")
                .string("start-interval").string("retries").parse(node.flags());
        if (!type.equals("CMD")) {
            throw new InstructionSyntaxError("Unknown type " + GoStrings.quote(type) + " in HEALTHCHECK (try CMD)");
        }
        if (command.isEmpty()) {
            throw new InstructionSyntaxError("Missing command after HEALTHCHECK CMD");
        }
        List<String> test = new ArrayList<>();
        test.add(node.json() ? "CMD" : "CMD-SHELL");
        test.addAll(command);
        return new Instruction.Healthcheck(node.line(), original, test,
                interval(flags, "interval"), interval(flags, "timeout"), interval(flags, "start-period"),
                interval(flags, "start-interval"), retries(flags.value("retries")));
    }

    private static long interval(FlagSet flags, String name) {
        Optional<String> value = flags.value(name);
        if (value.isEmpty()) {
            return 0;
        }
        long nanos;
        try {
            nanos = GoDuration.parseNanos(value.get());
        } catch (IllegalArgumentException e) {
            throw new InstructionSyntaxError(e.getMessage());
        }
        if (nanos != 0 && nanos < MINIMUM_NANOS) {
            throw new InstructionSyntaxError("Interval " + GoStrings.quote(name) + " cannot be less than 1ms");
        }
        return nanos;
    }

    /** Go's {@code strconv.ParseInt(value, 10, 32)}, then Docker's refusal of a negative count. */
    private static int retries(Optional<String> value) {
        if (value.isEmpty()) {
            return 0;
        }
        String text = value.get();
        if (!text.matches("[+-]?[0-9]+")) {
            throw new InstructionSyntaxError("strconv.ParseInt: parsing " + GoStrings.quote(text) + ": invalid syntax");
        }
        long retries;
        try {
            retries = Long.parseLong(text);
        } catch (NumberFormatException e) {
            retries = Long.MAX_VALUE;
        }
        if (retries < Integer.MIN_VALUE || retries > Integer.MAX_VALUE) {
            throw new InstructionSyntaxError(
                    "strconv.ParseInt: parsing " + GoStrings.quote(text) + ": value out of range");
        }
        if (retries < 0) {
            throw new InstructionSyntaxError("--retries cannot be negative (" + retries + ")");
        }
        return (int) retries;
    }
}

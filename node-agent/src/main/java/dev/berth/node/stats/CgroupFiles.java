package dev.berth.node.stats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** Reading the kernel's cgroup files: single numbers, "key value" tables, number lists. */
final class CgroupFiles {

    private CgroupFiles() {
    }

    /** The file's one number; empty when the file is missing or says "max". */
    static OptionalLong number(Path file) {
        String text = read(file);
        if (text == null) {
            return OptionalLong.empty();
        }
        return parseNumber(text.trim());
    }

    static OptionalLong parseNumber(String text) {
        if (text.isEmpty() || text.equals("max")) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseUnsignedLong(text));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** "key value" lines (memory.stat, cpu.stat, cpuacct.stat), in file order; empty when missing. */
    static Map<String, Long> table(Path file) {
        String text = read(file);
        return text == null ? Map.of() : parseTable(text);
    }

    static Map<String, Long> parseTable(String text) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 2) {
                parseNumber(parts[1]).ifPresent(v -> out.put(parts[0], v));
            }
        }
        return out;
    }

    /** Whitespace-separated numbers on one line (cpuacct.usage_percpu). */
    static List<Long> parseList(String text) {
        return text.isBlank() ? List.of()
                : java.util.Arrays.stream(text.trim().split("\\s+")).map(Long::parseUnsignedLong).toList();
    }

    /** Null when the file is missing or unreadable. */
    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return null;
        }
    }
}

package dev.berth.node.resources;

import java.util.BitSet;

/** A cpuset list as the kernel writes it ("0-3,5"): parsed to the set of numbers it names. */
public final class CpuSetList {

    /** Big enough for any host; a larger number is refused rather than allocated. */
    private static final int MAX = 8192;

    private CpuSetList() {
    }

    /** The numbers in {@code list}; null when it is not a valid list. Empty gives an empty set. */
    public static BitSet parse(String list) {
        BitSet set = new BitSet();
        if (list.isEmpty()) {
            return set;
        }
        for (String part : list.split(",", -1)) {
            String[] range = part.split("-", -1);
            if (range.length > 2) {
                return null;
            }
            Integer from = number(range[0]);
            Integer to = range.length == 2 ? number(range[1]) : from;
            if (from == null || to == null || to < from) {
                return null;
            }
            set.set(from, to + 1);
        }
        return set;
    }

    private static Integer number(String text) {
        if (text.isEmpty() || text.length() > 4 || !text.chars().allMatch(Character::isDigit)) {
            return null;
        }
        int value = Integer.parseInt(text);
        return value < MAX ? value : null;
    }
}

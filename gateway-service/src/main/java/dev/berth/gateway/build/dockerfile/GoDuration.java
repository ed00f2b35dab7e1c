package dev.berth.gateway.build.dockerfile;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Map;

/**
 * Go's {@code time.ParseDuration}, which Docker applies to the HEALTHCHECK durations: a signed sequence of decimal
 * numbers, each with a unit ({@code ns us µs ms s m h}), e.g. {@code 300ms}, {@code -1.5h}, {@code 2h45m}.
 */
final class GoDuration {

    private static final Map<String, Long> UNIT_NANOS = Map.of(
            "ns", 1L,
            "us", 1_000L,
            "\u00b5s", 1_000L,
            "\u03bcs", 1_000L,
            "ms", 1_000_000L,
            "s", 1_000_000_000L,
            "m", 60_000_000_000L,
            "h", 3_600_000_000_000L);
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private GoDuration() {
    }

    /** The duration in nanoseconds; an IllegalArgumentException with Go's message when it is not one. */
    static long parseNanos(String text) {
        int pos = 0;
        boolean negative = false;
        if (!text.isEmpty() && (text.charAt(0) == '-' || text.charAt(0) == '+')) {
            negative = text.charAt(0) == '-';
            pos = 1;
        }
        if (text.substring(pos).equals("0")) {
            return 0;
        }
        if (pos == text.length()) {
            throw invalid(text);
        }
        BigInteger total = BigInteger.ZERO;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != '.' && !isDigit(c)) {
                throw invalid(text);
            }
            int start = pos;
            pos = skipDigits(text, pos);
            String whole = text.substring(start, pos);
            String fraction = "";
            if (pos < text.length() && text.charAt(pos) == '.') {
                int fractionStart = ++pos;
                pos = skipDigits(text, pos);
                fraction = text.substring(fractionStart, pos);
            }
            if (whole.isEmpty() && fraction.isEmpty()) {
                throw invalid(text);
            }
            int unitStart = pos;
            while (pos < text.length() && text.charAt(pos) != '.' && !isDigit(text.charAt(pos))) {
                pos++;
            }
            if (unitStart == pos) {
                throw new IllegalArgumentException("time: missing unit in duration " + GoStrings.quote(text));
            }
            String unit = text.substring(unitStart, pos);
            Long nanos = UNIT_NANOS.get(unit);
            if (nanos == null) {
                throw new IllegalArgumentException(
                        "time: unknown unit " + GoStrings.quote(unit) + " in duration " + GoStrings.quote(text));
            }
            BigDecimal number = new BigDecimal((whole.isEmpty() ? "0" : whole) + (fraction.isEmpty() ? "" : "." + fraction));
            total = total.add(number.multiply(BigDecimal.valueOf(nanos)).setScale(0, RoundingMode.DOWN).toBigInteger());
            if (total.compareTo(negative ? MAX.add(BigInteger.ONE) : MAX) > 0) {
                throw invalid(text);
            }
        }
        return negative ? total.negate().longValue() : total.longValue();
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("time: invalid duration " + GoStrings.quote(text));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int skipDigits(String text, int pos) {
        while (pos < text.length() && isDigit(text.charAt(pos))) {
            pos++;
        }
        return pos;
    }
}

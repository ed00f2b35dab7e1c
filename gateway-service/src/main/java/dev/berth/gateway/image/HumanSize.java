package dev.berth.gateway.image;

import java.math.BigDecimal;
import java.math.MathContext;

/** Byte counts as Docker's go-units HumanSize prints them: decimal units, 4 significant digits ("2.186MB"). */
final class HumanSize {

    private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};

    private HumanSize() {
    }

    static String of(long bytes) {
        double size = bytes;
        int unit = 0;
        while (size >= 1000 && unit < UNITS.length - 1) {
            size /= 1000;
            unit++;
        }
        // Go's %.4g: four significant digits, no trailing zeros, no exponent below 10^4
        String digits = new BigDecimal(size).round(new MathContext(4)).stripTrailingZeros().toPlainString();
        return digits + UNITS[unit];
    }
}

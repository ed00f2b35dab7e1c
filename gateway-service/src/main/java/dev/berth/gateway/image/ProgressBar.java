package dev.berth.gateway.image;

/**
 * The {@code progress} string of Docker's JSON messages, as dockerd renders it (its JSONProgress
 * at the daemon's width, so with the bar): {@code [=====>      ]  1.2MB/3.4MB}. The CLI prints it
 * on a terminal and hides progress lines otherwise.
 */
final class ProgressBar {

    private static final int WIDTH = 50;

    private ProgressBar() {
    }

    static String of(long current, long total) {
        if (current <= 0 && total <= 0) {
            return "";
        }
        if (total <= 0) {
            return String.format("%8s", HumanSize.of(current));
        }
        int filled = (int) Math.min(WIDTH, (int) ((double) current / total * 100) / 2);
        String bar = "[" + "=".repeat(filled) + ">" + " ".repeat(WIDTH - filled) + "] ";
        String numbers = current > total
                ? String.format("%8s", HumanSize.of(current))
                : String.format("%8s/%s", HumanSize.of(current), HumanSize.of(total));
        return bar + numbers;
    }
}

package dev.berth.image.pull;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.berth.common.digest.Digest;

/** Keeps every event of a pull, as {@code "<phase> <digest>"} lines, for assertions. */
final class RecordingListener implements PullListener {

    final List<String> events = new CopyOnWriteArrayList<>();
    final List<String> started = new CopyOnWriteArrayList<>();

    @Override
    public void started(String repositoryPath, String tagOrDigest) {
        started.add(tagOrDigest + ": Pulling from " + repositoryPath);
    }

    @Override
    public void layer(Digest layer, LayerPhase phase, long current, long total) {
        events.add(phase + " " + layer);
    }

    List<String> phasesOf(Digest layer) {
        return events.stream().filter(e -> e.endsWith(" " + layer)).map(e -> e.substring(0, e.indexOf(' ')))
                .distinct().toList();
    }
}

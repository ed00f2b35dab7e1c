package dev.berth.image.push;

import java.util.ArrayList;
import java.util.List;

import dev.berth.common.digest.Digest;

/** Keeps a push's events as text: "started R", "PHASE <diff id hex 12> [from]", "pushed T D N". */
final class RecordingPushListener implements PushListener {

    final List<String> events = new ArrayList<>();

    @Override
    public synchronized void started(String repository) {
        events.add("started " + repository);
    }

    @Override
    public synchronized void layer(Digest diffId, PushPhase phase, long current, long total, String mountedFrom) {
        if (phase != PushPhase.PUSHING) {
            events.add(phase + (mountedFrom.isEmpty() ? "" : " " + mountedFrom));
        }
    }

    @Override
    public synchronized void tagPushed(String tag, Digest manifestDigest, long size) {
        events.add("pushed " + tag + " " + manifestDigest + " " + size);
    }
}

package dev.berth.image.remove;

/** One line of Docker's delete answer: exactly one of the two is set. */
public record DeleteItem(String untagged, String deleted) {

    public static DeleteItem untagged(String reference) {
        return new DeleteItem(reference, null);
    }

    public static DeleteItem deleted(String id) {
        return new DeleteItem(null, id);
    }
}

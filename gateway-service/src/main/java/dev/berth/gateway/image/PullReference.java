package dev.berth.gateway.image;

/**
 * The reference a pull asks for, from {@code fromImage} and {@code tag} combined as dockerd does:
 * a trailing {@code :} of the image is dropped (old {@code pull -a} clients send one), and a
 * {@code tag} that is a digest ({@code sha256:...}) makes a by-digest reference.
 */
final class PullReference {

    private PullReference() {
    }

    static String of(String fromImage, String tag) {
        String image = fromImage.endsWith(":") ? fromImage.substring(0, fromImage.length() - 1) : fromImage;
        if (tag == null || tag.isEmpty()) {
            return image;
        }
        return image + (tag.contains(":") ? "@" : ":") + tag;
    }
}

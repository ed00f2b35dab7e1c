package dev.berth.image.reference;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;

import dev.berth.common.error.BerthException;

/**
 * A normalised image reference: {@code domain/path[:tag][@digest]}, e.g.
 * {@code docker.io/library/busybox:latest}. Docker Hub normalisation lives here and only here:
 * {@link #parse} turns what users type into the full form, {@link #familiarString} turns it back
 * into what Docker shows ({@code busybox:latest}, {@code myreg:5000/x:1}).
 */
public final class ImageReference {

    public static final String DEFAULT_DOMAIN = "docker.io";
    public static final String DEFAULT_TAG = "latest";
    private static final String LEGACY_DEFAULT_DOMAIN = "index.docker.io";
    private static final String OFFICIAL_REPO_PREFIX = "library/";

    private final String domain;
    private final String path;
    private final String tag;
    private final String digest;

    private ImageReference(String domain, String path, String tag, String digest) {
        this.domain = domain;
        this.path = path;
        this.tag = tag;
        this.digest = digest;
    }

    /**
     * Parses a reference as a user writes it (Docker's ParseNormalizedNamed).
     *
     * @throws BerthException with Docker's message when it is not a valid reference
     */
    public static ImageReference parse(String text) {
        if (text == null || text.isEmpty()) {
            throw invalidFormat();
        }
        if (ReferenceGrammar.IDENTIFIER.matcher(text).matches()) {
            throw BerthException.invalid(
                    "invalid repository name (" + text + "), cannot specify 64-byte hexadecimal strings");
        }
        String[] split = splitDomain(text);
        String remainder = split[1];
        int tagSeparator = remainder.indexOf(':');
        String remoteName = tagSeparator >= 0 ? remainder.substring(0, tagSeparator) : remainder;
        if (!remoteName.toLowerCase(Locale.ROOT).equals(remoteName)) {
            throw BerthException.invalid(
                    "invalid reference format: repository name (" + remoteName + ") must be lowercase");
        }
        return parseCanonical(split[0] + "/" + remainder);
    }

    /** Parses {@code repo} and applies {@code tag} (when not empty) the way {@code docker import} does. */
    public static ImageReference parseWithTag(String repo, String tag) {
        ImageReference reference = parse(repo);
        if (tag == null || tag.isEmpty()) {
            return reference;
        }
        if (!ReferenceGrammar.TAG_ONLY.matcher(tag).matches()) {
            throw BerthException.invalid("invalid tag format");
        }
        return new ImageReference(reference.domain, reference.path, tag, reference.digest);
    }

    private static ImageReference parseCanonical(String text) {
        Matcher matcher = ReferenceGrammar.REFERENCE.matcher(text);
        if (!matcher.matches()) {
            throw invalidFormat();
        }
        String name = matcher.group(1);
        if (name.length() > ReferenceGrammar.NAME_TOTAL_LENGTH_MAX) {
            throw BerthException.invalid("repository name must not be more than 255 characters");
        }
        int slash = name.indexOf('/');
        return new ImageReference(name.substring(0, slash), name.substring(slash + 1), matcher.group(2),
                matcher.group(3));
    }

    /** Docker's splitDockerDomain: the first component is a domain only if it looks like one. */
    private static String[] splitDomain(String text) {
        int slash = text.indexOf('/');
        String domain;
        String remainder;
        if (slash == -1 || isPlainComponent(text.substring(0, slash))) {
            domain = DEFAULT_DOMAIN;
            remainder = text;
        } else {
            domain = text.substring(0, slash);
            remainder = text.substring(slash + 1);
        }
        if (domain.equals(LEGACY_DEFAULT_DOMAIN)) {
            domain = DEFAULT_DOMAIN;
        }
        if (domain.equals(DEFAULT_DOMAIN) && remainder.indexOf('/') == -1) {
            remainder = OFFICIAL_REPO_PREFIX + remainder;
        }
        return new String[] {domain, remainder};
    }

    private static boolean isPlainComponent(String first) {
        return first.indexOf('.') == -1 && first.indexOf(':') == -1 && !first.equals("localhost")
                && first.toLowerCase(Locale.ROOT).equals(first);
    }

    private static BerthException invalidFormat() {
        return BerthException.invalid("invalid reference format");
    }

    public String domain() {
        return domain;
    }

    public String path() {
        return path;
    }

    public Optional<String> tag() {
        return Optional.ofNullable(tag);
    }

    /** The digest as written ({@code algorithm:hex}), for {@code name@digest} references. */
    public Optional<String> digest() {
        return Optional.ofNullable(digest);
    }

    /** Full repository name, e.g. {@code docker.io/library/busybox}. */
    public String name() {
        return domain + "/" + path;
    }

    /** Repository name as Docker shows it, e.g. {@code busybox} or {@code myreg:5000/x}. */
    public String familiarName() {
        if (!domain.equals(DEFAULT_DOMAIN)) {
            return name();
        }
        if (path.startsWith(OFFICIAL_REPO_PREFIX) && path.indexOf('/', OFFICIAL_REPO_PREFIX.length()) == -1) {
            return path.substring(OFFICIAL_REPO_PREFIX.length());
        }
        return path;
    }

    /** Docker's TagNameOnly: a bare name gets the {@code latest} tag; tags and digests stay. */
    public ImageReference withDefaultTag() {
        if (tag == null && digest == null) {
            return new ImageReference(domain, path, DEFAULT_TAG, null);
        }
        return this;
    }

    /** The reference without its digest, e.g. to name a tag. */
    public ImageReference withoutDigest() {
        return new ImageReference(domain, path, tag, null);
    }

    /** Docker's FamiliarString: {@code busybox:latest}, {@code myreg:5000/x@sha256:...}. */
    public String familiarString() {
        return suffixed(familiarName());
    }

    @Override
    public String toString() {
        return suffixed(name());
    }

    private String suffixed(String repository) {
        StringBuilder text = new StringBuilder(repository);
        if (tag != null) {
            text.append(':').append(tag);
        }
        if (digest != null) {
            text.append('@').append(digest);
        }
        return text.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ImageReference that && domain.equals(that.domain) && path.equals(that.path)
                && Objects.equals(tag, that.tag) && Objects.equals(digest, that.digest);
    }

    @Override
    public int hashCode() {
        return Objects.hash(domain, path, tag, digest);
    }
}

package dev.berth.image.registry;

import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.berth.image.content.BlobInfo;
import dev.berth.common.digest.Digest;
import dev.berth.image.content.Ingester;
import dev.berth.image.reference.ImageReference;

/**
 * The registry client. Pulls go to docker.io's mirrors first, then the registry; pushes go to the
 * registry. Credentials come with each call (they arrive per Docker API request); tokens are
 * cached per registry, scope and credentials. Thread-safe.
 *
 * <p>Every failure is a {@link RegistryException}: {@link RegistryUnauthorizedException},
 * {@link RegistryNotFoundException}, {@link UnexpectedDigestException} or
 * {@link RegistryUnavailableException}, with Docker's message.
 */
public final class RegistryClient {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryClient.class);

    private final RegistryConfig config;
    private final Endpoints endpoints;
    private final RegistryHttp http;
    private final ManifestPuller manifests;
    private final BlobPuller blobs;
    private final BlobPusher blobPusher;
    private final ManifestPusher manifestPusher;

    public RegistryClient(RegistryConfig config) {
        this.config = config;
        HttpClients clients = new HttpClients(config);
        Clock clock = Clock.systemUTC();
        this.endpoints = new Endpoints(config);
        this.http = new RegistryHttp(config, clients, new Authenticator(new TokenFetcher(config, clients, clock), clock));
        this.manifests = new ManifestPuller(http);
        this.blobs = new BlobPuller(http);
        this.blobPusher = new BlobPusher(http, config);
        this.manifestPusher = new ManifestPusher(http);
    }

    public RegistryConfig config() {
        return config;
    }

    /**
     * {@code GET /v2/}: checks that {@code registry} ({@code host[:port]} or {@code docker.io})
     * speaks the API and, when credentials are given, accepts them (what {@code docker login} does).
     */
    public void ping(String registry, RegistryCredentials credentials) {
        String apiHost = new Repository(registry, "").apiHost();
        Endpoint endpoint = endpoints.primary(apiHost);
        AuthScope scope = new AuthScope(endpoint.authority(), List.of(), credentials);
        try (Response response = http.send(Request.of("GET", endpoint.api(""), scope))) {
            if (response.status() == 401 && credentials.hasPassword() && basicChallenge(response)) {
                // Docker's words for a login a Basic registry refused
                throw new RegistryUnauthorizedException("login attempt to " + endpoint.api("")
                        + " failed with status: 401 Unauthorized");
            }
            if (response.status() != 200) {
                throw ErrorResponses.toException(response);
            }
        }
    }

    private static boolean basicChallenge(Response response) {
        return response.headers().allValues("WWW-Authenticate").stream()
                .anyMatch(value -> value.regionMatches(true, 0, "basic", 0, 5));
    }

    /** The manifest or index the reference's tag or digest names, verified when named by digest. */
    public FetchedManifest fetchManifest(ImageReference reference, RegistryCredentials credentials) {
        Repository repository = Repository.of(reference);
        String tagOrDigest = Repository.manifestReference(reference);
        return onPullEndpoints(repository,
                endpoint -> manifests.fetch(endpoint, repository, reference, tagOrDigest, credentials));
    }

    /** {@code HEAD} of the manifest: its descriptor, or empty when the registry does not have it. */
    public Optional<Descriptor> headManifest(ImageReference reference, RegistryCredentials credentials) {
        Repository repository = Repository.of(reference);
        String tagOrDigest = Repository.manifestReference(reference);
        return onPullEndpoints(repository,
                endpoint -> manifests.head(endpoint, repository, reference, tagOrDigest, credentials));
    }

    /**
     * The image manifest for {@code platform}: the reference's manifest itself, or the entry of its
     * index chosen for the platform (then fetched by digest and verified).
     *
     * @throws RegistryNotFoundException {@code no matching manifest for linux/arm64/v8 in the
     *         manifest list entries} when the index has no such platform
     */
    public ResolvedImage resolve(ImageReference reference, Platform platform, RegistryCredentials credentials) {
        FetchedManifest top = fetchManifest(reference, credentials);
        if (top.document() instanceof ImageManifest image) {
            return new ResolvedImage(top, image, Optional.empty());
        }
        Descriptor chosen = PlatformSelector.select((ImageIndex) top.document(), platform);
        Repository repository = Repository.of(reference);
        FetchedManifest manifest = onPullEndpoints(repository, endpoint -> manifests.fetch(endpoint, repository,
                reference, chosen.digest().toString(), credentials));
        if (!(manifest.document() instanceof ImageManifest image)) {
            throw new RegistryException("manifest " + chosen.digest() + " for " + platform + " of "
                    + reference.familiarString() + " is an index, not an image manifest");
        }
        return new ResolvedImage(manifest, image, Optional.of(top));
    }

    /**
     * Opens a blob of {@code repository} for reading. The stream checks size and digest as it is read
     * and throws {@link UnexpectedDigestException} (naming both digests) at the end of a bad blob;
     * the caller closes it.
     */
    public InputStream openBlob(ImageReference repository, Descriptor blob, RegistryCredentials credentials) {
        Repository repo = Repository.of(repository);
        return onPullEndpoints(repo, endpoint -> blobs.open(endpoint, repo, blob, credentials));
    }

    /** Streams a blob into the content store; it becomes visible there only once verified. */
    public BlobInfo fetchBlob(ImageReference repository, Descriptor blob, Ingester target,
            RegistryCredentials credentials) {
        Repository repo = Repository.of(repository);
        return onPullEndpoints(repo, endpoint -> blobs.fetchInto(endpoint, repo, blob, target, credentials));
    }

    /** {@code HEAD /v2/<name>/blobs/<digest>} on the registry itself. */
    public boolean blobExists(ImageReference repository, Digest digest, RegistryCredentials credentials) {
        Repository repo = Repository.of(repository);
        Endpoint endpoint = endpoints.primary(repo.apiHost());
        return blobPusher.exists(endpoint, repo, Descriptor.of("application/octet-stream", digest, 0),
                AuthScope.pull(endpoint, repo, credentials));
    }

    /** Pushes a blob unless the repository has it already. */
    public PushOutcome pushBlob(ImageReference repository, Descriptor blob, BlobSource content,
            RegistryCredentials credentials) {
        return pushBlob(repository, blob, content, null, credentials);
    }

    /**
     * Pushes a blob, first trying to mount it from {@code mountFrom} when that repository is on the
     * same registry (a {@code null} or foreign one is ignored).
     */
    public PushOutcome pushBlob(ImageReference repository, Descriptor blob, BlobSource content,
            ImageReference mountFrom, RegistryCredentials credentials) {
        Repository target = Repository.of(repository);
        Repository source = mountFrom == null ? null : Repository.of(mountFrom);
        if (source != null && (!source.registry().equals(target.registry()) || source.path().equals(target.path()))) {
            source = null;
        }
        return blobPusher.push(endpoints.primary(target.apiHost()), target, blob, content, source, credentials);
    }

    /**
     * Pushes a manifest under the reference's tag (or digest) with its media type, after its blobs.
     *
     * @return the manifest's digest
     */
    public Digest pushManifest(ImageReference reference, String mediaType, byte[] manifest,
            RegistryCredentials credentials) {
        Repository repository = Repository.of(reference);
        return manifestPusher.push(endpoints.primary(repository.apiHost()), repository,
                Repository.manifestReference(reference), mediaType, manifest, credentials);
    }

    /** Tries each endpoint in turn; a mirror's failure falls through to the next, the last one's is thrown. */
    private <T> T onPullEndpoints(Repository repository, Function<Endpoint, T> call) {
        List<Endpoint> candidates = endpoints.forPull(repository);
        for (int i = 0; i < candidates.size() - 1; i++) {
            try {
                return call.apply(candidates.get(i));
            } catch (RegistryException e) {
                // mirrors are a cache: anything they cannot answer, the registry may
                LOG.debug("mirror {} failed, trying the next endpoint: {}", candidates.get(i).base(), e.getMessage());
            }
        }
        return call.apply(candidates.get(candidates.size() - 1));
    }
}

package dev.berth.image.registry;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Works out the {@code Authorization} header for a request. The first request to a registry goes
 * anonymously; its 401 challenge is remembered per registry, so later requests authorise up front.
 * Bearer tokens are cached per {@link AuthScope} until they expire; Basic needs no round trip.
 */
final class Authenticator {

    /** Docker's words (its registry client's) for a Basic challenge met without a password. */
    static final String NO_BASIC_CREDENTIALS = "no basic auth credentials";

    /** Past this many cached tokens, expired ones are dropped (many users and repositories). */
    private static final int CACHE_PRUNE_SIZE = 512;

    private final TokenFetcher tokens;
    private final Clock clock;
    private final Map<String, AuthChallenge> challenges = new ConcurrentHashMap<>();
    private final Map<AuthScope, BearerToken> cache = new ConcurrentHashMap<>();

    Authenticator(TokenFetcher tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    /** The header to send first: from a cached token or a known challenge; empty before any challenge. */
    Optional<String> initial(AuthScope scope) {
        AuthChallenge challenge = challenges.get(scope.authority());
        if (challenge == null) {
            return Optional.empty();
        }
        BearerToken cached = cache.get(scope);
        if (cached != null && cached.validAt(clock.instant())) {
            return Optional.of("Bearer " + cached.value());
        }
        return authorize(scope, challenge);
    }

    /**
     * After a 401: drops the cached token and answers the challenge afresh.
     *
     * @return empty when no challenge can be answered
     * @throws RegistryUnauthorizedException Docker's "no basic auth credentials" for a Basic challenge
     *         without a password
     */
    Optional<String> renew(AuthScope scope, List<String> wwwAuthenticate) {
        cache.remove(scope);
        Optional<AuthChallenge> challenge = choose(wwwAuthenticate);
        if (challenge.isEmpty()) {
            return Optional.empty();
        }
        challenges.put(scope.authority(), withoutScope(challenge.get()));
        return authorize(scope, challenge.get());
    }

    private Optional<String> authorize(AuthScope scope, AuthChallenge challenge) {
        RegistryCredentials credentials = scope.credentials();
        if (challenge.scheme().equals("basic")) {
            if (!credentials.hasPassword()) {
                throw new RegistryUnauthorizedException(NO_BASIC_CREDENTIALS);
            }
            String pair = credentials.username() + ":" + credentials.password();
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        if (!credentials.registryToken().isEmpty()) {
            return Optional.of("Bearer " + credentials.registryToken());
        }
        BearerToken token = tokens.fetch(challenge, scopes(scope, challenge), credentials);
        if (cache.size() >= CACHE_PRUNE_SIZE) {
            cache.values().removeIf(cached -> !cached.validAt(clock.instant()));
        }
        cache.put(scope, token);
        return Optional.of("Bearer " + token.value());
    }

    /** Ours plus the one the registry asked for, if it differs. */
    private static List<String> scopes(AuthScope scope, AuthChallenge challenge) {
        List<String> scopes = new ArrayList<>(scope.scopes());
        String asked = challenge.parameter("scope");
        if (!asked.isEmpty() && !scopes.contains(asked)) {
            scopes.add(asked);
        }
        return scopes;
    }

    /** The scope a challenge asks for belongs to that one request, not to the registry. */
    private static AuthChallenge withoutScope(AuthChallenge challenge) {
        Map<String, String> parameters = new HashMap<>(challenge.parameters());
        parameters.remove("scope");
        return new AuthChallenge(challenge.scheme(), parameters);
    }

    /** Bearer is preferred over Basic when a registry offers both. */
    private static Optional<AuthChallenge> choose(List<String> headers) {
        AuthChallenge basic = null;
        for (String header : headers) {
            for (AuthChallenge challenge : AuthChallenge.parse(header)) {
                if (challenge.scheme().equals("bearer") && !challenge.parameter("realm").isEmpty()) {
                    return Optional.of(challenge);
                }
                if (challenge.scheme().equals("basic")) {
                    basic = challenge;
                }
            }
        }
        return Optional.ofNullable(basic);
    }
}

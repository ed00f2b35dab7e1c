package dev.berth.image.registry;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;

import javax.net.ssl.SSLException;

/**
 * Describes calls and their transport failures the way Go's net/http does, so that messages read
 * like Docker's: {@code Get "http://127.0.0.1:5000/v2/": dial tcp 127.0.0.1:5000: connect:
 * connection refused}.
 */
final class Calls {

    private Calls() {
    }

    /** {@code Get "http://host/v2/"}: Go's url.Error prefix. */
    static String describe(String method, URI uri) {
        String op = method.isEmpty() ? method
                : method.charAt(0) + method.substring(1).toLowerCase(Locale.ROOT);
        return op + " \"" + uri + "\"";
    }

    static RegistryUnavailableException unavailable(String method, URI uri, IOException failure) {
        return new RegistryUnavailableException(describe(method, uri) + ": " + detail(uri, failure), failure);
    }

    private static String detail(URI uri, IOException failure) {
        String address = uri.getHost() + ":" + port(uri);
        if (failure instanceof HttpConnectTimeoutException) {
            return "dial tcp " + address + ": i/o timeout";
        }
        if (failure instanceof HttpTimeoutException) {
            return "net/http: timeout awaiting response headers";
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
                return "dial tcp: lookup " + uri.getHost() + ": no such host";
            }
            if (cause instanceof ConnectException && cause.getMessage() != null) {
                return "dial tcp " + address + ": connect: " + cause.getMessage().toLowerCase(Locale.ROOT);
            }
            if (cause instanceof SSLException && cause.getMessage() != null) {
                return "tls: " + cause.getMessage();
            }
        }
        if (failure instanceof ConnectException) {
            // JDK 17 retries a refused connect once and then reports only a ClosedChannelException
            return "dial tcp " + address + ": connect: connection refused";
        }
        return failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
    }

    static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equals(uri.getScheme()) ? 443 : 80;
    }
}

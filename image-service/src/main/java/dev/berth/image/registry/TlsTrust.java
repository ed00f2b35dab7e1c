package dev.berth.image.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS trust for one registry: the JVM's CAs plus every {@code *.crt} in
 * {@code <certsDir>/<host[:port]>/}, the layout of Docker's {@code /etc/docker/certs.d}.
 */
final class TlsTrust {

    private TlsTrust() {
    }

    /** @return the JVM's default context when the registry has no extra CA files */
    static SSLContext forRegistry(Path certsDir, String authority) {
        try {
            List<Certificate> extra = extraCertificates(certsDir, authority);
            if (extra.isEmpty()) {
                return SSLContext.getDefault();
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int alias = 0;
            for (X509Certificate ca : defaultTrustManager().getAcceptedIssuers()) {
                store.setCertificateEntry("jvm-" + alias++, ca);
            }
            for (Certificate ca : extra) {
                store.setCertificateEntry("certs.d-" + alias++, ca);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new RegistryException("cannot load CA certificates for " + authority + " from " + certsDir + ": "
                    + e.getMessage(), e);
        }
    }

    private static List<Certificate> extraCertificates(Path certsDir, String authority)
            throws IOException, GeneralSecurityException {
        List<Certificate> certificates = new ArrayList<>();
        if (certsDir == null) {
            return certificates;
        }
        Path dir = certsDir.resolve(authority.replace("[", "").replace("]", ""));
        if (!Files.isDirectory(dir)) {
            return certificates;
        }
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.crt")) {
            for (Path file : files) {
                try (InputStream in = Files.newInputStream(file)) {
                    certificates.addAll(factory.generateCertificates(in));
                }
            }
        }
        return certificates;
    }

    private static X509TrustManager defaultTrustManager() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (var manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("the JVM has no X509 trust manager");
    }
}

package dev.berth.gateway.build;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/**
 * ADD's remote sources: fetched by the gateway at every build (the cache then compares their
 * content), named after the URL's last path segment, as Docker names them.
 */
@Component
class UrlSources {

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(30)).followRedirects(HttpClient.Redirect.NORMAL).build();

    record Download(String name, Path file, long lastModifiedMillis) {
    }

    static boolean isUrl(String source) {
        return source.startsWith("http://") || source.startsWith("https://");
    }

    Download fetch(String url, Path spoolDir) throws IOException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new BuildFailure("invalid URL " + url + ": " + e.getMessage());
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.isEmpty()) {
            throw new BuildFailure("cannot determine filename from url: " + url);
        }
        Path file = Files.createTempFile(spoolDir, "add-", ".download");
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new BuildFailure("failed to GET " + url + " with status " + response.statusCode());
                }
                Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
            }
            long modified = response.headers().firstValue("Last-Modified")
                    .map(UrlSources::httpDate).orElse(System.currentTimeMillis());
            return new Download(name, file, modified);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            if (e instanceof IOException io && !(e instanceof BuildOutput.ClientGone)) {
                throw new BuildFailure("failed to GET " + url + ": " + io.getMessage());
            }
            throw e;
        } catch (InterruptedException e) {
            Files.deleteIfExists(file);
            Thread.currentThread().interrupt();
            throw new BuildFailure("the download of " + url + " was interrupted");
        }
    }

    private static long httpDate(String value) {
        try {
            return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
        } catch (RuntimeException e) {
            return System.currentTimeMillis();
        }
    }
}

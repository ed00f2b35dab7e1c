package dev.berth.gateway.build;

import dev.berth.gateway.build.copy.ArchiveEntries;
import dev.berth.gateway.build.copy.ContextSources;
import dev.berth.gateway.build.copy.CopyTar;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static dev.berth.gateway.build.CopySteps.join;

/** Sources of the build context, and for ADD the URLs it fetches and the archives it unpacks. */
final class LocalCopySources implements CopySources {
    private final CopySteps.CopySpec spec;
    private final ContextSources context;
    private final List<String> paths = new ArrayList<>();
    private final List<UrlSources.Download> downloads = new ArrayList<>();

    LocalCopySources(CopySteps.CopySpec spec, BuildRun run, UrlSources urls) throws IOException {
        this.spec = spec;
        this.context = new ContextSources(run.context);
        List<String> local = new ArrayList<>();
        try {
            for (String source : spec.sources()) {
                if (spec.add() && UrlSources.isUrl(source)) {
                    downloads.add(urls.fetch(source, run.spoolDir()));
                } else {
                    local.add(source);
                }
            }
            paths.addAll(context.resolve(local, spec.keyword()));
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public int count() {
        return paths.size() + downloads.size();
    }

    @Override
    public boolean singleIsDirectory() {
        return count() == 1 && paths.size() == 1 && (context.isDirectory(paths.get(0)) || isArchive(paths.get(0)));
    }

    @Override
    public void write(CopyTar tar, String dest, boolean destIsDirectory) throws IOException {
        String destName = CopySteps.relative(dest);
        boolean intoDir = destIsDirectory || count() > 1;
        for (String path : paths) {
            if (context.isDirectory(path)) {
                context.write(path, destName, tar);
            } else if (isArchive(path)) {
                try (InputStream archive = java.nio.file.Files.newInputStream(context.path(path))) {
                    ArchiveEntries.copy(archive, name -> join(destName, name), tar, true);
                }
            } else {
                String base = context.path(path).getFileName().toString();
                context.write(path, intoDir ? join(destName, base) : destName, tar);
            }
        }
        for (UrlSources.Download download : downloads) {
            String target = intoDir ? join(destName, download.name()) : destName;
            tar.file(target, download.file(), 0600, download.lastModifiedMillis(), 0, 0);
        }
    }

    private boolean isArchive(String path) {
        if (!spec.add() || context.isDirectory(path)) {
            return false;
        }
        try (InputStream in = new BufferedInputStream(java.nio.file.Files.newInputStream(context.path(path)))) {
            return ArchiveEntries.isArchive(in);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        for (UrlSources.Download download : downloads) {
            java.nio.file.Files.deleteIfExists(download.file());
        }
    }
}

package dev.berth.image.api;

import java.time.Clock;

import dev.berth.image.importer.ImageCommitter;

import dev.berth.image.archive.ImageLoader;
import dev.berth.image.archive.ImageSaver;
import dev.berth.image.catalog.ImageCatalog;
import dev.berth.image.content.ContentStore;
import dev.berth.image.gc.BlobCollector;
import dev.berth.image.history.ImageHistory;
import dev.berth.image.login.RegistryLogin;
import dev.berth.image.push.ImagePusher;
import dev.berth.image.registry.RegistryClient;
import dev.berth.image.remove.ImagePruner;
import dev.berth.image.remove.ImageRemover;
import dev.berth.image.store.ImageMetadataStore;
import dev.berth.image.tag.ImageTagger;

/** The image lifecycle capabilities the gRPC adapter serves besides import and pull. */
public record ImageOperations(ImageTagger tagger, ImageRemover remover, ImagePruner pruner, ImageHistory history,
        RegistryLogin login, BlobCollector collector, ImagePusher pusher, ImageSaver saver, ImageLoader loader,
        ImageCommitter committer) {

    /** Wires them over one metadata store, content store and registry client. */
    public static ImageOperations create(ImageCatalog catalog, ImageMetadataStore metadata, ContentStore content,
            RegistryClient registry, BlobCollector collector) {
        ImageRemover remover = new ImageRemover(catalog, metadata, collector);
        return new ImageOperations(new ImageTagger(catalog, metadata), remover, new ImagePruner(catalog, remover, metadata),
                new ImageHistory(catalog), new RegistryLogin(registry), collector,
                new ImagePusher(registry, content, metadata, collector), new ImageSaver(catalog, metadata, content),
                new ImageLoader(content, metadata, collector),
                new ImageCommitter(content, metadata, catalog, Clock.systemUTC()));
    }
}

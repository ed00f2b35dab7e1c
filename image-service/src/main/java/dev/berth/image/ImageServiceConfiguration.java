package dev.berth.image;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.berth.image.api.ImageGrpcService;
import dev.berth.image.api.ImageOperations;
import dev.berth.image.gc.BlobCollector;
import dev.berth.image.catalog.ImageCatalog;
import dev.berth.image.content.ContentStore;
import dev.berth.image.content.local.LocalContentStore;
import dev.berth.image.importer.ImageImporter;
import dev.berth.image.importer.StagingArea;
import dev.berth.image.metrics.ImageMetrics;
import dev.berth.image.pull.ImagePuller;
import dev.berth.image.pull.LayerDownloads;
import dev.berth.image.registry.Platform;
import dev.berth.image.registry.RegistryClient;
import dev.berth.image.store.ImageMetadataStore;

/** Wires the capabilities together; each class stays free of Spring. */
@Configuration(proxyBeanMethods = false)
class ImageServiceConfiguration {

    @Bean
    ContentStore contentStore(ImageProperties properties) {
        return new LocalContentStore(properties.root());
    }

    @Bean
    ImageMetadataStore imageMetadataStore(ImageProperties properties) {
        return new ImageMetadataStore(properties.root());
    }

    @Bean
    StagingArea stagingArea(ImageProperties properties) {
        return new StagingArea(properties.root().resolve("tmp"));
    }

    @Bean
    ImageCatalog imageCatalog(ImageMetadataStore store, ContentStore content) {
        return new ImageCatalog(store, content);
    }

    @Bean
    ImageImporter imageImporter(ContentStore content, ImageMetadataStore store) {
        return new ImageImporter(content, store, Clock.systemUTC());
    }

    @Bean
    RegistryClient registryClient(ImageProperties properties) {
        return new RegistryClient(properties.registry());
    }

    @Bean(destroyMethod = "close")
    LayerDownloads layerDownloads(RegistryClient registry, ContentStore content, ImageProperties properties) {
        return LayerDownloads.from(registry, content, properties.pull());
    }

    @Bean
    ImagePuller imagePuller(RegistryClient registry, ContentStore content, ImageMetadataStore store,
            LayerDownloads downloads) {
        return new ImagePuller(registry, content, store, downloads, Platform.host(), Clock.systemUTC());
    }

    /** Collects at start what a crash during a delete or a failed write left behind. */
    @Bean
    BlobCollector blobCollector(ImageMetadataStore store, ContentStore content) {
        BlobCollector collector = new BlobCollector(store, content);
        collector.collect();
        return collector;
    }

    @Bean
    ImageOperations imageOperations(ImageCatalog catalog, ImageMetadataStore store, ContentStore content,
            RegistryClient registry, BlobCollector collector) {
        return ImageOperations.create(catalog, store, content, registry, collector);
    }

    @Bean
    ImageGrpcService imageGrpcService(ImageCatalog catalog, ImageImporter importer, ImagePuller puller,
            ContentStore content, StagingArea staging, ImageOperations operations) {
        return new ImageGrpcService(catalog, importer, puller, content, staging, operations);
    }

    @Bean
    ImageMetrics imageMetrics(ImageMetadataStore store, ContentStore content) {
        return new ImageMetrics(store, content);
    }
}

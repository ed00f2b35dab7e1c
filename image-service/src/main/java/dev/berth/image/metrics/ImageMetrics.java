package dev.berth.image.metrics;

import dev.berth.image.content.ContentUsage;
import dev.berth.image.store.ImageMetadataStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/** Gauges of what the service holds: {@code berth.images} and {@code berth.content.blob.bytes}. */
public final class ImageMetrics implements MeterBinder {

    private final ImageMetadataStore images;
    private final ContentUsage content;

    public ImageMetrics(ImageMetadataStore images, ContentUsage content) {
        this.images = images;
        this.content = content;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("berth.images", images, ImageMetadataStore::count)
                .description("Images in the metadata store")
                .register(registry);
        Gauge.builder("berth.content.blob.bytes", content, ContentUsage::totalBytes)
                .description("Bytes held by committed blobs in the content store")
                .baseUnit("bytes")
                .register(registry);
    }
}

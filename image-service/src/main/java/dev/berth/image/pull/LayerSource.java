package dev.berth.image.pull;

import java.io.InputStream;

import dev.berth.image.reference.ImageReference;
import dev.berth.image.registry.Descriptor;
import dev.berth.image.registry.RegistryCredentials;

/**
 * Where layer bytes come from: the registry client's {@code openBlob}, whose stream checks size and
 * digest as it is read. An interface so that tests can hold a download at a point of their choosing.
 */
@FunctionalInterface
interface LayerSource {

    InputStream open(ImageReference repository, Descriptor layer, RegistryCredentials credentials);
}

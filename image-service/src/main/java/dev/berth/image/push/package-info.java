/**
 * {@code docker push}: the manifest an image was pulled with (or one generated for an image that
 * came from no registry) and the blobs it names, to a registry.
 */
package dev.berth.image.push;

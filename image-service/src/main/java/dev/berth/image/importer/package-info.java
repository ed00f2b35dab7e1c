/**
 * {@code docker import}: a (compressed) tarball becomes a one-layer image; Dockerfile change
 * instructions shape its config. Registries will get their own package beside this one.
 */
package dev.berth.image.importer;

/**
 * {@code docker save} and {@code docker load}: images as tar archives in Docker's format
 * ({@code manifest.json}, {@code repositories}) with the OCI image layout alongside
 * ({@code index.json}, {@code oci-layout}, {@code blobs/sha256/}), as Docker 25 writes them.
 * Archives to load are untrusted input.
 */
package dev.berth.image.archive;

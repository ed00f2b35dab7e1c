/**
 * The registry client: the OCI distribution API (Docker Registry HTTP API v2) on
 * {@link java.net.http.HttpClient}. {@link dev.berth.image.registry.RegistryClient} is the façade;
 * each operation (ping, manifest pull, blob pull, blob push, manifest push) is a small class behind
 * it, and HTTP statuses become {@link dev.berth.image.registry.RegistryException}s in exactly one
 * place ({@code ErrorResponses}). Digests are checked over raw bytes, blobs while they stream.
 */
package dev.berth.image.registry;

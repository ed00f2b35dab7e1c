/**
 * Image metadata: image records and tags, kept as JSON files written atomically under the image
 * root and loaded at start. The image configs themselves are blobs of the content store.
 */
package dev.berth.image.store;

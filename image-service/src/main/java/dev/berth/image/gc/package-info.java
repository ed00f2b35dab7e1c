/**
 * Garbage collection of the content store: blobs no recorded image needs are removed, never while
 * new content is being written (a blob on its way into an image is referenced by nothing yet).
 */
package dev.berth.image.gc;

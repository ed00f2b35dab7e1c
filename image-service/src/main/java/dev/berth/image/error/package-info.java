/**
 * The fixed set of domain error classes of the image-service. Code throws them with Docker's own
 * messages; they are mapped to transport codes exactly once, at the edge
 * ({@link dev.berth.image.api.GrpcErrorMapper}). Anything else is an internal fault.
 */
package dev.berth.image.error;

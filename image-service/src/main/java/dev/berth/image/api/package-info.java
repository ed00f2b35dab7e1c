/** The gRPC adapter of the ImageService contract: translation and error mapping only. */
package dev.berth.image.api;

/**
 * Image references ({@code name[:tag][@digest]}) following Docker's grammar, with Docker Hub
 * normalisation in one place ({@link dev.berth.image.reference.ImageReference}).
 */
package dev.berth.image.reference;

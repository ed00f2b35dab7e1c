/** The image config document (OCI image-spec / Docker image JSON) and its codec. */
package dev.berth.image.spec;

/** {@code docker tag}: a repository and tag pointed at an image. */
package dev.berth.image.tag;

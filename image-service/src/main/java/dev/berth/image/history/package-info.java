/** {@code docker history}: an image's build steps from its config, with the sizes of their layers. */
package dev.berth.image.history;

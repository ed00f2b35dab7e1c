/** {@code docker login}: credentials checked against the registry, never kept (the CLI keeps them). */
package dev.berth.image.login;

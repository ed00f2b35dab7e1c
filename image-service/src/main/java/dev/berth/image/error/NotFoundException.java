package dev.berth.image.error;

/** The thing asked for does not exist. The message is shown to Docker users as it is. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}

package org.convkit.cli;

/** A bad command-line invocation: the message says which option and what was expected. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}

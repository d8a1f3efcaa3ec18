package org.convkit.corpora;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * An external program convkit runs (espeak-ng, flite, apt-get, dpkg-deb, npm), with the package that
 * provides it. Runs take no standard input, capture standard output and error, and are killed after
 * a timeout.
 *
 * @param program the executable name, looked up on {@code PATH}
 * @param installHint the command that installs it, quoted in the error when it is missing
 */
public record ExternalTool(String program, String installHint) {

    /**
     * What a finished run produced.
     *
     * @param exitCode the process exit status (always 0 for a result of {@link #run})
     * @param stdout   everything written to standard output
     * @param stderr   everything written to standard error, decoded as UTF-8
     */
    public record Result(int exitCode, byte[] stdout, String stderr) {

        /**
         * Standard output as text.
         *
         * @return stdout decoded as UTF-8
         */
        public String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    /** Thrown when a program is missing, fails, or runs out of time. */
    public static final class ToolException extends RuntimeException {
        /**
         * Creates the exception.
         *
         * @param message what went wrong, naming the program
         * @param cause   the underlying error, or null
         */
        public ToolException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Validates the names. */
    public ExternalTool {
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(installHint, "installHint");
    }

    /**
     * Runs the program with arguments and waits for it.
     *
     * @param arguments the arguments after the program name
     * @param directory the working directory, or null for the current one
     * @param timeout   how long to wait before killing the process
     * @return the output of a run that exited with status 0
     * @throws ToolException naming the program and the install hint if it is not on {@code PATH};
     *                       naming the exit status and the captured standard error if it fails;
     *                       or saying it timed out
     */
    public Result run(List<String> arguments, Path directory, Duration timeout) {
        Result result = runAnyExit(arguments, directory, timeout);
        if (result.exitCode() != 0) {
            throw new ToolException(program + " " + String.join(" ", arguments) + " exited with status "
                + result.exitCode() + (result.stderr().isBlank() ? "" : ": " + result.stderr().strip()), null);
        }
        return result;
    }

    /**
     * Runs the program and returns whatever exit status it had (some programs, such as
     * {@code flite --version}, exit with 1 after printing what was asked).
     *
     * @param arguments the arguments after the program name
     * @param directory the working directory, or null for the current one
     * @param timeout   how long to wait before killing the process
     * @return the output and exit status
     * @throws ToolException if the program is missing or times out
     */
    public Result runAnyExit(List<String> arguments, Path directory, Duration timeout) {
        List<String> command = new java.util.ArrayList<>(arguments.size() + 1);
        command.add(program);
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new ToolException(program + " not found: " + installHint, e);
        }
        Collector out = new Collector(process.getInputStream());
        Collector err = new Collector(process.getErrorStream());
        Thread outThread = Thread.ofPlatform().daemon().start(out);
        Thread errThread = Thread.ofPlatform().daemon().start(err);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                throw new ToolException(String.join(" ", command) + " did not finish within "
                    + timeout.toSeconds() + " s and was killed", null);
            }
            outThread.join();
            errThread.join();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ToolException(String.join(" ", command) + " was interrupted", e);
        }
        if (out.failure != null || err.failure != null) {
            throw new UncheckedIOException("cannot read the output of " + program,
                out.failure != null ? out.failure : err.failure);
        }
        return new Result(process.exitValue(), out.bytes.toByteArray(), err.bytes.toString(StandardCharsets.UTF_8));
    }

    /**
     * Whether the program can be started at all.
     *
     * @param versionArgument an argument that makes it print something harmless and exit, such as
     *                        {@code --version}
     * @return true if starting it did not fail with "not found"
     */
    public boolean isAvailable(String versionArgument) {
        try {
            runAnyExit(List.of(versionArgument), null, Duration.ofSeconds(30));
            return true;
        } catch (ToolException e) {
            return !(e.getCause() instanceof IOException);
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static final class Collector implements Runnable {
        private final InputStream in;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private volatile IOException failure;

        Collector(InputStream in) {
            this.in = in;
        }

        @Override
        public void run() {
            try (in) {
                in.transferTo(bytes);
            } catch (IOException e) {
                failure = e;
            }
        }
    }
}

package org.convkit.audio.stream;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Assertions;

class MicrophoneStreamSourceTest {

    @Test
    void withoutAMicrophoneRunFailsWithAClearMessage() {
        // The build machine has no audio capture device; on one that has, stop() ends the capture.
        MicrophoneStreamSource mic = new MicrophoneStreamSource(16000, 1600);
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                return;
            }
            mic.stop();
        });
        stopper.setDaemon(true);
        stopper.start();
        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try {
                mic.run((b, o, n) -> { });
            } catch (IOException e) {
                assertTrue(e.getMessage().contains("no microphone available") && e.getMessage().contains("16000 Hz"),
                        e.getMessage());
            }
        });
        assertThrows(IllegalArgumentException.class, () -> new MicrophoneStreamSource(0, 1600));
    }
}

package io.pacesetter.job.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default on a control-room workstation: {@code run} and {@code run --kafka embedded}, each
 * in a process of its own as an operator starts them, listen on this machine's loopback only (Flink's
 * ports, the broker, the wall display). Their listening sockets are read from {@code /proc/net/tcp} and
 * {@code tcp6}, matched to the process by the socket inodes of {@code /proc/PID/fd}.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(300)
class LoopbackOnlyITCase {
    private static final Pattern SOCKET = Pattern.compile("socket:\\[(\\d+)]");
    /** TCP_LISTEN in /proc/net/tcp's st column. */
    private static final String LISTEN = "0A";

    @TempDir
    Path dir;

    @Test
    void runListensOnLoopbackOnly() throws Exception {
        assertListensOnLoopbackOnly("run");
    }

    @Test
    void runOnTheEmbeddedBrokerListensOnLoopbackOnly() throws Exception {
        assertListensOnLoopbackOnly("run-kafka", "--kafka", "embedded");
    }

    private void assertListensOnLoopbackOnly(String name, String... extra) throws Exception {
        Path config = Files.writeString(dir.resolve(name + ".yaml"), """
                run: {checkpointDir: %s, checkpointInterval: PT2S, summaryEvery: PT5S}
                """.formatted(dir.resolve(name + "-checkpoints")));
        List<String> args = new ArrayList<>(List.of(
                "run",
                "--config",
                config.toString(),
                "--speed",
                "60",
                "--out",
                dir.resolve(name).toString(),
                "--display-port",
                "0"));
        args.addAll(List.of(extra));
        try (Child child = Child.start(dir.resolve(name + ".log"), Map.of(), args.toArray(String[]::new))) {
            child.awaitPage(Duration.ofMinutes(3));
            // The job is running once the first summary is printed: every port it opens is open by then.
            long until = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (!child.output().contains("waiting now:") && System.nanoTime() < until) {
                Thread.sleep(500);
            }
            assertThat(child.output()).as("the job runs").contains("waiting now:");
            List<String> listening = listening(child.pid());
            System.out.println(name + " listens on " + listening);
            assertThat(listening).as("the display at least").isNotEmpty();
            assertThat(listening)
                    .as(name + ": nothing outside loopback")
                    .allMatch(a -> a.startsWith("127.") || a.startsWith("[::1]") || a.startsWith("[::ffff:127."));
        }
    }

    /** The local addresses (host:port) the process listens on, from /proc. */
    static List<String> listening(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    Matcher m = SOCKET.matcher(Files.readSymbolicLink(fd).toString());
                    if (m.matches()) {
                        inodes.add(m.group(1));
                    }
                } catch (IOException closedMeanwhile) {
                    // A descriptor closed between the listing and the read is not a listening socket.
                }
            }
        }
        List<String> addresses = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f[3].equals(LISTEN) && inodes.contains(f[9])) {
                    addresses.add(address(f[1]));
                }
            }
        }
        return addresses;
    }

    /** {@code 0100007F:1F90} to {@code 127.0.0.1:8080}; IPv6 in brackets, e.g. {@code [::]:9092}. */
    static String address(String hex) {
        String[] hostPort = hex.split(":");
        int port = Integer.parseInt(hostPort[1], 16);
        String h = hostPort[0];
        if (h.length() == 8) {
            return Integer.parseInt(h.substring(6, 8), 16) + "." + Integer.parseInt(h.substring(4, 6), 16) + "."
                    + Integer.parseInt(h.substring(2, 4), 16) + "." + Integer.parseInt(h.substring(0, 2), 16) + ":"
                    + port;
        }
        // Four 32-bit words, each little-endian.
        byte[] b = new byte[16];
        for (int w = 0; w < 4; w++) {
            for (int i = 0; i < 4; i++) {
                b[w * 4 + i] = (byte) Integer.parseInt(h.substring(w * 8 + (3 - i) * 2, w * 8 + (3 - i) * 2 + 2), 16);
            }
        }
        if (isMapped(b)) {
            return "[::ffff:" + (b[12] & 0xff) + "." + (b[13] & 0xff) + "." + (b[14] & 0xff) + "." + (b[15] & 0xff)
                    + "]:" + port;
        }
        boolean zeroTo15 = true;
        for (int i = 0; i < 15; i++) {
            zeroTo15 &= b[i] == 0;
        }
        if (zeroTo15 && (b[15] == 0 || b[15] == 1)) {
            return (b[15] == 1 ? "[::1]:" : "[::]:") + port;
        }
        return "[" + h + "]:" + port; // another IPv6 address: not loopback, shown as /proc has it
    }

    private static boolean isMapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }
}

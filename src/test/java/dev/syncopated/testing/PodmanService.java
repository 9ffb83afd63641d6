package dev.syncopated.testing;

import dev.syncopated.env.Tools;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A Docker-API endpoint for the real-target tier on machines without a Docker engine
 * (DESIGN.md §6): podman's API service, started once per JVM at the socket DOCKER_HOST names
 * ({@code target/podman/podman.sock} under .ci/run) and stopped when the JVM exits, plus the base image
 * {@value #IMAGE}, imported once from the cached debootstrap root (no registry is reachable).
 *
 * <p>How the two clients find the socket:
 * <ul>
 *   <li>Testcontainers takes the Docker host from the environment variable {@code DOCKER_HOST} or
 *   from {@code docker.host} in {@code ~/.testcontainers.properties} (1.20.1 ignores a
 *   {@code DOCKER_HOST} system property unless {@code dockerconfig.source} is changed, which again
 *   only the environment or a properties file can do). A JVM cannot set its own environment, and
 *   writing the properties file would change the user's home for every project and race between
 *   concurrent builds, so {@code .ci/run} exports
 *   {@code DOCKER_HOST=unix://$PWD/target/podman/podman.sock} (failsafe's JVM inherits it) and this
 *   class starts the service at exactly that socket. Without a {@code unix://} DOCKER_HOST the tier
 *   skips (laptop) or fails (CI=true) with that reason.</li>
 *   <li>Ryuk, Testcontainers' reaper, is an image from Docker Hub, which is unreachable here.
 *   Testcontainers reads {@code TESTCONTAINERS_RYUK_DISABLED} only from the environment, so
 *   {@code .ci/run} exports it too. Containers are removed by the tests and, as a backstop, by
 *   this class's exit hook.</li>
 *   <li>Ansible's {@code community.docker.docker} connection runs the {@code docker} CLI
 *   ({@code docker exec -i … dd} to put files, {@code docker cp} to fetch them), which reads the
 *   same DOCKER_HOST; {@link #env()} passes it explicitly to ansible-playbook all the same.</li>
 * </ul>
 *
 * <p>If a podman service already answers at that socket (another build in the same checkout),
 * it is used and left running; anything else answering there is refused.
 */
public final class PodmanService {
    public static final String IMAGE = "localhost/syncopated/debian12:test";
    /** Image label holding the identity of the cache it was imported from, to re-import after a rebuild. */
    private static final String BASE_LABEL = "dev.syncopated.base";
    private static final Path DIR = DebianRoot.PROJECT.resolve("target/podman");

    private static PodmanService instance;
    private static String startFailure;

    private final Path socket;
    private final Path conf;
    private final Process service;

    private PodmanService(Path socket, Path conf, Process service) {
        this.socket = socket;
        this.conf = conf;
        this.service = service;
    }

    /** The running service with the base image present; starts and imports on first use. */
    public static synchronized PodmanService get() {
        if (instance != null) {
            return instance;
        }
        Tools tools = Tools.fromEnvironment();
        Prerequisites.require(DebianRoot.runningAsRoot(), "container targets need root (rootful podman), as .ci/run runs");
        for (String tool : List.of("podman", "runc", "docker")) {
            Prerequisites.require(tools.find(tool).isPresent(), tool + " is not installed (apt-get install podman runc docker.io;"
                    + " the docker CLI is what Ansible's community.docker.docker connection runs)");
        }
        Prerequisites.require("true".equalsIgnoreCase(System.getenv("TESTCONTAINERS_RYUK_DISABLED")),
                "TESTCONTAINERS_RYUK_DISABLED=true is not set (Ryuk's image cannot be pulled without a registry;"
                        + " .ci/run exports it)");
        String override = foreignDockerHost();
        Prerequisites.require(override == null, override);
        String dockerHost = System.getenv("DOCKER_HOST");
        Prerequisites.require(dockerHost != null && dockerHost.startsWith("unix:///"),
                "DOCKER_HOST is not set to a unix socket for podman (.ci/run exports"
                        + " DOCKER_HOST=unix://$PWD/target/podman/podman.sock; Testcontainers reads it only from the environment)");
        DebianRoot.requireCache();
        if (startFailure != null) {
            throw new AssertionError(startFailure);
        }
        try {
            instance = start(Path.of(System.getenv("DOCKER_HOST").substring("unix://".length())));
            return instance;
        } catch (RuntimeException | Error e) {
            startFailure = "podman service did not start: " + e.getMessage();
            throw e;
        }
    }

    private static String foreignDockerHost() {
        if (System.getenv("TESTCONTAINERS_DOCKER_HOST") != null) {
            return "TESTCONTAINERS_DOCKER_HOST is set and would override the podman socket; unset it";
        }
        Path props = Path.of(System.getProperty("user.home"), ".testcontainers.properties");
        if (Files.isRegularFile(props)) {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(props)) {
                p.load(in);
            } catch (IOException e) {
                return "cannot read " + props + ": " + e;
            }
            if (p.getProperty("docker.host") != null) {
                return props + " sets docker.host, which would override the podman socket; remove that line";
            }
        }
        return null;
    }

    private static PodmanService start(Path socket) {
        long start = System.nanoTime();
        if (socket.toString().getBytes(StandardCharsets.UTF_8).length > 107) {
            throw new AssertionError("the podman socket path " + socket + " is longer than a unix socket allows (107 bytes);"
                    + " set DOCKER_HOST to a shorter unix:// path");
        }
        Path conf = DIR.resolve("containers.conf");
        Path log = DIR.resolve("service.log");
        try {
            Files.createDirectories(DIR);
            Files.createDirectories(socket.toAbsolutePath().getParent());
            // The two settings this machine kind needs (DESIGN.md §6): no default ulimits (the
            // runtime may not raise them here) and cgroupfs (no systemd as PID 1).
            Files.writeString(conf, "# Written by dev.syncopated.testing.PodmanService for the real-target tests.\n"
                    + "[containers]\ndefault_ulimits = []\n\n[engine]\ncgroup_manager = \"cgroupfs\"\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String running = get(socket, "/version");
        if (running != null) {
            if (!running.contains("Podman")) {
                throw new AssertionError("something other than podman answers at DOCKER_HOST " + socket + ": " + running);
            }
            PodmanService svc = new PodmanService(socket, conf, null);
            Runtime.getRuntime().addShutdownHook(new Thread(svc::stop, "podman-containers-cleanup"));
            Timings.record("reuse running podman API service", Duration.ofNanos(System.nanoTime() - start));
            svc.ensureImage();
            return svc;
        }
        Process process;
        try {
            Files.deleteIfExists(socket);
            ProcessBuilder pb = new ProcessBuilder("podman", "--runtime", "runc", "system", "service", "--time=0",
                    "unix://" + socket).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("CONTAINERS_CONF", conf.toString());
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start podman system service", e);
        }
        PodmanService svc = new PodmanService(socket, conf, process);
        Runtime.getRuntime().addShutdownHook(new Thread(svc::stop, "podman-service-stop"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (get(socket, "/_ping") == null) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                svc.stop();
                throw new AssertionError("podman API service at " + socket + " did not answer /_ping within 60s"
                        + (process.isAlive() ? "" : " (exited " + process.exitValue() + ")") + "; see " + log);
            }
            sleep(100);
        }
        Timings.record("start podman API service", Duration.ofNanos(System.nanoTime() - start));
        svc.ensureImage();
        return svc;
    }

    /** The Docker host URI of the service, {@code unix:///…/podman.sock}. */
    public String dockerHost() {
        return "unix://" + socket;
    }

    /** Environment for processes that talk to this service: the docker CLI, Ansible's docker connection, podman. */
    public Map<String, String> env() {
        return Map.of("DOCKER_HOST", dockerHost(), "CONTAINERS_CONF", conf.toString());
    }

    /**
     * A Testcontainers container of the base image that just sleeps, named {@code name} so that a
     * spec can address it. Never pulled: the image exists only locally.
     */
    @SuppressWarnings("resource")
    public GenericContainer<?> container(String name) {
        return new GenericContainer<>(DockerImageName.parse(IMAGE))
                .withImagePullPolicy(image -> false)
                .withCommand("sleep", "infinity")
                .withCreateContainerCmdModifier(cmd -> cmd.withName(name).withHostName(name))
                .withStartupTimeout(Duration.ofSeconds(60));
    }

    /** Runs podman (the CLI, not through the socket) with this service's configuration. */
    public Proc podman(String... args) {
        List<String> command = new ArrayList<>(List.of("podman", "--runtime", "runc"));
        command.addAll(List.of(args));
        return Proc.run(DebianRoot.PROJECT, Map.of("CONTAINERS_CONF", conf.toString()), command);
    }

    private void ensureImage() {
        String wanted = cacheIdentity();
        Proc inspect = podman("image", "inspect", "--format", "{{ index .Config.Labels \"" + BASE_LABEL + "\" }}", IMAGE);
        if (inspect.exitCode() == 0 && inspect.out().strip().equals(wanted)) {
            return;
        }
        long start = System.nanoTime();
        // tar | podman import, as a pipeline of argument arrays (no shell).
        Path cache = DebianRoot.cache();
        Path importLog = DIR.resolve("import.log");
        ProcessBuilder tar = new ProcessBuilder("tar", "-C", cache.toString(), "--exclude=./" + DebianRoot.MARKER, "-c", ".")
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        ProcessBuilder imp = new ProcessBuilder("podman", "import", "--change", "LABEL " + BASE_LABEL + "=" + wanted,
                "--change", "CMD [\"sleep\", \"infinity\"]", "-", IMAGE)
                .redirectErrorStream(true).redirectOutput(importLog.toFile());
        imp.environment().put("CONTAINERS_CONF", conf.toString());
        try {
            List<Process> pipeline = ProcessBuilder.startPipeline(List.of(tar, imp));
            for (Process p : pipeline) {
                if (!p.waitFor(10, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    throw new AssertionError("podman import timed out; see " + importLog);
                }
            }
            if (pipeline.get(0).exitValue() != 0 || pipeline.get(1).exitValue() != 0) {
                throw new AssertionError("tar | podman import " + IMAGE + " failed (tar " + pipeline.get(0).exitValue()
                        + ", import " + pipeline.get(1).exitValue() + "): " + Files.readString(importLog));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted importing " + IMAGE, e);
        }
        Timings.record("import base root as " + IMAGE, Duration.ofNanos(System.nanoTime() - start));
    }

    /** Changes whenever build-base-root.sh rebuilds the cache (it writes the marker last). */
    private static String cacheIdentity() {
        try {
            return Long.toString(Files.getLastModifiedTime(DebianRoot.cache().resolve(DebianRoot.MARKER)).toMillis());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body of a successful GET on the Docker API at {@code socket}, or null when nothing (healthy) answers. */
    private static String get(Path socket, String path) {
        if (!Files.exists(socket)) {
            return null;
        }
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap(("GET " + path + " HTTP/1.0\r\nHost: podman\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer buf = ByteBuffer.allocate(8192);
            StringBuilder reply = new StringBuilder();
            while (ch.read(buf) > 0) {
                buf.flip();
                reply.append(StandardCharsets.UTF_8.decode(buf));
                buf.clear();
            }
            String r = reply.toString();
            int body = r.indexOf("\r\n\r\n");
            return r.startsWith("HTTP/1.") && r.lines().findFirst().orElse("").contains(" 200 ") && body > 0
                    ? r.substring(body + 4) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Exit hook: remove this JVM's leftover containers, then stop the service. */
    private void stop() {
        try {
            Proc left = podman("ps", "-aq", "--filter", "label=" + DockerClientFactory.TESTCONTAINERS_SESSION_ID_LABEL
                    + "=" + DockerClientFactory.SESSION_ID);
            List<String> ids = left.out().lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
            if (!ids.isEmpty()) {
                List<String> rm = new ArrayList<>(List.of("rm", "-f", "-t", "0"));
                rm.addAll(ids);
                podman(rm.toArray(String[]::new));
            }
        } catch (RuntimeException | Error e) {
            System.err.println("podman cleanup: " + e.getMessage());
        }
        if (service == null) {
            return; // someone else's service: leave it running
        }
        service.destroy();
        try {
            if (!service.waitFor(10, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        } catch (InterruptedException e) {
            service.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(socket);
        } catch (IOException ignored) {
            // the directory is under target/; a stale socket is harmless and replaced next run
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}

package lv.socialaisdarbs.opensearch;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.node.MockNode;
import org.opensearch.node.Node;
import org.opensearch.transport.Netty4Plugin;

/**
 * A real single-node OpenSearch on 127.0.0.1 for tests and benchmarks.
 *
 * <p>The server, the analysis-common module and the Netty HTTP transport come from Maven
 * Central; the test framework's MockNode starts a node with them as classpath plugins, which
 * the production Node (reading plugins from a distribution's folders) cannot. Without the
 * framework's mock plugins it runs the real HTTP and transport layers and the real search
 * service. No security manager is installed and no bootstrap checks run (as for any node that
 * binds only to loopback), so none need relaxing.
 *
 * <p>Usage: {@code TestNode HTTP_PORT [DATA_FOLDER]}. Without a folder the data live in a
 * temporary one, deleted when the node stops (SIGTERM or Ctrl-C).
 */
public final class TestNode {

    private TestNode() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: TestNode HTTP_PORT [DATA_FOLDER]");
            System.exit(2);
        }
        int httpPort = Integer.parseInt(args[0]);
        boolean temporary = args.length == 1;
        Path home = temporary
                ? Files.createTempDirectory("opensearch-test-node-")
                : Files.createDirectories(Path.of(args[1]).toAbsolutePath());

        Settings settings = Settings.builder()
                .put("path.home", home.toString())
                .put("path.data", home.resolve("data").toString())
                .put("path.logs", home.resolve("logs").toString())
                .put("cluster.name", "socialais-darbs-test-" + httpPort)
                .put("node.name", "test-node-" + httpPort)
                .put("network.host", "127.0.0.1")
                .put("http.port", httpPort)
                // Any free port of the usual range: nodes of different tests may run at once.
                .put("transport.port", "9300-9499")
                .put("http.type", Netty4Plugin.NETTY_HTTP_TRANSPORT_NAME)
                .put("transport.type", Netty4Plugin.NETTY_TRANSPORT_NAME)
                .put("discovery.type", "single-node")
                // A test machine's disk may be fuller than a server's: never go read-only.
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                .build();

        // Stopping (SIGTERM, Ctrl-C, or a failed start) closes the node and removes a temporary
        // data folder.
        AtomicReference<Node> running = new AtomicReference<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Node node = running.get();
                if (node != null) {
                    node.close();
                    node.awaitClose(10, TimeUnit.SECONDS);
                }
                if (temporary) {
                    delete(home);
                }
            } catch (Exception e) {
                e.printStackTrace();
            }
        }, "test-node-shutdown"));

        long started = System.nanoTime();
        try {
            Node node = new MockNode(settings, List.of(Netty4Plugin.class, CommonAnalysisPlugin.class));
            running.set(node);
            node.start();
            // One node: replicas could never be placed, and every index would stay yellow.
            node.client().admin().indices().preparePutTemplate("test-node-no-replicas")
                    .setPatterns(List.of("*"))
                    .setOrder(-1)
                    .setSettings(Settings.builder().put("index.number_of_replicas", 0))
                    .get();
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1);
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        System.out.println("OpenSearch test node started in " + millis + " ms: http://127.0.0.1:"
                + httpPort + " (data in " + home + ")");
        // The node's threads are daemons: wait here until the JVM is told to stop.
        new CountDownLatch(1).await();
    }

    private static void delete(Path folder) throws IOException {
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}

package org.librarycms.searchengine;

import java.io.IOException;

import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * Thin wrapper around {@link OpenSearchRunner#main}. It takes the same flags
 * (-basePath -numOfNode -baseHttpPort -clusterName -moduleTypes ...) and differs in three ways:
 * <ul>
 * <li>the HTTP port is exactly baseHttpPort + node number: the stock runner probes for a free
 * port up to 9299 only, silently moves to the next port when one is taken, and refuses any port
 * above 9299;</li>
 * <li>node.roles is cluster_manager + data (the runner's default uses the deprecated "master");</li>
 * <li>node.name is the system property librarycms.node.name when set (a cluster's nodes need
 * names of their own: cluster.initial_cluster_manager_nodes lists them);</li>
 * <li>a start-up failure is printed (the stock main exits 1 without a word).</li>
 * </ul>
 * Everything else (cluster settings) lives in config/opensearch.yml, written by
 * scripts/search-engine.sh.
 */
public final class EngineLauncher {

    private EngineLauncher() {
    }

    public static void main(final String[] args) throws InterruptedException {
        final OpenSearchRunner runner = new OpenSearchRunner();
        runner.setMaxHttpPort(-1);
        final String nodeName = System.getProperty("librarycms.node.name", "");
        runner.onBuild((id, settings) -> {
            settings.putList("node.roles", "cluster_manager", "data");
            if (!nodeName.isEmpty()) {
                settings.put("node.name", nodeName);
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runner.close();
            } catch (final IOException e) {
                System.err.println("search-engine: error while closing: " + e);
            }
        }, "search-engine-shutdown"));
        try {
            runner.build(args);
        } catch (final RuntimeException e) {
            System.err.println("search-engine: failed to start OpenSearch");
            e.printStackTrace();
            System.exit(1);
        }
        while (!runner.isClosed()) {
            Thread.sleep(1000L);
        }
    }
}

package org.mgd.common.data;

import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/** A real one-datanode HDFS on loopback for a test class, its files under {@code base}. */
public final class MiniHdfs {
    private MiniHdfs() {}

    public static MiniDFSCluster start(Path base) throws Exception {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.toString());
        conf.set("dfs.namenode.rpc-bind-host", "127.0.0.1");
        conf.set("dfs.datanode.address", "127.0.0.1:0");
        conf.set("dfs.datanode.http.address", "127.0.0.1:0");
        conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
        MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        cluster.waitActive();
        return cluster;
    }

    public static String uri(MiniDFSCluster cluster, String path) {
        return "hdfs://127.0.0.1:" + cluster.getNameNodePort() + path;
    }
}

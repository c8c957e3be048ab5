package io.tandem.engine.api;

/** The embedded engine is its own cluster: one broker, one partition, which leads. Both APIs report it alike. */
public final class EmbeddedCluster {

  /** The Camunda version whose APIs the engine speaks. */
  public static final String VERSION = "8.8.5";
  public static final int NODE_ID = 0;
  public static final String HOST = "localhost";
  /** Zeebe's broker command port; nothing listens there, clients only show it. */
  public static final int BROKER_PORT = 26501;
  public static final int PARTITION_ID = 1;

  private EmbeddedCluster() {}
}

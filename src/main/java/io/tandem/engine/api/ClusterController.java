package io.tandem.engine.api;

import io.tandem.engine.ConditionalOnEngine;

import io.camunda.client.protocol.rest.BrokerInfo;
import io.camunda.client.protocol.rest.Partition;
import io.camunda.client.protocol.rest.TopologyResponse;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The cluster's shape ({@link EmbeddedCluster}) and status. */
@ConditionalOnEngine
@RestController
@RequestMapping("/v2")
class ClusterController {

  @GetMapping("/topology")
  TopologyResponse topology() {
    Partition partition = new Partition().partitionId(EmbeddedCluster.PARTITION_ID)
        .role(Partition.RoleEnum.LEADER).health(Partition.HealthEnum.HEALTHY);
    BrokerInfo broker = new BrokerInfo().nodeId(EmbeddedCluster.NODE_ID).host(EmbeddedCluster.HOST)
        .port(EmbeddedCluster.BROKER_PORT).version(EmbeddedCluster.VERSION).partitions(List.of(partition));
    return new TopologyResponse().brokers(List.of(broker)).clusterSize(1).partitionsCount(1)
        .replicationFactor(1).gatewayVersion(EmbeddedCluster.VERSION);
  }

  @GetMapping("/status")
  ResponseEntity<Void> status() {
    return ResponseEntity.noContent().build();
  }
}

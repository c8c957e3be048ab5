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

/** One broker, one partition: the embedded engine is its own cluster. */
@ConditionalOnEngine
@RestController
@RequestMapping("/v2")
class ClusterController {

  static final String VERSION = "8.8.5";

  @GetMapping("/topology")
  TopologyResponse topology() {
    Partition partition = new Partition().partitionId(1).role(Partition.RoleEnum.LEADER)
        .health(Partition.HealthEnum.HEALTHY);
    BrokerInfo broker = new BrokerInfo().nodeId(0).host("localhost").port(26501).version(VERSION)
        .partitions(List.of(partition));
    return new TopologyResponse().brokers(List.of(broker)).clusterSize(1).partitionsCount(1)
        .replicationFactor(1).gatewayVersion(VERSION);
  }

  @GetMapping("/status")
  ResponseEntity<Void> status() {
    return ResponseEntity.noContent().build();
  }
}

package io.tandem.engine.api.grpc;

import io.camunda.zeebe.gateway.protocol.GatewayOuterClass;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivateJobsResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivatedJob.JobKind;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivatedJob.ListenerEventType;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.BrokerInfo;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CreateProcessInstanceResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CreateProcessInstanceWithResultResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.DecisionMetadata;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.DecisionRequirementsMetadata;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.DeployResourceResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.EvaluateDecisionResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.EvaluatedDecision;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.EvaluatedDecisionInput;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.EvaluatedDecisionOutput;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.FormMetadata;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.MatchedDecisionRule;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.Partition;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ProcessMetadata;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.TopologyResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.UserTaskProperties;
import io.tandem.engine.api.DecisionEvaluations;
import io.tandem.engine.api.DecisionEvaluations.Evaluation;
import io.tandem.engine.api.EmbeddedCluster;
import io.tandem.engine.api.ListenerTask;
import io.tandem.engine.dmn.DecisionEvaluationResult;
import io.tandem.engine.processing.DeploymentCommands.DeployedResource;
import io.tandem.engine.processing.DeploymentCommands.Deployment;
import io.tandem.engine.processing.JobCommands.ActivatedJob;
import io.tandem.engine.processing.ProcessInstanceCommands.CreatedInstance;
import io.tandem.engine.store.JobRow;
import io.tandem.engine.store.Json;
import java.util.List;
import java.util.Map;

/** The engine's results as the gateway's messages; protobuf strings can't be null, so absent text is empty. */
final class GatewayResponses {

  private GatewayResponses() {}

  static TopologyResponse topology() {
    Partition partition = Partition.newBuilder().setPartitionId(EmbeddedCluster.PARTITION_ID)
        .setRole(Partition.PartitionBrokerRole.LEADER).setHealth(Partition.PartitionBrokerHealth.HEALTHY).build();
    BrokerInfo broker = BrokerInfo.newBuilder().setNodeId(EmbeddedCluster.NODE_ID).setHost(EmbeddedCluster.HOST)
        .setPort(EmbeddedCluster.BROKER_PORT).setVersion(EmbeddedCluster.VERSION).addPartitions(partition).build();
    return TopologyResponse.newBuilder().addBrokers(broker).setClusterSize(1).setPartitionsCount(1)
        .setReplicationFactor(1).setGatewayVersion(EmbeddedCluster.VERSION).build();
  }

  static DeployResourceResponse deployment(Deployment deployment) {
    var response = DeployResourceResponse.newBuilder().setKey(deployment.key()).setTenantId(deployment.tenantId());
    for (DeployedResource r : deployment.resources()) {
      var metadata = response.addDeploymentsBuilder();
      switch (r.kind()) {
        case "PROCESS" -> metadata.setProcess(ProcessMetadata.newBuilder()
            .setBpmnProcessId(r.resourceId()).setVersion(r.version()).setProcessDefinitionKey(r.key())
            .setResourceName(text(r.resourceName())).setTenantId(r.tenantId()));
        case "DECISION" -> metadata.setDecision(DecisionMetadata.newBuilder()
            .setDmnDecisionId(r.resourceId()).setDmnDecisionName(text(r.name())).setVersion(r.version())
            .setDecisionKey(r.key()).setDmnDecisionRequirementsId(text(r.parentId()))
            .setDecisionRequirementsKey(r.parentKey() == null ? 0 : r.parentKey()).setTenantId(r.tenantId()));
        case "DECISION_REQUIREMENTS" -> metadata.setDecisionRequirements(DecisionRequirementsMetadata.newBuilder()
            .setDmnDecisionRequirementsId(r.resourceId()).setDmnDecisionRequirementsName(text(r.name()))
            .setVersion(r.version()).setDecisionRequirementsKey(r.key()).setResourceName(text(r.resourceName()))
            .setTenantId(r.tenantId()));
        case "FORM" -> metadata.setForm(FormMetadata.newBuilder()
            .setFormId(r.resourceId()).setVersion(r.version()).setFormKey(r.key())
            .setResourceName(text(r.resourceName())).setTenantId(r.tenantId()));
        default -> throw new IllegalStateException("unknown resource kind " + r.kind());
      }
    }
    return response.build();
  }

  static CreateProcessInstanceResponse created(CreatedInstance created) {
    return CreateProcessInstanceResponse.newBuilder().setProcessInstanceKey(created.processInstanceKey())
        .setProcessDefinitionKey(created.processDefinitionKey()).setBpmnProcessId(created.bpmnProcessId())
        .setVersion(created.version()).setTenantId(created.tenantId()).build();
  }

  static CreateProcessInstanceWithResultResponse ended(CreatedInstance created, Map<String, Object> variables) {
    return CreateProcessInstanceWithResultResponse.newBuilder().setProcessInstanceKey(created.processInstanceKey())
        .setProcessDefinitionKey(created.processDefinitionKey()).setBpmnProcessId(created.bpmnProcessId())
        .setVersion(created.version()).setTenantId(created.tenantId()).setVariables(Json.write(variables)).build();
  }

  static ActivateJobsResponse activated(List<ActivatedJob> jobs) {
    var response = ActivateJobsResponse.newBuilder();
    jobs.forEach(job -> response.addJobs(job(job)));
    return response.build();
  }

  static GatewayOuterClass.ActivatedJob job(ActivatedJob activated) {
    JobRow job = activated.job();
    var message = GatewayOuterClass.ActivatedJob.newBuilder()
        .setKey(job.key())
        .setType(job.type())
        .setProcessInstanceKey(job.processInstanceKey())
        .setBpmnProcessId(job.bpmnProcessId())
        .setProcessDefinitionVersion(job.version())
        .setProcessDefinitionKey(job.processDefinitionKey())
        .setElementId(job.elementId())
        .setElementInstanceKey(job.elementInstanceKey())
        .setCustomHeaders(Json.write(job.customHeaders()))
        .setWorker(text(job.worker()))
        .setRetries(job.retries())
        .setDeadline(job.deadline() == null ? 0 : job.deadline().toEpochMilli())
        .setVariables(Json.write(activated.variables()))
        .setTenantId(job.tenantId());
    if (activated.listenerEventType() == null) {
      message.setKind(JobKind.BPMN_ELEMENT).setListenerEventType(ListenerEventType.UNSPECIFIED);
    } else {
      message.setKind(JobKind.TASK_LISTENER)
          .setListenerEventType(ListenerEventType.valueOf(activated.listenerEventType().name()))
          .setUserTask(userTask(ListenerTask.of(job.customHeaders())));
    }
    return message.build();
  }

  private static UserTaskProperties userTask(ListenerTask task) {
    var properties = UserTaskProperties.newBuilder()
        .addAllCandidateGroups(task.candidateGroups())
        .addAllCandidateUsers(task.candidateUsers())
        .addAllChangedAttributes(task.changedAttributes());
    if (task.action() != null) {
      properties.setAction(task.action());
    }
    if (task.assignee() != null) {
      properties.setAssignee(task.assignee());
    }
    if (task.dueDate() != null) {
      properties.setDueDate(task.dueDate());
    }
    if (task.followUpDate() != null) {
      properties.setFollowUpDate(task.followUpDate());
    }
    if (task.formKey() != null) {
      properties.setFormKey(Long.parseLong(task.formKey()));
    }
    if (task.priority() != null) {
      properties.setPriority(task.priority());
    }
    if (task.userTaskKey() != null) {
      properties.setUserTaskKey(Long.parseLong(task.userTaskKey()));
    }
    return properties.build();
  }

  static EvaluateDecisionResponse evaluated(Evaluation evaluation, DecisionEvaluations evaluations) {
    var decision = evaluation.decision();
    var response = EvaluateDecisionResponse.newBuilder()
        .setDecisionId(decision.decision().resourceId())
        .setDecisionKey(decision.decision().key())
        .setDecisionName(text(decision.decision().name()))
        .setDecisionVersion(decision.decision().version())
        .setDecisionRequirementsId(decision.requirements().resourceId())
        .setDecisionRequirementsKey(decision.requirements().key())
        .setTenantId(evaluation.tenantId())
        .setDecisionEvaluationKey(evaluation.evaluationKey())
        .setDecisionInstanceKey(evaluation.evaluationKey());
    var decisions = evaluation.result().evaluatedDecisions();
    for (int i = 0; i < decisions.size(); i++) {
      response.addEvaluatedDecisions(evaluatedDecision(decisions.get(i), evaluation, evaluations)
          .setDecisionEvaluationInstanceKey(evaluation.evaluatedDecisionKey(i)));
    }
    if (evaluation.result() instanceof DecisionEvaluationResult.Failed failed) {
      response.setFailedDecisionId(failed.failedDecisionId()).setFailureMessage(text(failed.failureMessage()));
    } else {
      response.setDecisionOutput(
          DecisionEvaluations.json(((DecisionEvaluationResult.Evaluated) evaluation.result()).output()));
    }
    return response.build();
  }

  private static EvaluatedDecision.Builder evaluatedDecision(io.tandem.engine.dmn.EvaluatedDecision d,
      Evaluation evaluation, DecisionEvaluations evaluations) {
    DecisionEvaluations.Version version = evaluations.versionOf(d, evaluation);
    var message = EvaluatedDecision.newBuilder()
        .setDecisionId(d.decisionId())
        .setDecisionName(text(d.decisionName()))
        .setDecisionType(d.decisionType().name())
        .setDecisionVersion(version.version())
        .setDecisionKey(version.key() == null ? 0 : version.key())
        .setDecisionOutput(DecisionEvaluations.json(d.output()))
        .setTenantId(evaluation.tenantId());
    d.evaluatedInputs().forEach(i -> message.addEvaluatedInputs(EvaluatedDecisionInput.newBuilder()
        .setInputId(text(i.inputId())).setInputName(text(i.inputName()))
        .setInputValue(DecisionEvaluations.json(i.inputValue()))));
    d.matchedRules().forEach(r -> {
      var rule = MatchedDecisionRule.newBuilder().setRuleId(text(r.ruleId())).setRuleIndex(r.ruleIndex());
      r.evaluatedOutputs().forEach(o -> rule.addEvaluatedOutputs(EvaluatedDecisionOutput.newBuilder()
          .setOutputId(text(o.outputId())).setOutputName(text(o.outputName()))
          .setOutputValue(DecisionEvaluations.json(o.outputValue()))));
      message.addMatchedRules(rule);
    });
    return message;
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }
}

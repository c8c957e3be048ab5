package io.tandem.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.CorrelateMessageResponse;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.tandem.engine.EngineTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MessageTest extends EngineTest {

  @AfterEach
  void resetClock() {
    client.newResetClockCommand().send().join();
  }

  @Test
  void shouldCorrelateAPublishedMessageAndMergeItsVariables() {
    // given
    deploy(waitingFor("msg-basic", "paid"));
    long instance = start("msg-basic", Map.of("orderId", "o-1", "amount", 10));
    assertThat(trace(instance)).contains("wait:ELEMENT_ACTIVATED");

    // when
    client.newPublishMessageCommand().messageName("paid").correlationKey("o-1")
        .variables(Map.of("amount", 12, "paidBy", "card")).send().join();

    // then
    assertThat(trace(instance)).containsSubsequence("wait:ELEMENT_ACTIVATED", "wait:ELEMENT_COMPLETED",
        "end:ELEMENT_COMPLETED", "msg-basic:ELEMENT_COMPLETED");
    assertThat(rootVariables(instance)).containsEntry("orderId", "o-1").containsEntry("amount", 12)
        .containsEntry("paidBy", "card");
  }

  @Test
  void shouldCorrelateWithANumericCorrelationKey() {
    // given
    deploy(waitingFor("msg-numeric-key", "numeric"));
    long instance = start("msg-numeric-key", Map.of("orderId", 4711));

    // when
    client.newPublishMessageCommand().messageName("numeric").correlationKey("4711")
        .timeToLive(Duration.ZERO).send().join();

    // then
    assertThat(instanceState(instance)).isEqualTo("COMPLETED");
  }

  @Test
  void shouldNotCorrelateAMessageWithAnotherCorrelationKey() {
    // given
    deploy(waitingFor("msg-other-key", "shipped"));
    long instance = start("msg-other-key", Map.of("orderId", "o-2"));

    // when
    client.newPublishMessageCommand().messageName("shipped").correlationKey("o-3")
        .timeToLive(Duration.ZERO).send().join();

    // then
    assertThat(trace(instance)).doesNotContain("wait:ELEMENT_COMPLETED");
    assertThat(instanceState(instance)).isEqualTo("ACTIVE");
  }

  @Test
  void shouldCorrelateABufferedMessageWhenTheInstanceArrives() {
    // given
    deploy(waitingFor("msg-buffered", "buffered"));
    client.newPublishMessageCommand().messageName("buffered").correlationKey("o-4")
        .timeToLive(Duration.ofMinutes(10)).variables(Map.of("early", true)).send().join();

    // when
    long instance = start("msg-buffered", Map.of("orderId", "o-4"));

    // then
    assertThat(trace(instance)).contains("wait:ELEMENT_COMPLETED", "msg-buffered:ELEMENT_COMPLETED");
    assertThat(rootVariables(instance)).containsEntry("early", true);
  }

  @Test
  void shouldNotBufferAMessageWithoutTimeToLive() {
    // given
    deploy(waitingFor("msg-no-ttl", "unbuffered"));
    client.newPublishMessageCommand().messageName("unbuffered").correlationKey("o-5")
        .timeToLive(Duration.ZERO).send().join();

    // when
    long instance = start("msg-no-ttl", Map.of("orderId", "o-5"));

    // then
    assertThat(trace(instance)).contains("wait:ELEMENT_ACTIVATED").doesNotContain("wait:ELEMENT_COMPLETED");
  }

  @Test
  void shouldNotCorrelateABufferedMessageAfterItsTimeToLive() {
    // given
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    client.newPinClockCommand().time(now.toEpochMilli()).send().join();
    deploy(waitingFor("msg-expired", "expiring"));
    client.newPublishMessageCommand().messageName("expiring").correlationKey("o-6")
        .timeToLive(Duration.ofMinutes(10)).send().join();

    // when
    client.newPinClockCommand().time(now.plus(Duration.ofMinutes(11)).toEpochMilli()).send().join();
    long instance = start("msg-expired", Map.of("orderId", "o-6"));

    // then
    assertThat(trace(instance)).contains("wait:ELEMENT_ACTIVATED").doesNotContain("wait:ELEMENT_COMPLETED");
  }

  @Test
  void shouldCorrelateABufferedMessageToAnInstanceAtMostOnce() {
    // given: the instance waits for the same message twice in a row
    deploy(Bpmn.createExecutableProcess("msg-once").startEvent()
        .intermediateCatchEvent("first").message(m -> m.name("twice").zeebeCorrelationKeyExpression("orderId"))
        .intermediateCatchEvent("second").message(m -> m.name("twice").zeebeCorrelationKeyExpression("orderId"))
        .endEvent().done());
    client.newPublishMessageCommand().messageName("twice").correlationKey("o-7")
        .timeToLive(Duration.ofMinutes(10)).send().join();

    // when
    long instance = start("msg-once", Map.of("orderId", "o-7"));

    // then
    assertThat(trace(instance)).contains("first:ELEMENT_COMPLETED", "second:ELEMENT_ACTIVATED")
        .doesNotContain("second:ELEMENT_COMPLETED");

    // when
    client.newPublishMessageCommand().messageName("twice").correlationKey("o-7")
        .timeToLive(Duration.ZERO).send().join();

    // then
    assertThat(trace(instance)).contains("second:ELEMENT_COMPLETED");
    assertThat(instanceState(instance)).isEqualTo("COMPLETED");
  }

  @Test
  void shouldCorrelateABufferedMessageOnlyOnceToTheSameProcess() {
    // given
    deploy(waitingFor("msg-once-per-process", "once-per-process"));
    client.newPublishMessageCommand().messageName("once-per-process").correlationKey("o-8")
        .timeToLive(Duration.ofMinutes(10)).send().join();
    long first = start("msg-once-per-process", Map.of("orderId", "o-8"));

    // when
    long second = start("msg-once-per-process", Map.of("orderId", "o-8"));

    // then
    assertThat(instanceState(first)).isEqualTo("COMPLETED");
    assertThat(trace(second)).contains("wait:ELEMENT_ACTIVATED").doesNotContain("wait:ELEMENT_COMPLETED");
  }

  @Test
  void shouldCorrelateAPublishedMessageToEveryProcessWaitingForIt() {
    // given
    deploy(waitingFor("msg-fanout-a", "fanout"));
    deploy(waitingFor("msg-fanout-b", "fanout"));
    long a = start("msg-fanout-a", Map.of("orderId", "o-9"));
    long b = start("msg-fanout-b", Map.of("orderId", "o-9"));

    // when
    client.newPublishMessageCommand().messageName("fanout").correlationKey("o-9")
        .timeToLive(Duration.ZERO).variables(Map.of("seen", true)).send().join();

    // then
    assertThat(instanceState(a)).isEqualTo("COMPLETED");
    assertThat(instanceState(b)).isEqualTo("COMPLETED");
    assertThat(rootVariables(a)).containsEntry("seen", true);
    assertThat(rootVariables(b)).containsEntry("seen", true);
  }

  @Test
  void shouldCorrelateAPublishedMessageToOneInstanceOfAProcess() {
    // given: Camunda correlates a message at most once per process (BPMN process id)
    deploy(waitingFor("msg-one-of-two", "one-of-two"));
    long a = start("msg-one-of-two", Map.of("orderId", "o-10"));
    long b = start("msg-one-of-two", Map.of("orderId", "o-10"));

    // when
    client.newPublishMessageCommand().messageName("one-of-two").correlationKey("o-10")
        .timeToLive(Duration.ZERO).send().join();

    // then
    assertThat(List.of(instanceState(a), instanceState(b))).containsExactlyInAnyOrder("COMPLETED", "ACTIVE");

    // when
    client.newPublishMessageCommand().messageName("one-of-two").correlationKey("o-10")
        .timeToLive(Duration.ZERO).send().join();

    // then
    assertThat(List.of(instanceState(a), instanceState(b))).containsOnly("COMPLETED");
  }

  @Test
  void shouldCorrelateAMessageDirectlyAndReturnTheProcessInstance() {
    // given
    deploy(waitingFor("msg-correlate", "correlate"));
    long instance = start("msg-correlate", Map.of("orderId", "o-11"));

    // when
    CorrelateMessageResponse response = client.newCorrelateMessageCommand().messageName("correlate")
        .correlationKey("o-11").variables(Map.of("direct", true)).send().join();

    // then
    assertThat(response.getProcessInstanceKey()).isEqualTo(instance);
    assertThat(response.getMessageKey()).isPositive();
    assertThat(instanceState(instance)).isEqualTo("COMPLETED");
    assertThat(rootVariables(instance)).containsEntry("direct", true);
  }

  @Test
  void shouldRejectADirectCorrelationWhenNothingWaits() {
    // when / then
    assertThatThrownBy(() -> client.newCorrelateMessageCommand().messageName("nobody-waits")
        .correlationKey("o-12").send().join())
        .isInstanceOfSatisfying(ProblemException.class, e -> {
          assertThat(e.code()).isEqualTo(404);
          assertThat(e.details().getTitle()).isEqualTo("NOT_FOUND");
          assertThat(e.details().getDetail()).contains("nobody-waits", "o-12");
        });
  }

  @Test
  void shouldNotBufferADirectlyCorrelatedMessage() {
    // given
    deploy(waitingFor("msg-correlate-unbuffered", "correlate-unbuffered"));
    long first = start("msg-correlate-unbuffered", Map.of("orderId", "o-13"));
    client.newCorrelateMessageCommand().messageName("correlate-unbuffered").correlationKey("o-13")
        .send().join();

    // when
    long second = start("msg-correlate-unbuffered", Map.of("orderId", "o-13"));

    // then
    assertThat(instanceState(first)).isEqualTo("COMPLETED");
    assertThat(trace(second)).doesNotContain("wait:ELEMENT_COMPLETED");
  }

  @Test
  void shouldRejectAMessageIdPublishedTwiceWithinItsTimeToLive() {
    // given
    client.newPublishMessageCommand().messageName("unique").correlationKey("o-14").messageId("m-1")
        .timeToLive(Duration.ofMinutes(10)).send().join();

    // when / then
    assertThatThrownBy(() -> client.newPublishMessageCommand().messageName("unique")
        .correlationKey("o-14").messageId("m-1").timeToLive(Duration.ofMinutes(10)).send().join())
        .isInstanceOfSatisfying(ProblemException.class, e -> {
          assertThat(e.code()).isEqualTo(409);
          assertThat(e.details().getTitle()).isEqualTo("ALREADY_EXISTS");
          assertThat(e.details().getDetail()).contains("m-1");
        });
    client.newPublishMessageCommand().messageName("unique").correlationKey("o-14").messageId("m-2")
        .timeToLive(Duration.ofMinutes(10)).send().join();
  }

  @Test
  void shouldAcceptAMessageIdAgainOnceItsMessageExpired() {
    // given
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    client.newPinClockCommand().time(now.toEpochMilli()).send().join();
    client.newPublishMessageCommand().messageName("unique-expiring").correlationKey("o-18")
        .messageId("m-3").timeToLive(Duration.ofMinutes(1)).send().join();

    // when
    client.newPinClockCommand().time(now.plus(Duration.ofMinutes(1)).toEpochMilli()).send().join();

    // then
    client.newPublishMessageCommand().messageName("unique-expiring").correlationKey("o-18")
        .messageId("m-3").timeToLive(Duration.ofMinutes(1)).send().join();
  }

  @Test
  void shouldInterruptATaskWithAMessageBoundaryEvent() {
    // given
    deploy(Bpmn.createExecutableProcess("msg-boundary").startEvent()
        .serviceTask("task", t -> t.zeebeJobType("msg-boundary-work"))
        .boundaryEvent("cancelled").message(m -> m.name("cancel").zeebeCorrelationKeyExpression("orderId"))
        .endEvent("wasCancelled")
        .moveToActivity("task").endEvent("done").done());
    long instance = start("msg-boundary", Map.of("orderId", "o-15"));
    ActivatedJob job = activate("msg-boundary-work");

    // when
    client.newPublishMessageCommand().messageName("cancel").correlationKey("o-15")
        .timeToLive(Duration.ZERO).variables(Map.of("reason", "customer")).send().join();

    // then
    assertThat(trace(instance)).containsSubsequence("task:ELEMENT_TERMINATED", "cancelled:ELEMENT_COMPLETED",
        "wasCancelled:ELEMENT_COMPLETED", "msg-boundary:ELEMENT_COMPLETED");
    assertThat(rootVariables(instance)).containsEntry("reason", "customer");
    assertThatThrownBy(() -> client.newCompleteCommand(job).send().join())
        .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.code()).isEqualTo(404));
    assertThat(subscriptions(instance)).isZero();
  }

  @Test
  void shouldKeepTheTaskActiveWithANonInterruptingMessageBoundaryEvent() {
    // given
    deploy(Bpmn.createExecutableProcess("msg-boundary-ni").startEvent()
        .serviceTask("task", t -> t.zeebeJobType("msg-boundary-ni-work"))
        .boundaryEvent("note").cancelActivity(false)
        .message(m -> m.name("note").zeebeCorrelationKeyExpression("orderId"))
        .endEvent("noted")
        .moveToActivity("task").endEvent("done").done());
    long instance = start("msg-boundary-ni", Map.of("orderId", "o-16"));

    // when
    client.newPublishMessageCommand().messageName("note").correlationKey("o-16")
        .timeToLive(Duration.ZERO).send().join();
    client.newPublishMessageCommand().messageName("note").correlationKey("o-16")
        .timeToLive(Duration.ZERO).send().join();

    // then
    assertThat(trace(instance).stream().filter("noted:ELEMENT_COMPLETED"::equals)).hasSize(2);
    assertThat(trace(instance)).doesNotContain("task:ELEMENT_TERMINATED");

    // when
    client.newCompleteCommand(activate("msg-boundary-ni-work")).send().join();

    // then
    assertThat(trace(instance)).contains("task:ELEMENT_COMPLETED", "done:ELEMENT_COMPLETED");
    assertThat(instanceState(instance)).isEqualTo("COMPLETED");
    assertThat(subscriptions(instance)).isZero();
  }

  @Test
  void shouldCompleteAReceiveTaskWithItsMessage() {
    // given
    deploy(Bpmn.createExecutableProcess("msg-receive").startEvent()
        .receiveTask("receive").message(m -> m.name("delivered").zeebeCorrelationKeyExpression("orderId"))
        .endEvent("end").done());
    long instance = start("msg-receive", Map.of("orderId", "o-17"));
    assertThat(trace(instance)).contains("receive:ELEMENT_ACTIVATED");

    // when
    client.newPublishMessageCommand().messageName("delivered").correlationKey("o-17")
        .timeToLive(Duration.ZERO).variables(Map.of("signedBy", "Ann")).send().join();

    // then
    assertThat(trace(instance)).containsSubsequence("receive:ELEMENT_COMPLETED", "end:ELEMENT_COMPLETED",
        "msg-receive:ELEMENT_COMPLETED");
    assertThat(rootVariables(instance)).containsEntry("signedBy", "Ann");
  }

  private static BpmnModelInstance waitingFor(String processId, String messageName) {
    return Bpmn.createExecutableProcess(processId).startEvent()
        .intermediateCatchEvent("wait").message(m -> m.name(messageName).zeebeCorrelationKeyExpression("orderId"))
        .endEvent("end").done();
  }

  private ActivatedJob activate(String type) {
    List<ActivatedJob> jobs = client.newActivateJobsCommand().jobType(type).maxJobsToActivate(1)
        .send().join().getJobs();
    assertThat(jobs).hasSize(1);
    return jobs.get(0);
  }

  private int subscriptions(long instance) {
    return jdbc.queryForObject(
        "select count(*) from engine_message_subscription where process_instance_key = ?",
        Integer.class, instance);
  }
}

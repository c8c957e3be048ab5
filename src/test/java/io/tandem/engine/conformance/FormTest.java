package io.tandem.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.search.enums.IncidentErrorType;
import io.camunda.client.api.search.response.Form;
import io.camunda.client.api.search.response.Incident;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeBindingType;
import io.tandem.engine.EngineTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Camunda Forms: deployed, versioned, linked to user tasks and start events, fetched. */
class FormTest extends EngineTest {

  @Test
  void shouldDeployAFormAndVersionItLikeAProcess() {
    // when
    var first = deployForm(form("versioned", "Name"), "versioned.form").getForm().get(0);
    var same = deployForm(form("versioned", "Name"), "versioned.form").getForm().get(0);
    var changed = deployForm(form("versioned", "Full name"), "versioned.form").getForm().get(0);

    // then
    assertThat(first.getFormId()).isEqualTo("versioned");
    assertThat(first.getVersion()).isEqualTo(1);
    assertThat(same.getVersion()).isEqualTo(1);
    assertThat(same.getFormKey()).isEqualTo(first.getFormKey());
    assertThat(changed.getVersion()).isEqualTo(2);
    assertThat(changed.getFormKey()).isNotEqualTo(first.getFormKey());
  }

  @Test
  void shouldRejectAFormWithoutAnId() {
    assertThatThrownBy(() -> deployForm("{\"components\": []}", "anonymous.form"))
        .isInstanceOf(ProblemException.class).hasMessageContaining("400")
        .hasMessageContaining("anonymous.form").hasMessageContaining("'id'");
    assertThatThrownBy(() -> deployForm("not json", "broken.form"))
        .isInstanceOf(ProblemException.class).hasMessageContaining("400");
  }

  @Test
  void shouldLinkTheLatestVersionOfAFormToAUserTask() {
    // given
    long v1 = deployForm(form("review", "Decision"), "review.form").getForm().get(0).getFormKey();
    deploy(Bpmn.createExecutableProcess("form-latest").startEvent()
        .userTask("review", t -> t.zeebeUserTask().zeebeFormId("review")).endEvent().done());
    long first = start("form-latest", Map.of());

    // when
    long v2 = deployForm(form("review", "Decision and reason"), "review.form").getForm().get(0).getFormKey();
    long second = start("form-latest", Map.of());

    // then
    UserTask firstTask = taskOf(first);
    assertThat(firstTask.getFormKey()).isEqualTo(v1);
    assertThat(taskOf(second).getFormKey()).isEqualTo(v2);
    Form form = client.newUserTaskGetFormRequest(firstTask.getUserTaskKey()).send().join();
    assertThat(form.getFormId()).isEqualTo("review");
    assertThat(form.getVersion()).isEqualTo(1);
    assertThat(form.getFormKey()).isEqualTo(v1);
    assertThat(String.valueOf(form.getSchema())).contains("\"Decision\"");
  }

  @Test
  void shouldBindTheFormDeployedWithTheProcess() {
    // given
    BpmnModelInstance process = Bpmn.createExecutableProcess("form-deployment").startEvent()
        .userTask("review", t -> t.zeebeUserTask().zeebeFormId("bound")
            .zeebeFormBindingType(ZeebeBindingType.deployment)).endEvent().done();
    DeploymentEvent together = client.newDeployResourceCommand().addProcessModel(process, "bound.bpmn")
        .addResourceStringUtf8(form("bound", "First"), "bound.form").send().join();
    deployForm(form("bound", "Second"), "bound.form");

    // when
    long instance = start("form-deployment", Map.of());

    // then
    assertThat(taskOf(instance).getFormKey()).isEqualTo(together.getForm().get(0).getFormKey());
  }

  @Test
  void shouldBindTheLatestFormWithAVersionTag() {
    // given
    long tagged = deployForm(form("tagged", "One", "v1.0"), "tagged.form").getForm().get(0).getFormKey();
    deployForm(form("tagged", "Two", "v2.0"), "tagged.form");
    deploy(Bpmn.createExecutableProcess("form-tag").startEvent()
        .userTask("review", t -> t.zeebeUserTask().zeebeFormId("tagged")
            .zeebeFormBindingType(ZeebeBindingType.versionTag).zeebeFormVersionTag("v1.0")).endEvent().done());

    // when
    long instance = start("form-tag", Map.of());

    // then
    assertThat(taskOf(instance).getFormKey()).isEqualTo(tagged);
  }

  @Test
  void shouldRaiseFormNotFoundUntilTheFormIsDeployed() {
    // given
    deploy(Bpmn.createExecutableProcess("form-missing").startEvent()
        .userTask("review", t -> t.zeebeUserTask().zeebeFormId("later")).endEvent().done());
    long instance = start("form-missing", Map.of());
    List<Incident> incidents = client.newIncidentSearchRequest().filter(f -> f.processInstanceKey(instance))
        .send().join().items();
    assertThat(incidents).hasSize(1);
    assertThat(incidents.get(0).getErrorType()).isEqualTo(IncidentErrorType.FORM_NOT_FOUND);
    assertThat(incidents.get(0).getErrorMessage()).contains("'later'");

    // when
    long formKey = deployForm(form("later", "Now"), "later.form").getForm().get(0).getFormKey();
    client.newResolveIncidentCommand(incidents.get(0).getIncidentKey()).send().join();

    // then
    assertThat(taskOf(instance).getFormKey()).isEqualTo(formKey);
  }

  @Test
  void shouldAnswerNoContentForATaskWithoutForm() {
    deploy(Bpmn.createExecutableProcess("form-none").startEvent()
        .userTask("review", t -> t.zeebeUserTask().zeebeExternalFormReference("https://forms.example/review"))
        .endEvent().done());
    UserTask task = taskOf(start("form-none", Map.of()));

    Rest.Response response = Rest.get(client, "/user-tasks/" + task.getUserTaskKey() + "/form");

    assertThat(response.status()).isEqualTo(204);
    assertThat(task.getExternalFormReference()).isEqualTo("https://forms.example/review");
    assertThat(task.getFormKey()).isNull();
  }

  @Test
  void shouldReturnTheStartFormOfAProcessDefinition() {
    // given
    long formKey = deployForm(form("start-form", "Applicant"), "start-form.form").getForm().get(0).getFormKey();
    long withForm = deploy(Bpmn.createExecutableProcess("form-start").startEvent("start")
        .zeebeFormId("start-form").userTask("t", t -> t.zeebeUserTask()).endEvent().done());
    long withoutForm = deploy(Bpmn.createExecutableProcess("form-no-start").startEvent().endEvent().done());

    // when
    Form form = client.newProcessDefinitionGetFormRequest(withForm).send().join();

    // then
    assertThat(form.getFormKey()).isEqualTo(formKey);
    assertThat(form.getFormId()).isEqualTo("start-form");
    assertThat(client.newProcessDefinitionGetRequest(withForm).send().join().getHasStartForm()).isTrue();
    assertThat(client.newProcessDefinitionGetRequest(withoutForm).send().join().getHasStartForm()).isFalse();
    assertThat(Rest.get(client, "/process-definitions/" + withoutForm + "/form").status()).isEqualTo(204);
    assertThat(Rest.get(client, "/process-definitions/1/form").status()).isEqualTo(404);
  }

  @Test
  void shouldGetAFormByKey() {
    long formKey = deployForm(form("by-key", "Anything"), "by-key.form").getForm().get(0).getFormKey();

    Rest.Response found = Rest.get(client, "/forms/" + formKey);
    Rest.Response missing = Rest.get(client, "/forms/1");
    Rest.Response malformed = Rest.get(client, "/forms/abc");

    assertThat(found.status()).isEqualTo(200);
    assertThat(found.body()).contains("\"formId\":\"by-key\"").contains("\"version\":1");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.contentType()).contains("application/problem+json");
    assertThat(malformed.status()).isEqualTo(400);
  }

  private DeploymentEvent deployForm(String json, String name) {
    return client.newDeployResourceCommand().addResourceStringUtf8(json, name).send().join();
  }

  private static String form(String id, String label) {
    return form(id, label, null);
  }

  private static String form(String id, String label, String versionTag) {
    return """
        {"id": "%s", "type": "default", "schemaVersion": 16,%s
         "components": [{"type": "textfield", "key": "answer", "label": "%s"}]}"""
        .formatted(id, versionTag == null ? "" : " \"versionTag\": \"" + versionTag + "\",", label);
  }

  private UserTask taskOf(long processInstanceKey) {
    List<UserTask> tasks = client.newUserTaskSearchRequest().filter(f -> f.processInstanceKey(processInstanceKey))
        .send().join().items();
    assertThat(tasks).hasSize(1);
    return tasks.get(0);
  }
}

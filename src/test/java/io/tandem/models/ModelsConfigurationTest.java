package io.tandem.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ModelsConfigurationTest {

  private final ApplicationContextRunner context =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
          .withUserConfiguration(ModelsConfiguration.class);

  @Test
  void shouldTrainTheEmbeddedModelAndCreateNoRemoteAdapterByDefault() {
    context.run(
        app -> {
          assertThat(app).hasSingleBean(EmbeddedTextModel.class);
          assertThat(app.getBean(EmbeddedTextModel.class).labels()).containsExactly("ham", "spam");
          assertThat(app).doesNotHaveBean(OpenAiChatModel.class);
          assertThat(app).doesNotHaveBean(KServeModel.class);
        });
  }

  @Test
  void shouldCreateTheRemoteAdaptersThatAreConfigured() {
    context
        .withPropertyValues(
            "tandem.models.embedded.enabled=false",
            "tandem.models.openai.base-url=http://localhost:11434",
            "tandem.models.openai.model=llama3.2:1b",
            "tandem.models.kserve.base-url=http://localhost:8085",
            "tandem.models.kserve.model-name=spam-filter",
            "tandem.models.kserve.labels=ham,spam",
            "tandem.models.kserve.timeout=2s")
        .run(
            app -> {
              assertThat(app).doesNotHaveBean(EmbeddedTextModel.class);
              assertThat(app.getBean(OpenAiChatModel.class).modelId()).isEqualTo("llama3.2:1b");
              assertThat(app.getBean(KServeModel.class).modelId()).isEqualTo("spam-filter");
              ModelsProperties properties = app.getBean(ModelsProperties.class);
              assertThat(properties.kserve().labels()).containsExactly("ham", "spam");
              assertThat(properties.kserve().timeout()).isEqualTo(Duration.ofSeconds(2));
              assertThat(properties.openai().defaultConfidence()).isEqualTo(0.5);
            });
  }
}

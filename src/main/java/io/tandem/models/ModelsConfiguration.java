package io.tandem.models;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/** Creates the model adapters that {@code tandem.models.*} asks for. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ModelsProperties.class)
class ModelsConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(ModelsConfiguration.class);

  @Bean
  @ConditionalOnProperty(
      prefix = "tandem.models.embedded",
      name = "enabled",
      havingValue = "true",
      matchIfMissing = true)
  EmbeddedTextModel embeddedTextModel(ModelsProperties properties, ResourceLoader resources) {
    Resource data = resources.getResource(properties.embedded().trainingData());
    long started = System.nanoTime();
    EmbeddedTextModel model;
    try (InputStream in = data.getInputStream()) {
      model = EmbeddedTextModel.train(LabelledTsv.read(in, data.getDescription()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the embedded model's training data " + data, e);
    }
    LOG.info(
        "Trained {} in {} ms ({} features)",
        model,
        (System.nanoTime() - started) / 1_000_000,
        model.featureCount());
    return model;
  }

  @Bean
  @ConditionalOnProperty(prefix = "tandem.models.openai", name = "base-url")
  OpenAiChatModel openAiChatModel(ModelsProperties properties, ObjectMapper json) {
    ModelsProperties.OpenAi openai = properties.openai();
    return new OpenAiChatModel(
        new OpenAiChatSettings(
            openai.baseUrl(),
            openai.model(),
            openai.apiKey(),
            openai.timeout(),
            openai.defaultConfidence(),
            openai.maxTokens(),
            openai.instructions()),
        json);
  }

  @Bean
  @ConditionalOnProperty(prefix = "tandem.models.kserve", name = "base-url")
  KServeModel kServeModel(ModelsProperties properties, ObjectMapper json) {
    ModelsProperties.KServe kserve = properties.kserve();
    return new KServeModel(
        new KServeSettings(
            kserve.baseUrl(),
            kserve.modelName(),
            kserve.modelVersion(),
            kserve.inputName(),
            kserve.outputName(),
            kserve.labels(),
            kserve.timeout(),
            kserve.defaultConfidence()),
        json);
  }
}

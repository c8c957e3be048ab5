package io.tandem.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class PiiConfigurationTest {

  private final ApplicationContextRunner context =
      new ApplicationContextRunner().withUserConfiguration(PiiConfiguration.class);

  @Test
  void shouldHashAlikeAcrossRestartsWithAConfiguredSalt() {
    String text = "mail ann@example.com";
    String[] hashes = new String[2];
    for (int run = 0; run < 2; run++) {
      int i = run;
      context
          .withPropertyValues(
              "tandem.pii.salt=0123456789abcdef-configured", "tandem.pii.phone-regions=DE")
          .run(
              app ->
                  hashes[i] =
                      app.getBean(PiiMasker.class).mask(text).findings().get(0).valueHash());
    }
    assertThat(hashes[0]).isEqualTo(hashes[1]);
  }

  @Test
  void shouldMaskWithDefaultsWhenNothingIsConfigured() {
    context.run(
        app -> {
          PiiProperties properties = app.getBean(PiiProperties.class);
          assertThat(properties.phoneRegions()).containsExactly("US", "GB");
          assertThat(properties.personNames()).isFalse();
          assertThat(app.getBean(PiiMasker.class).mask("Hi Anna, call (202) 456-1111").masked())
              .isEqualTo("Hi Anna, call [PHONE]");
        });
  }

  @Test
  void shouldMaskPersonNamesWhenAsked() {
    context
        .withPropertyValues("tandem.pii.person-names=true")
        .run(
            app ->
                assertThat(app.getBean(PiiMasker.class).mask("Hi Anna, call (202) 456-1111").masked())
                    .isEqualTo("Hi [PERSON_NAME], call [PHONE]"));
  }
}

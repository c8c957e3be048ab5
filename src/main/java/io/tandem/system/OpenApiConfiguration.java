package io.tandem.system;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The app API's OpenAPI document (/v3/api-docs) and Swagger UI (/api/docs). */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  @Bean
  OpenAPI tandemOpenApi() {
    return new OpenAPI().info(new Info()
        .title("Tandem API")
        .version("0.1.0")
        .description("Submit items for AI decisions with people in the loop, answer review tasks, "
            + "read decisions and their audit trail, and switch flows to human review. Errors are "
            + "RFC 9457 problem details naming the field at fault.")
        .license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")));
  }
}

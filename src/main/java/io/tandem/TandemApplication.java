package io.tandem;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableScheduling
public class TandemApplication {

  public static void main(String[] args) {
    SpringApplication.run(TandemApplication.class, args);
  }
}

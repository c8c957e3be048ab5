package io.tandem.review;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Case workers answer their review tasks here (the tasklist's submit). */
@RestController
@RequestMapping("/api/tasks")
class TaskController {

  private final AnswerService answers;

  TaskController(AnswerService answers) {
    this.answers = answers;
  }

  @PostMapping("/{taskKey}/answer")
  ResponseEntity<Void> answer(@PathVariable long taskKey, @RequestBody AnswerService.Answer answer) {
    answers.answer(taskKey, answer);
    return ResponseEntity.noContent().build();
  }
}

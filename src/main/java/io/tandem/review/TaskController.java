package io.tandem.review;

import io.tandem.system.ApiProblems.InvalidField;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
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
  private final TaskQueue queue;

  TaskController(AnswerService answers, TaskQueue queue) {
    this.answers = answers;
    this.queue = queue;
  }

  /** A group's open review tasks, most urgent first. */
  @GetMapping
  List<TaskQueue.QueuedTask> queue(@RequestParam(required = false) String group,
      @RequestParam(defaultValue = "50") int limit) {
    if (limit < 1 || limit > 1000) {
      throw new InvalidField("limit", "limit must be between 1 and 1000");
    }
    return queue.queue(group, limit);
  }

  @PostMapping("/{taskKey}/answer")
  ResponseEntity<Void> answer(@PathVariable long taskKey, @RequestBody AnswerService.Answer answer) {
    answers.answer(taskKey, answer);
    return ResponseEntity.noContent().build();
  }
}

package io.tandem.pages;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The start page is the signed-in person's own surface: console, models or tasklist. */
@Controller
class HomePage {

  @GetMapping("/")
  String home(HttpServletRequest request) {
    if (request.isUserInRole("OPERATIONS") || request.isUserInRole("ADMIN")) {
      return "redirect:/console";
    }
    if (request.isUserInRole("ANALYST")) {
      return "redirect:/models";
    }
    return "redirect:/tasks";
  }
}

package io.tandem.pages;

import java.security.Principal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's header shows: who is signed in. */
@ControllerAdvice(annotations = Controller.class)
class PageModel {

  @ModelAttribute("userName")
  String userName(Principal principal) {
    return principal == null ? null : principal.getName();
  }
}

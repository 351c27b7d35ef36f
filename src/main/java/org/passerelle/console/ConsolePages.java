package org.passerelle.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The ops console's pages (server-rendered; the cards refresh themselves from {@code /ops/state}). */
@Controller
class ConsolePages {

    @GetMapping("/ops")
    String console() {
        return "console/console";
    }
}

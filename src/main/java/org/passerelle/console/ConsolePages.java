package org.passerelle.console;

import java.util.Arrays;
import java.util.List;
import org.passerelle.channel.ChannelId;
import org.springframework.security.core.Authentication;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The ops console page (server-rendered; its cards refresh themselves from {@code /ops/state}). */
@Hidden
@Controller
class ConsolePages {

    static boolean isOps(Authentication user) {
        return user != null && user.getAuthorities().stream().anyMatch(a -> "ROLE_OPS".equals(a.getAuthority()));
    }

    @GetMapping("/ops")
    String console(Authentication user, Model model) {
        model.addAttribute("channels", Arrays.stream(ChannelId.values()).map(ChannelId::id).toList());
        model.addAttribute("breakers", Arrays.stream(ChannelId.values()).filter(ChannelId::hasBreaker).map(ChannelId::id).toList());
        model.addAttribute("canAct", isOps(user));
        return "console/console";
    }

    static List<String> channelIds() {
        return Arrays.stream(ChannelId.values()).map(ChannelId::id).toList();
    }
}

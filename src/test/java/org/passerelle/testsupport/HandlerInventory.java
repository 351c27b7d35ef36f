package org.passerelle.testsupport;

import java.util.Set;
import java.util.TreeSet;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** What Spring MVC really serves: every handler method of every RequestMappingHandlerMapping. */
public final class HandlerInventory {

    private HandlerInventory() {
    }

    /**
     * "METHOD /path/{var}" for every handler method whose path starts with /api. A mapping without a method
     * restriction (it answers every method) appears as "* /path", so it can never match a table row silently.
     */
    public static Set<String> apiOperations(ApplicationContext context) {
        Set<String> operations = new TreeSet<>();
        for (RequestMappingHandlerMapping mapping : context.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (String path : info.getPatternValues()) {
                    if (!(path.equals("/api") || path.startsWith("/api/"))) {
                        continue;
                    }
                    if (methods.isEmpty()) {
                        operations.add("* " + path);
                    }
                    methods.forEach(m -> operations.add(m.name() + " " + path));
                }
            }
        }
        return operations;
    }
}

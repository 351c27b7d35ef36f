package org.passerelle.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.passerelle.PasserelleApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One full Passerelle application (profile {@code test}, random port) started in this JVM, as one replica.
 * Several can run side by side; give them the same database arguments and they share the control plane.
 */
public final class PasserelleInstance implements AutoCloseable {

    private final String name;
    private final ConfigurableApplicationContext context;
    private final int port;
    private final Api api;

    private PasserelleInstance(String name, ConfigurableApplicationContext context) {
        this.name = name;
        this.context = context;
        this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
        this.api = Api.onPort(port);
    }

    public static PasserelleInstance start(String name, List<String> args) {
        return start(name, args, b -> { });
    }

    /**
     * @param args       command-line arguments ({@code --key=value}); they outrank application-test.yml
     * @param customizer adds listeners or initializers (e.g. probes) before the run
     */
    public static PasserelleInstance start(String name, List<String> args, Consumer<SpringApplicationBuilder> customizer) {
        SpringApplicationBuilder builder = new SpringApplicationBuilder(PasserelleApplication.class).profiles("test");
        customizer.accept(builder);
        List<String> all = new ArrayList<>(args);
        all.add("--server.port=0");
        all.add("--spring.application.name=passerelle-" + name);
        return new PasserelleInstance(name, builder.run(all.toArray(String[]::new)));
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** The API of this replica. */
    public Api api() {
        return api;
    }

    /** Calls this replica's API as the test user of {@code role}. */
    public ApiCaller as(Role role) {
        return api.as(role);
    }

    @Override
    public void close() {
        context.close();
    }

    @Override
    public String toString() {
        return "instance " + name + " (port " + port + ")";
    }
}

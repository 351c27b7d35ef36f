package org.passerelle.testsupport;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;

/** Scheduling-side HTTP calls used by several tests. */
public final class SchedulerClient {

    private final OpsClient http;
    private final int port;

    public SchedulerClient(int port) {
        this.port = port;
        this.http = new OpsClient(port, "scheduler", "scheduler");
    }

    public HttpResponse<String> put(String id, String phone, Instant start, String site) {
        String body = "{\"patientPhone\":\"" + phone + "\",\"start\":\"" + start + "\",\"siteCode\":\"" + site + "\"}";
        return putJson(id, body);
    }

    public HttpResponse<String> putJson(String id, String json) {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/appointments/" + id))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> get(String id) {
        return http.get("/api/appointments/" + id);
    }

    public HttpResponse<String> delete(String id) {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/appointments/" + id)).DELETE());
    }
}

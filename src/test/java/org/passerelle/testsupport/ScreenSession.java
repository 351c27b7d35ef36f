package org.passerelle.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The screens over plain HTTP, as a browser does it (login page, CSRF token, form post, session cookie), for tests
 * about the session itself rather than the pages: a session made on one replica and used on another.
 */
public final class ScreenSession {

    public static final String COOKIE = "PASSERELLE_SESSION";
    private static final Pattern SET_COOKIE = Pattern.compile(COOKIE + "=([^;]*)");
    private static final Pattern FORM_CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
    private static final Pattern META_CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private ScreenSession() {
    }

    /** Logs in on the login page of the server at {@code port} (password = user name); returns the session cookie. */
    public static String logIn(int port, String user) {
        HttpResponse<String> page = get(port, "/login", null);
        assertThat(page.statusCode()).as("login page").isEqualTo(200);
        String before = cookieOf(page);
        HttpResponse<String> login = post(port, "/login", before,
                "username=" + enc(user) + "&password=" + enc(user) + "&_csrf=" + enc(csrfOf(page.body())));
        assertThat(login.statusCode()).as("login").isEqualTo(302);
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/home"));
        String after = cookieOf(login);
        assertThat(after).as("a new session id at login").isNotEqualTo(before);
        return after;
    }

    /** GET with the session cookie ({@code null}: none); redirects are not followed. */
    public static HttpResponse<String> get(int port, String path, String cookie) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(port, path)).timeout(Duration.ofSeconds(30)).GET();
        if (cookie != null) {
            request.header("Cookie", COOKIE + "=" + cookie);
        }
        return send(request.build());
    }

    /** POST of a form with the session cookie; redirects are not followed. */
    public static HttpResponse<String> post(int port, String path, String cookie, String form) {
        return send(HttpRequest.newBuilder(uri(port, path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", COOKIE + "=" + cookie)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    /**
     * POST of a JSON body as the screens' scripts send it: session cookie, CSRF header (from the page's meta tag),
     * and the given {@code Accept-Language} ({@code null}: none).
     */
    public static HttpResponse<String> postJson(int port, String path, String cookie, String csrf, String json,
                                                String language) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(port, path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Cookie", COOKIE + "=" + cookie)
                .header("X-CSRF-TOKEN", csrf)
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (language != null) {
            request.header("Accept-Language", language);
        }
        return send(request.build());
    }

    /** The CSRF token of a page (its login form's hidden field, or the layout's meta tag). */
    public static String csrfOf(String html) {
        Matcher form = FORM_CSRF.matcher(html);
        if (form.find()) {
            return form.group(1);
        }
        Matcher meta = META_CSRF.matcher(html);
        assertThat(meta.find()).as("a CSRF token in the page").isTrue();
        return meta.group(1);
    }

    public static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String cookieOf(HttpResponse<?> response) {
        for (String header : response.headers().allValues("Set-Cookie")) {
            Matcher m = SET_COOKIE.matcher(header);
            if (m.find() && !m.group(1).isEmpty()) {
                return m.group(1);
            }
        }
        throw new AssertionError("no " + COOKIE + " cookie in " + response.headers().allValues("Set-Cookie"));
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri().getPath() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}

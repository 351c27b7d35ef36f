package org.passerelle.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.session.SessionIdGenerator;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.CookieSerializer.CookieValue;
import org.springframework.session.web.http.HttpSessionIdResolver;

/**
 * Screen session ids that a copy of the database does not give away: the browser's cookie holds a random token
 * (256 bits), the session table holds only its SHA-256. Whoever reads {@code spring_session} (a dump, a backup, a
 * replica) learns no cookie to log in with; a request's cookie is hashed before the session is looked up.
 *
 * <p>Spring Session asks the {@link SessionIdGenerator} for the stored id of a new session (and of a session whose
 * id changes at login), and later, in the same request thread, asks the {@link HttpSessionIdResolver} to write that
 * id's cookie. The generator keeps the token of each id it issued for that moment, per thread.
 */
final class HashedSessionIds implements SessionIdGenerator, HttpSessionIdResolver {

    private static final Logger log = LoggerFactory.getLogger(HashedSessionIds.class);
    private static final String WRITTEN = HashedSessionIds.class.getName() + ".WRITTEN";
    /** A request issues at most two ids (a new session, then a new id at login); a few more is room enough. */
    private static final int ISSUED_PER_THREAD = 8;

    private final SecureRandom random = new SecureRandom();
    private final CookieSerializer cookies;
    private final ThreadLocal<Map<String, String>> issued = ThreadLocal.withInitial(() -> new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > ISSUED_PER_THREAD;
        }
    });

    HashedSessionIds(CookieSerializer cookies) {
        this.cookies = cookies;
    }

    @Override
    public String generate() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String id = storedId(token);
        issued.get().put(id, token);
        return id;
    }

    @Override
    public List<String> resolveSessionIds(HttpServletRequest request) {
        return cookies.readCookieValues(request).stream().filter(v -> !v.isEmpty()).map(HashedSessionIds::storedId).toList();
    }

    @Override
    public void setSessionId(HttpServletRequest request, HttpServletResponse response, String sessionId) {
        if (sessionId.equals(request.getAttribute(WRITTEN))) {
            return;
        }
        String token = issued.get().remove(sessionId);
        if (token == null) {
            // not issued on this thread: no token to give; the browser gets a new session on its next request
            log.warn("A screen session id was not issued on the request's thread; no session cookie written");
            return;
        }
        request.setAttribute(WRITTEN, sessionId);
        cookies.writeCookieValue(new CookieValue(request, response, token));
    }

    @Override
    public void expireSession(HttpServletRequest request, HttpServletResponse response) {
        cookies.writeCookieValue(new CookieValue(request, response, ""));
    }

    /** The id under which the session of this cookie token is stored. */
    static String storedId(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

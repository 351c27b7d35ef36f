package org.passerelle.scheduling.hl7;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import org.apache.camel.support.jsse.ClientAuthentication;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.SSLContextServerParameters;
import org.apache.camel.support.jsse.SecureSocketProtocolsParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;

/**
 * camel-mllp's TLS settings from {@code passerelle.hl7.tls.*}. The stores are loaded here, at start-up, so a wrong
 * path or password stops the start with a message naming the setting instead of leaving HL7 intake unbound.
 * TLS 1.2 and 1.3 only.
 */
final class Hl7Tls {

    private Hl7Tls() {
    }

    static SSLContextParameters contextParameters(Hl7Properties.Tls tls) {
        SSLContextParameters parameters = new SSLContextParameters();
        parameters.setSecureSocketProtocol("TLS");
        SecureSocketProtocolsParameters protocols = new SecureSocketProtocolsParameters();
        protocols.setSecureSocketProtocol(List.of("TLSv1.3", "TLSv1.2"));
        parameters.setSecureSocketProtocols(protocols);

        KeyManagersParameters keys = new KeyManagersParameters();
        keys.setKeyStore(store(tls.keyStore(), tls.keyStorePassword(), tls.keyStoreType(), "passerelle.hl7.tls.key-store"));
        keys.setKeyPassword(tls.keyStorePassword());
        parameters.setKeyManagers(keys);

        SSLContextServerParameters server = new SSLContextServerParameters();
        server.setClientAuthentication(switch (tls.clientAuth()) {
            case NONE -> ClientAuthentication.NONE.name();
            case WANT -> ClientAuthentication.WANT.name();
            case REQUIRE -> ClientAuthentication.REQUIRE.name();
        });
        parameters.setServerParameters(server);
        if (tls.clientAuth() != Hl7Properties.ClientAuth.NONE) {
            TrustManagersParameters trust = new TrustManagersParameters();
            trust.setKeyStore(store(tls.trustStore(), tls.trustStorePassword(), tls.keyStoreType(),
                    "passerelle.hl7.tls.trust-store"));
            parameters.setTrustManagers(trust);
        }
        return parameters;
    }

    private static KeyStoreParameters store(String location, String password, String type, String setting) {
        Resource resource = new DefaultResourceLoader().getResource(location);
        try (InputStream in = resource.getInputStream()) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password.toCharArray());
            KeyStoreParameters parameters = new KeyStoreParameters();
            parameters.setKeyStore(store);
            parameters.setPassword(password);
            parameters.setType(type);
            return parameters;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(setting + " cannot be read as a " + type + " store with its password ("
                    + location + "): " + e.getClass().getSimpleName(), e);
        }
    }
}

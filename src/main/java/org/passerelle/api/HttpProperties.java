package org.passerelle.api;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code passerelle.http.*}: limits of the HTTP listener that Passerelle sets itself (the header size is Tomcat's
 * {@code server.max-http-request-header-size}).
 *
 * @param maxBodySize the largest request body accepted (1 KiB - 10 MiB; default 64 KiB, far above the largest
 *        legitimate body); a larger one is answered 413 before it is read
 */
@Validated
@ConfigurationProperties(prefix = "passerelle.http", ignoreUnknownFields = false)
record HttpProperties(
        @NotNull(message = "passerelle.http.max-body-size is required")
        @DefaultValue("64KB") DataSize maxBodySize) {

    @AssertTrue(message = "passerelle.http.max-body-size must be between 1KB and 10MB")
    boolean isMaxBodySizeInRange() {
        return maxBodySize == null
                || maxBodySize.toBytes() >= 1024 && maxBodySize.toBytes() <= 10L * 1024 * 1024;
    }
}

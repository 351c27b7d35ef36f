/**
 * Patient phone numbers at rest: AES-256-GCM encryption with a random nonce per value and an HMAC-SHA256
 * keyed hash to find a number without storing it in clear; keys and retention from {@code passerelle.privacy.*}
 * (no default key outside the local profile). Offers {@link org.passerelle.privacy.PhoneProtection} to
 * {@code scheduling} and {@code sms}, and {@link org.passerelle.privacy.PrivacyProperties} to {@code scheduling}.
 * Depends on no Passerelle package.
 */
package org.passerelle.privacy;

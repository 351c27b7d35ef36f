/**
 * Personal data at rest and the one hashing helper. Patient phone numbers: AES-256-GCM encryption with a random
 * nonce per value and an HMAC-SHA256 keyed hash to find a number without storing it in clear; keys (by id, each stored
 * value naming its key, so they rotate) and retention from {@code passerelle.privacy.*} (no default key outside the
 * local profile). {@link org.passerelle.privacy.Digests}: SHA-256 for values that carry no personal data,
 * HMAC-SHA256 with a key for anything derived from personal data. Offers {@link org.passerelle.privacy.Digests} to
 * {@code scheduling.hl7}, {@code payment} and {@code security}, {@link org.passerelle.privacy.PhoneProtection} to
 * {@code scheduling} and {@code sms}, and {@link org.passerelle.privacy.PrivacyProperties} to {@code scheduling}.
 * Depends on no Passerelle package.
 */
package org.passerelle.privacy;

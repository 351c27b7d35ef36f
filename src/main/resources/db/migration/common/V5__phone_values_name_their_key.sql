-- Nothing reversible without a key (issue 8).
-- 1. content_hash was an unkeyed SHA-256 over the appointment id, the phone number as typed, the start, the zone,
--    the site and the consent: everything but the number sits in the same row, so the number could be brute-forced
--    back from it, and the purge kept it. It is dropped: a replayed appointment is now recognised by comparing the
--    stored fields, the number through its keyed hash (AppointmentIntake), so rows stored before this migration are
--    recognised as unchanged too and never get a second reminder.
alter table appointment drop column content_hash;

-- 2. Keyed values name their key, "<key id>:<value>", so keys can be rotated. Everything stored so far was made with
--    the single configured key, which is key k1 (passerelle.privacy.phone-encryption-key / phone-hash-key).
alter table appointment alter column phone_hash set data type varchar(84);
alter table sms_opt_out alter column phone_hash set data type varchar(84);
update appointment set phone_enc = 'k1:' || phone_enc where phone_enc is not null;
update appointment set phone_hash = 'k1:' || phone_hash where phone_hash is not null;
update sms_opt_out set phone_hash = 'k1:' || phone_hash;

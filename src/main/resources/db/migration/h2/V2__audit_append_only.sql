-- The audit is append-only at the database too (H2 triggers are Java classes).
create trigger channel_audit_no_update before update on channel_audit
    for each row call "org.passerelle.channel.AppendOnlyTrigger";
create trigger channel_audit_no_delete before delete on channel_audit
    for each row call "org.passerelle.channel.AppendOnlyTrigger";

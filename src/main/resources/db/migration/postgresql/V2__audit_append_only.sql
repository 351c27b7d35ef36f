-- The audit is append-only at the database too: no role used by the application can rewrite history.
create function channel_audit_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'channel_audit is append-only: % refused', tg_op;
end;
$$;

create trigger channel_audit_append_only
    before update or delete on channel_audit
    for each row execute function channel_audit_refuse_change();

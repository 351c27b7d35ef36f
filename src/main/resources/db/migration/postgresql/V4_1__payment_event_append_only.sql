-- The payment journal's history is append-only at the database too.
create function payment_event_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'payment_event is append-only: % refused', tg_op;
end;
$$;

create trigger payment_event_append_only
    before update or delete on payment_event
    for each row execute function payment_event_refuse_change();

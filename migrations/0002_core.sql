-- First tables: tenants, users, sessions, one-time password links, and the audit log.
set local role traffino_owner;

create table tenant
(
    tenant_id  uuid primary key,
    slug       text        not null constraint tenant_slug_key unique
        constraint tenant_slug_format check (slug ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
    name       text        not null check (length(name) between 1 and 200),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
select trigger_updated_at('tenant');

create table "user"
(
    user_id           uuid primary key,
    email             citext      not null constraint user_email_key unique
        constraint user_email_format check (email ~ '^[^@\s]+@[^@\s]+$' and length(email) <= 254),
    display_name      text        not null default '' check (length(display_name) <= 200),
    -- argon2id PHC string; null until the user sets a password through a one-time link.
    password_hash     text,
    is_platform_admin boolean     not null default false,
    locale            text        not null default 'de' check (locale in ('de', 'en')),
    disabled_at       timestamptz,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now()
);
select trigger_updated_at('"user"');

-- A login session. The cookie holds a random token; only its SHA-256 is stored here.
create table session
(
    session_id   uuid primary key,
    token_hash   bytea       not null constraint session_token_hash_key unique,
    user_id      uuid        not null references "user" on delete cascade,
    user_agent   text        not null default '',
    client_ip    inet,
    created_at   timestamptz not null default now(),
    last_seen_at timestamptz not null default now(),
    -- absolute expiry; the idle timeout is checked against last_seen_at
    expires_at   timestamptz not null
);
create index session_user_id_idx on session (user_id);

-- One-time links: set the first password (from `traffino user add`) or reset it.
create table password_token
(
    password_token_id uuid primary key,
    token_hash        bytea       not null constraint password_token_token_hash_key unique,
    user_id           uuid        not null references "user" on delete cascade,
    purpose           text        not null check (purpose in ('set', 'reset')),
    expires_at        timestamptz not null,
    used_at           timestamptz,
    created_at        timestamptz not null default now()
);
create index password_token_user_id_idx on password_token (user_id);

create table audit_log
(
    audit_id   uuid primary key default uuid_v7(),
    table_name text        not null,
    row_id     uuid,
    tenant_id  uuid,
    -- null actor_id means the change did not come through the app: direct SQL, shown as "database"
    actor_id   uuid,
    request_id text,
    client_ip  inet,
    action     text        not null check (action in ('insert', 'update', 'delete')),
    -- {"column": {"old": …, "new": …}} for the changed columns; secrets appear only as "[redacted]"
    diff       jsonb       not null,
    created_at timestamptz not null default now()
);
create index audit_log_tenant_created_idx on audit_log (tenant_id, created_at desc);
create index audit_log_row_idx on audit_log (table_name, row_id, created_at desc);

-- Writes one audit row per changed row. Trigger arguments name the secret columns of the table.
-- security definer: the app role may not write audit_log rows on another's behalf with other values
-- than these, and it runs with a fixed search_path so nothing can be shadowed.
create function audit_row() returns trigger
    language plpgsql
    security definer
    set search_path = public, pg_temp as
$$
declare
    old_row jsonb;
    new_row jsonb;
    any_row jsonb;
    changes jsonb := '{}';
    col     text;
begin
    if tg_op <> 'INSERT' then old_row := to_jsonb(old); end if;
    if tg_op <> 'DELETE' then new_row := to_jsonb(new); end if;
    any_row := coalesce(new_row, old_row);

    for col in select jsonb_object_keys(any_row) loop
        -- bookkeeping columns are noise in a history
        continue when col in ('updated_at', 'last_seen_at');
        continue when tg_op = 'UPDATE' and (old_row -> col) is not distinct from (new_row -> col);
        if col = any (tg_argv) then
            changes := changes || jsonb_build_object(col, jsonb_build_object(
                'old', case when old_row is null or old_row -> col = 'null' then null else '[redacted]' end,
                'new', case when new_row is null or new_row -> col = 'null' then null else '[redacted]' end));
        else
            changes := changes || jsonb_build_object(col, jsonb_build_object(
                'old', old_row -> col, 'new', new_row -> col));
        end if;
    end loop;

    if tg_op = 'UPDATE' and changes = '{}' then
        return null;
    end if;

    insert into audit_log (table_name, row_id, tenant_id, actor_id, request_id, client_ip, action, diff)
    values (tg_table_name,
            (any_row ->> (tg_table_name || '_id'))::uuid,
            (any_row ->> 'tenant_id')::uuid,
            app_user_id(),
            nullif(current_setting('app.request_id', true), ''),
            nullif(current_setting('app.client_ip', true), '')::inet,
            lower(tg_op),
            changes);
    return null;
end;
$$;

create trigger audit after insert or update or delete on tenant
    for each row execute function audit_row();
create trigger audit after insert or update or delete on "user"
    for each row execute function audit_row('password_hash');
create trigger audit after insert or update or delete on session
    for each row execute function audit_row('token_hash');
create trigger audit after insert or update or delete on password_token
    for each row execute function audit_row('token_hash');

-- Row-level security. Forced, so even the owner is subject to it.
alter table tenant enable row level security;
alter table tenant force row level security;
create policy tenant_isolation on tenant
    using (tenant_id = app_tenant_id() or app_is_platform_admin())
    with check (tenant_id = app_tenant_id() or app_is_platform_admin());

alter table audit_log enable row level security;
alter table audit_log force row level security;
create policy audit_log_read on audit_log for select
    using (tenant_id = app_tenant_id() or app_is_platform_admin());
-- Audit rows are written by the trigger for every tenant (and for none); reading is what is scoped.
create policy audit_log_write on audit_log for insert
    with check (true);

-- What the server may do. audit_log: insert and read only, never change or delete.
grant select, insert, update, delete on tenant, "user", session, password_token to traffino_app;
grant select, insert on audit_log to traffino_app;

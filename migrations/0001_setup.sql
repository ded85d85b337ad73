-- Roles, extensions and helpers that every later migration uses.
--
-- Roles are cluster-wide, so this file tolerates them already existing (several databases, e.g. the
-- per-test databases, share one cluster). Two roles:
--   traffino_owner  owns every table and function; nobody logs in as it; migrations `set local role` to it.
--   traffino_app    what the server serves as: owns nothing, no BYPASSRLS, only the grants below.

do $$
begin
    if not exists (select from pg_roles where rolname = 'traffino_owner') then
        create role traffino_owner nologin nosuperuser nobypassrls;
    end if;
exception when duplicate_object or unique_violation then null;
end
$$;

do $$
begin
    if not exists (select from pg_roles where rolname = 'traffino_app') then
        create role traffino_app login nosuperuser nocreatedb nocreaterole nobypassrls;
    end if;
exception when duplicate_object or unique_violation then null;
end
$$;

-- The migrating login must be able to act as the owner (a superuser already can).
do $$
begin
    if not (select rolsuper from pg_roles where rolname = current_user)
       and not pg_has_role(current_user, 'traffino_owner', 'member') then
        execute format('grant traffino_owner to %I', current_user);
    end if;
end
$$;

create extension if not exists citext;

do $$
begin
    execute format('grant connect, create on database %I to traffino_owner', current_database());
    execute format('grant connect on database %I to traffino_app', current_database());
end
$$;
grant usage, create on schema public to traffino_owner;
grant usage on schema public to traffino_app;
-- sqlx records each migration inside its transaction, so while acting as the owner too.
grant select, insert, update on _sqlx_migrations to traffino_owner;
-- /readyz compares the applied migrations with the ones built into the binary.
grant select on _sqlx_migrations to traffino_app;

set local role traffino_owner;

-- Keeps updated_at current (Launchbadge's helper).
create function set_updated_at() returns trigger
    language plpgsql as
$$
begin
    new.updated_at = now();
    return new;
end;
$$;

create function trigger_updated_at(tablename regclass) returns void
    language plpgsql as
$$
begin
    execute format('create trigger set_updated_at before update on %s for each row
        when (old is distinct from new) execute function set_updated_at()', tablename);
end;
$$;

-- UUIDv7 for rows the database makes itself (audit rows). Application rows get their ids from the app.
create function uuid_v7() returns uuid
    language sql volatile as
$$
select encode(
    set_bit(set_bit(
        overlay(uuid_send(gen_random_uuid())
                placing substring(int8send((extract(epoch from clock_timestamp()) * 1000)::bigint) from 3)
                from 1 for 6),
        52, 1), 53, 1),
    'hex')::uuid
$$;

-- The request context, set per transaction by the server with set_config(..., true).
-- Unset (or empty) means: no tenant, no user; tenant tables then return zero rows.
create function app_tenant_id() returns uuid
    language sql stable as
$$ select nullif(current_setting('app.tenant_id', true), '')::uuid $$;

create function app_user_id() returns uuid
    language sql stable as
$$ select nullif(current_setting('app.user_id', true), '')::uuid $$;

create function app_is_platform_admin() returns boolean
    language sql stable as
$$ select coalesce(current_setting('app.platform_admin', true), '') = 'on' $$;

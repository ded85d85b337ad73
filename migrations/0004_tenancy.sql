-- Tenancy: tenant details and archiving, agency staff, memberships with roles, tenant invitations.
-- Every table with tenant_id has RLS forced, with a policy whose USING and WITH CHECK compare to the
-- current tenant (app.tenant_id, set per transaction by the server from a verified membership).
set local role traffino_owner;

-- Is the acting user agency staff (every tenant's content)? Set per transaction like app.user_id.
create function app_is_agency_staff() returns boolean
    language sql stable as
$$ select coalesce(current_setting('app.agency_staff', true), '') = 'on' $$;

alter table tenant
    add column contact_email   citext
        constraint tenant_contact_email_format check (contact_email ~ '^[^@\s]+@[^@\s]+$' and length(contact_email) <= 254),
    add column default_locale  text        not null default 'de'
        constraint tenant_locale_format check (default_locale ~ '^[a-z]{2}(-[A-Z]{2})?$'),
    add column enabled_locales text[]      not null default '{de}',
    add column time_zone       text        not null default 'Europe/Berlin',
    add column settings        jsonb       not null default '{}',
    add column archived_at     timestamptz,
    add constraint tenant_default_locale_enabled check (default_locale = any (enabled_locales));

alter table "user"
    add column is_agency_staff boolean not null default false,
    -- the tenant the switcher opens next time
    add column last_tenant_id  uuid references tenant on delete set null;

create table membership
(
    membership_id uuid primary key,
    tenant_id     uuid        not null references tenant on delete cascade,
    user_id       uuid        not null references "user" on delete cascade,
    role          text        not null check (role in ('owner', 'editor', 'viewer')),
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    constraint membership_tenant_user_key unique (tenant_id, user_id)
);
select trigger_updated_at('membership');
create index membership_user_id_idx on membership (user_id);
create trigger audit after insert or update or delete on membership
    for each row execute function audit_row();

-- Invitations may now be for a tenant, with a role there.
alter table invitation
    add column tenant_id uuid references tenant on delete cascade,
    add column role      text check (role in ('owner', 'editor', 'viewer')),
    add constraint invitation_tenant_role check ((tenant_id is null) = (role is null));
drop index invitation_open_email_key;
create unique index invitation_open_email_key on invitation (email, coalesce(tenant_id, '00000000-0000-0000-0000-000000000000'))
    where accepted_at is null and revoked_at is null;

-- RLS. The tenant policy compares to the current tenant; the read policies below add exactly what the
-- admin needs beyond it, each for a reason of its own.
drop policy tenant_isolation on tenant;
create policy tenant_isolation on tenant
    using (tenant_id = app_tenant_id())
    with check (tenant_id = app_tenant_id());
-- The tenant switcher: members see the tenants they belong to, staff and platform admins all tenants.
create policy tenant_member_read on tenant for select
    using (app_is_platform_admin() or app_is_agency_staff()
           or exists (select from membership m where m.tenant_id = tenant.tenant_id and m.user_id = app_user_id()));

alter table membership enable row level security;
alter table membership force row level security;
create policy tenant_isolation on membership
    using (tenant_id = app_tenant_id())
    with check (tenant_id = app_tenant_id());
-- Authorizing a request needs the caller's own memberships before any tenant is chosen.
create policy membership_own_read on membership for select
    using (user_id = app_user_id());
-- The platform admin's users page shows everyone's memberships.
create policy membership_platform_read on membership for select
    using (app_is_platform_admin());

alter table invitation enable row level security;
alter table invitation force row level security;
create policy tenant_isolation on invitation
    using (tenant_id = app_tenant_id())
    with check (tenant_id = app_tenant_id());
-- Invitations to the platform itself have no tenant; platform admins manage them.
create policy invitation_platform on invitation
    using (tenant_id is null and app_is_platform_admin())
    with check (tenant_id is null and app_is_platform_admin());
-- Whoever holds an invitation link may read that one invitation (to accept it): the token is the proof.
create policy invitation_by_token on invitation for select
    using (token_hash = decode(nullif(current_setting('app.invitation_token', true), ''), 'hex'));

-- The audit log: a tenant reads its own rows; the trigger writes rows of the current tenant, or of
-- no tenant (accounts, sessions). One transaction never acts in two tenants.
drop policy audit_log_read on audit_log;
drop policy audit_log_write on audit_log;
create policy tenant_isolation on audit_log
    using (tenant_id = app_tenant_id())
    with check (tenant_id is null or tenant_id = app_tenant_id());
-- The platform-wide activity view reads every tenant's audit rows.
create policy audit_log_platform_read on audit_log for select
    using (app_is_platform_admin());
-- The audit trigger (security definer, so it acts as the owner) records every change, also direct SQL
-- without any request context.
create policy audit_log_trigger_write on audit_log for insert to traffino_owner
    with check (true);

grant select, insert, update, delete on membership to traffino_app;

-- Platform invitations can make agency staff too.
alter table invitation
    add column is_agency_staff boolean not null default false;

-- Accepting marks the invitation used: allowed to whoever holds its link, for that one row.
create policy invitation_accept_by_token on invitation for update
    using (token_hash = decode(nullif(current_setting('app.invitation_token', true), ''), 'hex'))
    with check (token_hash = decode(nullif(current_setting('app.invitation_token', true), ''), 'hex'));


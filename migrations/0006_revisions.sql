-- Revisions: every save of a page keeps a snapshot of what the page was after it (settings and texts
-- per language). Revisions are never changed: the app role may only add and read them.
set local role traffino_owner;

create table page_revision
(
    page_revision_id uuid primary key,
    tenant_id        uuid        not null,
    page_id          uuid        not null,
    -- 1, 2, 3 … per page
    number           integer     not null,
    -- the page version this revision is
    version          integer     not null,
    snapshot         jsonb       not null,
    -- what made it, when not a plain save (e.g. a restore)
    note             text,
    created_by       uuid references "user" on delete set null,
    created_at       timestamptz not null default now(),
    constraint page_revision_page_fkey foreign key (tenant_id, page_id) references page (tenant_id, page_id) on delete cascade,
    constraint page_revision_number_key unique (page_id, number)
);
create index page_revision_page_idx on page_revision (page_id, number desc);
create trigger audit after insert or update or delete on page_revision
    for each row execute function audit_row();

alter table page_revision enable row level security;
alter table page_revision force row level security;
create policy tenant_isolation on page_revision
    using (tenant_id = app_tenant_id())
    with check (tenant_id = app_tenant_id());
grant select, insert on page_revision to traffino_app;

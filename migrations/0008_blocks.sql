-- Blocks: the typed, ordered parts of a page. Settings (one value for every language) are JSON here;
-- the texts that translate are rows of field_text whose record is the block (field and language per
-- row), so that translation provenance can later be kept per field and language.
set local role traffino_owner;

create table block
(
    block_id   uuid primary key,
    tenant_id  uuid        not null,
    page_id    uuid        not null,
    position   integer     not null check (position >= 0),
    kind       text        not null check (kind in ('heading', 'rich_text', 'call_to_action', 'embed', 'columns', 'contact_form')),
    settings   jsonb       not null default '{}' check (jsonb_typeof(settings) = 'object' and length(settings::text) <= 10000),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint block_page_fkey foreign key (tenant_id, page_id) references page (tenant_id, page_id) on delete cascade
);
select trigger_updated_at('block');
create index block_page_idx on block (page_id, position);
create trigger audit after insert or update or delete on block
    for each row execute function audit_row();

-- A block's texts go with it.
create function block_delete_texts() returns trigger
    language plpgsql as
$$
begin
    delete from field_text where record_id = old.block_id and tenant_id = old.tenant_id;
    return old;
end
$$;
create trigger block_delete_texts after delete on block
    for each row execute function block_delete_texts();

alter table block enable row level security;
alter table block force row level security;
create policy tenant_isolation on block
    using (tenant_id = app_tenant_id())
    with check (tenant_id = app_tenant_id());
grant select, insert, update, delete on block to traffino_app;

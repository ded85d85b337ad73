-- Media: a tenant's files (images, SVG, PDF). The file itself lives under
-- $TRAFFINO_DATA_DIR/media/<tenant>/<sha256>.<ext>; a tenant has each content once (dedup by hash).
-- Alt text and caption translate: rows of field_text whose record is the media file.
-- Where a file is used is kept in foreign keys (block_media, page_locale.social_image_id,
-- site.logo_media_id), so the database itself refuses to delete a file in use.
set local role traffino_owner;

create table media
(
    media_id        uuid primary key,
    tenant_id       uuid        not null references tenant on delete cascade,
    sha256          text        not null check (sha256 ~ '^[0-9a-f]{64}$'),
    kind            text        not null check (kind in ('image', 'svg', 'pdf')),
    mime            text        not null check (mime in ('image/jpeg', 'image/png', 'image/gif', 'image/webp',
                                                         'image/svg+xml', 'application/pdf')),
    ext             text        not null check (ext in ('jpg', 'png', 'gif', 'webp', 'svg', 'pdf')),
    -- the name it was uploaded with, for people; never used as a path
    file_name       text        not null check (length(file_name) between 1 and 200),
    byte_size       bigint      not null check (byte_size > 0),
    width           integer check (width > 0),
    height          integer check (height > 0),
    -- where the subject is, in percent from the left and the top (crops keep it in view)
    focal_x         smallint    not null default 50 check (focal_x between 0 and 100),
    focal_y         smallint    not null default 50 check (focal_y between 0 and 100),
    -- responsive variants: 'pending' until the job made them, then the widths that exist
    variants_state  text        not null default 'none' check (variants_state in ('none', 'pending', 'ready', 'failed')),
    variant_widths  integer[]   not null default '{}',
    created_by      uuid references "user" on delete set null,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    constraint media_tenant_sha256_key unique (tenant_id, sha256),
    constraint media_tenant_media_key unique (tenant_id, media_id)
);
select trigger_updated_at('media');
create index media_tenant_created_idx on media (tenant_id, created_at desc);
create trigger audit after insert or update or delete on media
    for each row execute function audit_row();

-- A record's texts go with it: one trigger function for pages, blocks and media files, given the
-- name of the record's id column (it replaces the per-table functions of 0005 and 0008).
create function delete_field_texts() returns trigger
    language plpgsql as
$$
begin
    delete from field_text
    where record_id = (to_jsonb(old) ->> tg_argv[0])::uuid and tenant_id = old.tenant_id;
    return old;
end
$$;
drop trigger page_delete_texts on page;
drop function page_delete_texts();
create trigger page_delete_texts after delete on page
    for each row execute function delete_field_texts('page_id');
drop trigger block_delete_texts on block;
drop function block_delete_texts();
create trigger block_delete_texts after delete on block
    for each row execute function delete_field_texts('block_id');
create trigger media_delete_texts after delete on media
    for each row execute function delete_field_texts('media_id');

-- Which blocks show which files (image, gallery, hero), written with the blocks.
create table block_media
(
    tenant_id uuid    not null,
    block_id  uuid    not null references block on delete cascade,
    media_id  uuid    not null,
    position  integer not null default 0,
    primary key (block_id, media_id),
    constraint block_media_media_fkey foreign key (tenant_id, media_id) references media (tenant_id, media_id)
);
create index block_media_media_idx on block_media (media_id);
create trigger audit after insert or update or delete on block_media
    for each row execute function audit_row();

alter table block drop constraint block_kind_check;
alter table block add constraint block_kind_check
    check (kind in ('heading', 'rich_text', 'call_to_action', 'embed', 'columns', 'contact_form',
                    'image', 'gallery', 'hero'));

-- The picture shown when a page is shared, per language.
alter table page_locale
    add column social_image_id uuid,
    add constraint page_locale_social_image_fkey foreign key (tenant_id, social_image_id)
        references media (tenant_id, media_id);
create index page_locale_social_image_idx on page_locale (social_image_id) where social_image_id is not null;

-- The site's logo.
alter table site
    add column logo_media_id uuid,
    add constraint site_logo_fkey foreign key (tenant_id, logo_media_id) references media (tenant_id, media_id);
create index site_logo_idx on site (logo_media_id) where logo_media_id is not null;

-- A tenant's table: row-level security on its tenant_id (forced, so the owner is held to it too) and
-- the app role's grants. The migrations before this one spell the same four statements out in a loop;
-- new tables call this.
create function tenant_table(tablename regclass) returns void
    language plpgsql as
$$
begin
    execute format('alter table %s enable row level security', tablename);
    execute format('alter table %s force row level security', tablename);
    execute format('create policy tenant_isolation on %s using (tenant_id = app_tenant_id())'
                       ' with check (tenant_id = app_tenant_id())', tablename);
    execute format('grant select, insert, update, delete on %s to traffino_app', tablename);
end;
$$;
revoke execute on function tenant_table(regclass) from public;
select tenant_table('media');
select tenant_table('block_media');

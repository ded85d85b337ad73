-- Content: sites, the page tree, and translatable text.
--
-- Translatable text lives in one table, `field_text`: one row per (record, field, locale). A page's
-- title and SEO texts are fields of the page; later block texts, menu labels and media alt texts are
-- fields of their records. The translation capability adds its provenance (source hash, machine
-- output, state) as columns of this one table, for every kind of record at once.
set local role traffino_owner;

create table site
(
    site_id          uuid primary key,
    tenant_id        uuid        not null references tenant on delete cascade,
    name             text        not null check (length(name) between 1 and 200),
    -- host names the site answers on, e.g. {www.example.org, example.org}
    domains          text[]      not null default '{}',
    default_locale   text        not null check (default_locale ~ '^[a-z]{2}(-[A-Z]{2})?$'),
    enabled_locales  text[]      not null,
    -- colours and fonts (from a safe list, checked by the application)
    theme            jsonb       not null default '{}',
    -- the Cloudflare Pages project the site is published to
    pages_project    text check (pages_project ~ '^[a-z0-9]([a-z0-9-]{0,56}[a-z0-9])?$'),
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    constraint site_default_locale_enabled check (default_locale = any (enabled_locales)),
    constraint site_tenant_name_key unique (tenant_id, name),
    -- lets page and field_text reference (tenant_id, site_id) so a row can never point into another tenant
    constraint site_tenant_site_key unique (tenant_id, site_id)
);
select trigger_updated_at('site');
create trigger audit after insert or update or delete on site
    for each row execute function audit_row();

create table page
(
    page_id      uuid primary key,
    tenant_id    uuid        not null,
    site_id      uuid        not null,
    parent_id    uuid,
    -- order among siblings; gaps are fine
    position     integer     not null default 0,
    status       text        not null default 'draft' check (status in ('draft', 'published')),
    show_in_menu boolean     not null default true,
    -- optimistic locking: every save names the version it started from and gets the next one
    version      integer     not null default 1,
    -- set when the page is in the trash (with its subtree)
    deleted_at   timestamptz,
    created_by   uuid references "user" on delete set null,
    updated_by   uuid references "user" on delete set null,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    constraint page_tenant_page_key unique (tenant_id, page_id),
    constraint page_site_fkey foreign key (tenant_id, site_id) references site (tenant_id, site_id) on delete cascade,
    constraint page_parent_fkey foreign key (tenant_id, parent_id) references page (tenant_id, page_id) on delete cascade,
    constraint page_not_own_parent check (parent_id is distinct from page_id)
);
select trigger_updated_at('page');
create index page_site_idx on page (site_id, parent_id, position);
create index page_parent_idx on page (parent_id);
create trigger audit after insert or update or delete on page
    for each row execute function audit_row();

-- A page can never become its own ancestor, and a parent is in the same site.
create function page_check_parent() returns trigger
    language plpgsql as
$$
begin
    if new.parent_id is null then
        return new;
    end if;
    if not exists (select from page p where p.page_id = new.parent_id and p.site_id = new.site_id) then
        raise exception 'the parent page is in another site'
            using errcode = '23514', constraint = 'page_parent_same_site';
    end if;
    if exists (with recursive up as (select p.page_id, p.parent_id from page p where p.page_id = new.parent_id
                                     union all
                                     select p.page_id, p.parent_id from page p join up on p.page_id = up.parent_id)
               select from up where up.page_id = new.page_id) then
        raise exception 'a page cannot move below itself'
            using errcode = '23514', constraint = 'page_no_cycle';
    end if;
    return new;
end
$$;
create trigger page_check_parent before insert or update of parent_id, site_id on page
    for each row execute function page_check_parent();

-- The legal pages a German site must have (the admin warns until both are set).
alter table site
    add column impressum_page_id uuid,
    add column privacy_page_id   uuid,
    add constraint site_impressum_fkey foreign key (tenant_id, impressum_page_id)
        references page (tenant_id, page_id) on delete set null (impressum_page_id),
    add constraint site_privacy_fkey foreign key (tenant_id, privacy_page_id)
        references page (tenant_id, page_id) on delete set null (privacy_page_id);

-- A page in a language: its address there. Slugs are unique per site and language.
create table page_locale
(
    page_locale_id uuid primary key,
    tenant_id      uuid        not null,
    site_id        uuid        not null,
    page_id        uuid        not null,
    locale         text        not null check (locale ~ '^[a-z]{2}(-[A-Z]{2})?$'),
    slug           text        not null check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 100),
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    constraint page_locale_page_fkey foreign key (tenant_id, page_id) references page (tenant_id, page_id) on delete cascade,
    constraint page_locale_site_fkey foreign key (tenant_id, site_id) references site (tenant_id, site_id) on delete cascade,
    constraint page_locale_page_locale_key unique (page_id, locale),
    constraint page_locale_slug_key unique (tenant_id, site_id, locale, slug)
);
select trigger_updated_at('page_locale');
create trigger audit after insert or update or delete on page_locale
    for each row execute function audit_row();

-- Translatable text: one row per record, field and language. `record_id` is the id of the page (later:
-- block, menu item, media file) the text belongs to.
create table field_text
(
    field_text_id uuid primary key,
    tenant_id     uuid        not null references tenant on delete cascade,
    record_id     uuid        not null,
    field         text        not null check (field ~ '^[a-z][a-z0-9_]{0,62}$'),
    locale        text        not null check (locale ~ '^[a-z]{2}(-[A-Z]{2})?$'),
    value         text        not null check (length(value) <= 100000),
    updated_by    uuid references "user" on delete set null,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    constraint field_text_record_field_locale_key unique (record_id, field, locale)
);
select trigger_updated_at('field_text');
create trigger audit after insert or update or delete on field_text
    for each row execute function audit_row();

-- Texts of a page go with it (the trash keeps them; deleting for good removes them).
create function page_delete_texts() returns trigger
    language plpgsql as
$$
begin
    delete from field_text where record_id = old.page_id and tenant_id = old.tenant_id;
    return old;
end
$$;
create trigger page_delete_texts after delete on page
    for each row execute function page_delete_texts();

do
$$
    declare
        t text;
    begin
        foreach t in array array ['site', 'page', 'page_locale', 'field_text']
            loop
                execute format('alter table %I enable row level security', t);
                execute format('alter table %I force row level security', t);
                execute format('create policy tenant_isolation on %I using (tenant_id = app_tenant_id())'
                                   ' with check (tenant_id = app_tenant_id())', t);
                execute format('grant select, insert, update, delete on %I to traffino_app', t);
            end loop;
    end
$$;

-- Navigation: a header and a footer menu per site and language. An item links a page of the site or an
-- address (https, mailto, tel, or a path); its label is in the menu's language.
set local role traffino_owner;

create table menu_item
(
    menu_item_id uuid primary key,
    tenant_id    uuid        not null,
    site_id      uuid        not null,
    menu         text        not null check (menu in ('header', 'footer')),
    locale       text        not null check (locale ~ '^[a-z]{2}(-[A-Z]{2})?$'),
    position     integer     not null default 0,
    -- empty: the page's title in this language
    label        text        not null default '' check (length(label) <= 100),
    page_id      uuid,
    url          text check (length(url) <= 2000),
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    constraint menu_item_site_fkey foreign key (tenant_id, site_id) references site (tenant_id, site_id) on delete cascade,
    constraint menu_item_page_fkey foreign key (tenant_id, page_id) references page (tenant_id, page_id) on delete cascade,
    constraint menu_item_one_target check ((page_id is null) <> (url is null)),
    constraint menu_item_url_label check (url is null or label <> '')
);
select trigger_updated_at('menu_item');
create index menu_item_menu_idx on menu_item (site_id, menu, locale, position);
create trigger audit after insert or update or delete on menu_item
    for each row execute function audit_row();

alter table menu_item enable row level security;
alter table menu_item force row level security;
create policy tenant_isolation on menu_item
    using (tenant_id = app_tenant_id())
    with check (tenant_id = app_tenant_id());
grant select, insert, update, delete on menu_item to traffino_app;

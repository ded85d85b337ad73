-- Accounts: the second factor by e-mail, remembered devices, invitations, security events (which are
-- also the state of the rate limits), the mail outbox and the job queue that delivers it.
set local role traffino_owner;

-- A login that has passed the password and waits for the code from the e-mail. The browser holds a
-- random token in its own cookie; only its hash is here. The code is stored only as
-- sha256(login_challenge_id || ':' || code): it is bound to this attempt and cannot be used in another.
create table login_challenge
(
    login_challenge_id uuid primary key,
    token_hash         bytea       not null constraint login_challenge_token_hash_key unique,
    user_id            uuid        not null references "user" on delete cascade,
    code_hash          bytea,
    code_expires_at    timestamptz,
    -- tries at the current code; counted before the comparison, so parallel guesses all count
    code_attempts      integer     not null default 0,
    codes_sent         integer     not null default 0,
    last_code_sent_at  timestamptz,
    user_agent         text        not null default '',
    client_ip          inet,
    created_at         timestamptz not null default now(),
    expires_at         timestamptz not null
);
create index login_challenge_user_id_idx on login_challenge (user_id);

-- "Remember this device for 30 days": skips the code, never the password.
create table trusted_device
(
    trusted_device_id uuid primary key,
    token_hash        bytea       not null constraint trusted_device_token_hash_key unique,
    user_id           uuid        not null references "user" on delete cascade,
    user_agent        text        not null default '',
    client_ip         inet,
    created_at        timestamptz not null default now(),
    last_seen_at      timestamptz not null default now(),
    expires_at        timestamptz not null
);
create index trusted_device_user_id_idx on trusted_device (user_id);

-- An invitation by e-mail. The account is created when the link is used (name and password).
create table invitation
(
    invitation_id     uuid primary key,
    email             citext      not null
        constraint invitation_email_format check (email ~ '^[^@\s]+@[^@\s]+$' and length(email) <= 254),
    is_platform_admin boolean     not null default false,
    -- the language of the mails and of the new account
    locale            text        not null default 'de' check (locale in ('de', 'en')),
    invited_by        uuid        references "user" on delete set null,
    token_hash        bytea       not null constraint invitation_token_hash_key unique,
    expires_at        timestamptz not null,
    sent_count        integer     not null default 1,
    accepted_at       timestamptz,
    revoked_at        timestamptz,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now()
);
select trigger_updated_at('invitation');
-- At most one open invitation per address; inviting again resends it.
create unique index invitation_open_email_key on invitation (email) where accepted_at is null and revoked_at is null;

-- What happened to accounts: logins, failures, codes, password changes, revocations, disables.
-- Append-only (the app may insert and read, never change or delete), and the memory of the rate
-- limits, so that several server processes agree. `email` is the address that was tried, also for
-- unknown accounts. Times come from the application's clock.
create table security_event
(
    security_event_id uuid primary key,
    kind              text        not null,
    user_id           uuid        references "user" on delete set null,
    email             citext,
    -- who did it when that is someone else than the user (an admin disabling an account)
    actor_id          uuid        references "user" on delete set null,
    client_ip         inet,
    user_agent        text        not null default '',
    detail            jsonb       not null default '{}',
    created_at        timestamptz not null
);
create index security_event_created_idx on security_event (created_at desc);
create index security_event_email_idx on security_event (email, created_at desc);
create index security_event_ip_idx on security_event (client_ip, created_at desc);
create index security_event_user_idx on security_event (user_id, created_at desc);

-- Outgoing mail. The body holds secrets (codes, links), so it is stored encrypted with the server's
-- key (XChaCha20-Poly1305): nothing readable in the database or its backups is a live token.
create table mail
(
    mail_id             uuid primary key,
    kind                text        not null,
    to_email            citext      not null,
    locale              text        not null check (locale in ('de', 'en')),
    subject             text        not null,
    body_enc            bytea,
    status              text        not null default 'queued' check (status in ('queued', 'sent', 'failed')),
    attempts            integer     not null default 0,
    last_error          text,
    provider_message_id text,
    created_at          timestamptz not null,
    sent_at             timestamptz,
    updated_at          timestamptz not null default now()
);
select trigger_updated_at('mail');
create index mail_created_idx on mail (created_at desc);

-- Background work. Workers claim due jobs with FOR UPDATE SKIP LOCKED, so several processes can run
-- them; a claim is a lease that another worker may take over when it runs out (a crashed process).
create table job
(
    job_id       uuid primary key,
    kind         text        not null,
    payload      jsonb       not null default '{}',
    status       text        not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
    attempts     integer     not null default 0,
    max_attempts integer     not null default 10,
    run_at       timestamptz not null,
    locked_until timestamptz,
    last_error   text,
    created_at   timestamptz not null,
    finished_at  timestamptz,
    updated_at   timestamptz not null default now()
);
select trigger_updated_at('job');
create index job_due_idx on job (run_at) where status in ('queued', 'running');

create trigger audit after insert or update or delete on login_challenge
    for each row execute function audit_row('token_hash', 'code_hash');
create trigger audit after insert or update or delete on trusted_device
    for each row execute function audit_row('token_hash');
create trigger audit after insert or update or delete on invitation
    for each row execute function audit_row('token_hash');
create trigger audit after insert or update or delete on mail
    for each row execute function audit_row('body_enc');
create trigger audit after insert or update or delete on job
    for each row execute function audit_row();

grant select, insert, update, delete on login_challenge, trusted_device, invitation, mail, job to traffino_app;
-- security_event is a log, like audit_log: insert and read only.
grant select, insert on security_event to traffino_app;

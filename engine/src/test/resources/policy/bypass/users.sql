# Other users: bob (owners) sees his own rows (owner = current_user()) with card NULL and email masked; carol and
# dave are in no group with access; erin is an analyst like alice.

== bob/own-rows
user: bob
sql: SELECT id, name, card, email FROM vault.accounts
expect: same-as SELECT id, name, card, email FROM vault_ref.accounts_bob

== bob/count
user: bob
sql: SELECT count(*) AS n FROM vault.accounts
expect: same-as SELECT count(*) AS n FROM vault_ref.accounts_bob

== bob/who-am-i
user: bob
sql: SELECT current_user(), session_user(), user()
expect: rows
row: bob | bob | bob

== bob/who-am-i-without-parentheses
user: bob
sql: SELECT current_user AS u
expect: rows
row: bob

== bob/other-owner
user: bob
sql: SELECT id FROM vault.accounts WHERE owner = 'alice'
expect: rows

== bob/raw-balance-of-own-rows
user: bob
sql: SELECT id, balance, pin FROM vault.accounts
expect: same-as SELECT id, balance, pin FROM vault_ref.accounts_bob

== bob/card-null-mask
user: bob
sql: SELECT id FROM vault.accounts WHERE card IS NOT NULL
expect: rows

== bob/email-mask-predicate
user: bob
sql: SELECT id FROM vault.accounts WHERE email LIKE 'berta%'
expect: rows

== bob/denied-column
user: bob
sql: SELECT secret FROM vault.accounts
expect: refused

== bob/star
user: bob
sql: SELECT * FROM vault.accounts
expect: refused

== bob/view
user: bob
sql: SELECT id, name, card FROM vault.accounts_eu_v
expect: same-as SELECT id, name, card FROM vault_ref.accounts_bob

== bob/view-made-by-admin-in-open-database
user: bob
sql: SELECT id, name, card FROM vault_open.pv_admin
expect: same-as SELECT id, name, card FROM vault_ref.accounts_bob

== bob/locked
user: bob
sql: SELECT id FROM vault.locked
expect: refused

== bob/join
user: bob
sql: SELECT l.id, a.name FROM vault.ledger l JOIN vault.accounts a ON a.id = l.account_id
expect: same-as SELECT l.id, a.name FROM vault.ledger l JOIN vault_ref.accounts_bob a ON a.id = l.account_id

== bob/group-by-owner
user: bob
sql: SELECT owner, count(*) AS n FROM vault.accounts GROUP BY owner
expect: same-as SELECT owner, count(*) AS n FROM vault_ref.accounts_bob GROUP BY owner

== bob/nested-comment
user: bob
sql: SELECT 1 AS x /* /* */ -- */ , name FROM vault.accounts
expect: same-as SELECT 1 AS x, name FROM vault_ref.accounts_bob

== bob/time-travel
user: bob
sql: SELECT id, name FROM vault.accounts VERSION AS OF {{FIRST_SNAPSHOT}}
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_bob WHERE id IN (1, 2, 3, 7770004)

== bob/metadata
user: bob
sql: SELECT * FROM vault.accounts.files
expect: refused

== bob/shadow-current-user
user: bob
setup: CREATE OR REPLACE TEMPORARY FUNCTION current_user() RETURNS STRING RETURN 'alice'
sql: SELECT id, name FROM vault.accounts
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_bob
control: Spark refuses to replace current_user with a SQL function, for everyone

== bob/identifier
user: bob
sql: SELECT id, name FROM IDENTIFIER('vault.accounts')
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_bob

== bob/global-temp-view-of-admin
user: bob
sql: SELECT id, name FROM global_temp.admin_gv
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_bob

== bob/cast-error
user: bob
setup: SET spark.sql.ansi.enabled=true
sql: SELECT CAST(email AS INT) FROM vault.accounts WHERE id = 2
expect: refused

== carol/table
user: carol
sql: SELECT id FROM vault.accounts
expect: refused

== carol/count
user: carol
sql: SELECT count(*) FROM vault.accounts
expect: refused

== carol/open-table
user: carol
sql: SELECT id FROM vault.ledger
expect: refused

== carol/view
user: carol
sql: SELECT id FROM vault.accounts_eu_v
expect: refused

== carol/metadata
user: carol
sql: SELECT * FROM vault.accounts.snapshots
expect: refused

== carol/write-open-database
user: carol
sql: CREATE OR REPLACE TABLE vault_open.carol1 (id INT) USING iceberg
expect: refused

== carol/show-tables
user: carol
sql: SHOW TABLES IN vault
expect: refused-or-hides accounts

== carol/show-databases
user: carol
sql: SHOW DATABASES
expect: refused-or-hides vault

== carol/identifier
user: carol
sql: SELECT id FROM IDENTIFIER('vault.accounts')
expect: refused

== carol/global-temp-view-of-admin
user: carol
sql: SELECT id FROM global_temp.admin_gv
expect: refused

== carol/describe
user: carol
sql: DESCRIBE TABLE vault.accounts
expect: refused

== carol/exists
user: carol
sql: SELECT EXISTS (SELECT 1 FROM vault.accounts WHERE region = 'APAC') AS e
expect: refused

== dave/table
user: dave
sql: SELECT id FROM vault.accounts
expect: refused

== erin/analyst-sees-the-analysts-view
user: erin
sql: SELECT id, name, card FROM vault.accounts
expect: same-as SELECT id, name, card FROM vault_ref.accounts_alice

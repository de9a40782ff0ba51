# Other users: bob (owners) sees his own rows (owner = current_user()) with card NULL and email masked; carol and
# dave are in no group with access; erin is an analyst like alice.

== bob/own-rows
user: bob
sql: SELECT id, name, card, email FROM vault.accounts
expect: same-as SELECT id, name, card, email FROM vault_ref.accounts_bob

== bob/who-am-i
user: bob
sql: SELECT current_user(), session_user(), user()
expect: rows
row: bob | bob | bob

== bob/other-owner
user: bob
sql: SELECT id FROM vault.accounts WHERE owner = 'alice'
expect: rows

== bob/card-null-mask
user: bob
sql: SELECT id FROM vault.accounts WHERE card IS NOT NULL
expect: rows

== bob/denied-column
user: bob
sql: SELECT secret FROM vault.accounts
expect: refused

== bob/view
user: bob
sql: SELECT id, name, card FROM vault.accounts_eu_v
expect: same-as SELECT id, name, card FROM vault_ref.accounts_bob

== bob/locked
user: bob
sql: SELECT id FROM vault.locked
expect: refused

== bob/group-by-owner
user: bob
sql: SELECT owner, count(*) AS n FROM vault.accounts GROUP BY owner
expect: same-as SELECT owner, count(*) AS n FROM vault_ref.accounts_bob GROUP BY owner

== bob/time-travel
user: bob
sql: SELECT id, name FROM vault.accounts VERSION AS OF {{FIRST_SNAPSHOT}}
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_bob WHERE id IN (1, 2, 3, 7770004)

== bob/shadow-current-user
user: bob
setup: CREATE OR REPLACE TEMPORARY FUNCTION current_user() RETURNS STRING RETURN 'alice'
sql: SELECT id, name FROM vault.accounts
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_bob
control: Spark refuses to replace current_user with a SQL function, for everyone

== bob/global-temp-view-of-admin
user: bob
sql: SELECT id, name FROM global_temp.admin_gv
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_bob

== carol/table
user: carol
sql: SELECT id FROM vault.accounts
expect: refused

== carol/open-table
user: carol
sql: SELECT id FROM vault.ledger
expect: refused

== carol/metadata
user: carol
sql: SELECT * FROM vault.accounts.snapshots
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

== carol/describe
user: carol
sql: DESCRIBE TABLE vault.accounts
expect: refused

== dave/table
user: dave
sql: SELECT id FROM vault.accounts
expect: refused

== erin/analyst-sees-the-analysts-view
user: erin
sql: SELECT id, name, card FROM vault.accounts
expect: same-as SELECT id, name, card FROM vault_ref.accounts_alice

# Views over the protected table (persistent Iceberg views made by admin, temporary views, cached relations), SQL
# functions that read it or that shadow the functions the rewrite uses, and DESCRIBE/SHOW.

== view/masked-columns
user: alice
sql: SELECT id, name, card FROM vault.accounts_eu_v
expect: same-as SELECT id, name, card FROM vault_ref.accounts_alice

== view/table-statement
user: alice
sql: TABLE vault.accounts_eu_v
expect: same-as SELECT id, name, card, region FROM vault_ref.accounts_alice

== view/defined-with-star-read-with-star
user: alice
sql: SELECT * FROM vault.accounts_star_v
expect: refused

== view/denied-column-view
user: alice
sql: SELECT id, secret FROM vault.accounts_secret_v
expect: refused

== view/aggregates
user: alice
sql: SELECT region, n, total, top_pin FROM vault.accounts_agg_v
expect: same-as SELECT region, count(*) AS n, sum(balance) AS total, max(pin) AS top_pin FROM vault_ref.accounts_alice GROUP BY region

== view/of-view
user: alice
sql: SELECT id, name FROM vault.accounts_vv
expect: same-as SELECT id, name FROM vault_ref.accounts_alice

== view/join-view
user: alice
sql: SELECT id, entry, name, balance FROM vault.join_v
expect: same-as SELECT l.id, l.name AS entry, a.name, a.balance FROM vault.ledger l JOIN vault_ref.accounts_alice a ON a.id = l.account_id

== view/upper-case-name
user: alice
sql: SELECT id, name FROM VAULT.ACCOUNTS_EU_V
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice
control: Iceberg's JDBC catalog matches names with their case, so admin's Spark finds no such table; the gateway may refuse, or read the table it names case-insensitively, filtered and masked

== view/after-use
user: alice
setup: USE vault
sql: SELECT id, name FROM accounts_eu_v
expect: same-as SELECT id, name FROM vault_ref.accounts_alice

== view/in-subquery
user: alice
sql: SELECT id FROM vault.ledger WHERE account_id IN (SELECT id FROM vault.accounts_us_v)
expect: rows

== view/self-join-two-views
user: alice
sql: SELECT a.id, b.name FROM vault.accounts_eu_v a JOIN vault.accounts_vv b ON a.id = b.id
expect: same-as SELECT a.id, b.name FROM vault_ref.accounts_alice a JOIN vault_ref.accounts_alice b ON a.id = b.id

== view/time-travel-through-view-name
user: alice
sql: SELECT id, name FROM vault.accounts_eu_v WHERE id IN (SELECT id FROM vault.accounts VERSION AS OF {{FIRST_SNAPSHOT}})
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice WHERE id IN (1, 2, 3, 7770004)

== view/persistent-star-over-protected-made-by-user
user: alice
setup: DROP VIEW IF EXISTS vault_open.pv_alice_star
setup: CREATE VIEW vault_open.pv_alice_star AS SELECT * FROM vault.accounts
sql: SELECT id, name FROM vault_open.pv_alice_star
expect: refused

== view/drop-protected-view
user: alice
sql: DROP VIEW vault.accounts_eu_v
expect: refused
destructive: drops a view of the fixture

== temp/view-over-protected
user: alice
setup: CREATE OR REPLACE TEMPORARY VIEW tv1 AS SELECT id, name FROM vault.accounts
sql: SELECT id, name FROM tv1
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== temp/view-shadows-table-name
user: alice
setup: CREATE OR REPLACE TEMPORARY VIEW accounts AS SELECT id, name FROM vault.ledger
setup: USE vault
sql: SELECT id, name FROM accounts
expect: refused-or-same-as SELECT id, name FROM vault.ledger
control: temporary views may be refused (issue 8); the temporary view shadows the table, so only the open table is read

== temp/view-dropped-by-drop-table
user: alice
setup: CREATE OR REPLACE TEMPORARY VIEW accounts AS SELECT id, name FROM vault.ledger
setup: USE vault
setup: DROP TABLE accounts
sql: SELECT id, name FROM accounts
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice
destructive: DROP TABLE accounts drops the temporary view, and the table if the gateway misreads it

== temp/view-replaced
user: alice
setup: CREATE OR REPLACE TEMPORARY VIEW tv3 AS SELECT id, name FROM vault.ledger
setup: CREATE OR REPLACE TEMPORARY VIEW tv3 AS SELECT id, name FROM vault.accounts
sql: SELECT id, name FROM tv3
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== temp/view-with-column-list
user: alice
setup: CREATE OR REPLACE TEMPORARY VIEW tv6 (a, b) AS SELECT id, card FROM vault.accounts
sql: SELECT a, b FROM tv6
expect: refused-or-same-as SELECT id AS a, card AS b FROM vault_ref.accounts_alice

== cache/table-as-select
user: alice
setup: CACHE TABLE cached_acc AS SELECT id, name FROM vault.accounts
sql: SELECT id, name FROM cached_acc
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== cache/protected-table-then-read
user: alice
setup: CACHE TABLE vault.accounts
sql: SELECT id, name FROM vault.accounts
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== function/scalar-reads-table
user: alice
setup: CREATE OR REPLACE TEMPORARY FUNCTION top_name() RETURNS STRING RETURN (SELECT max(name) FROM vault.accounts)
sql: SELECT top_name() AS n
expect: refused-or-same-as SELECT max(name) AS n FROM vault_ref.accounts_alice

== function/reads-denied-column
user: alice
setup: CREATE OR REPLACE TEMPORARY FUNCTION top_secret() RETURNS STRING RETURN (SELECT max(secret) FROM vault.accounts)
sql: SELECT top_secret() AS s
expect: refused

== describe/readable-view
user: alice
sql: DESCRIBE TABLE vault.accounts_eu_v
expect: same-as DESCRIBE TABLE vault.accounts_eu_v
control: DESCRIBE of a readable view shows what admin sees (masks keep names and types)

== describe/table-with-denied-column
user: alice
sql: DESCRIBE TABLE vault.accounts
expect: refused-or-hides secret

== describe/extended-table-with-denied-column
user: alice
sql: DESCRIBE TABLE EXTENDED vault.accounts
expect: refused-or-hides secret

== describe/denied-column
user: alice
sql: DESCRIBE TABLE vault.accounts secret
expect: refused

== describe/locked-table
user: alice
sql: DESCRIBE TABLE vault.locked
expect: refused

== describe/query
user: alice
sql: DESCRIBE QUERY SELECT secret FROM vault.accounts
expect: refused

== show/columns-with-denied-column
user: alice
sql: SHOW COLUMNS IN vault.accounts
expect: refused-or-hides secret

== show/create-table-with-denied-column
user: alice
sql: SHOW CREATE TABLE vault.accounts
expect: refused-or-hides secret

== show/create-table-locked
user: alice
sql: SHOW CREATE TABLE vault.locked
expect: refused

== show/tables-of-unreadable-database
user: alice
sql: SHOW TABLES IN vault_ref
expect: refused-or-hides accounts_alice

== show/views-of-unreadable-database
user: carol
sql: SHOW VIEWS IN vault
expect: refused-or-hides accounts_eu_v

== view/denied-column-through-view
user: alice
sql: SELECT secret FROM vault.accounts_star_v
expect: refused

== temp/view-over-protected-star
user: alice
setup: CREATE OR REPLACE TEMPORARY VIEW tv2 AS SELECT * FROM vault.accounts
sql: SELECT id FROM tv2
expect: refused

# Controls: statements that read nothing protected, or allowed columns without masks, must work for restricted
# users and give what admin gets.

== control/select-one
user: alice
sql: SELECT 1 AS one
expect: rows
row: 1
control: reads no table

== control/range
user: alice
sql: SELECT count(*) AS n, sum(id) AS s FROM range(10)
expect: rows
row: 10 | 45
control: a table function that reads no table

== control/range-with-step
user: alice
sql: SELECT id FROM range(0, 6, 2)
expect: rows
row: 0
row: 2
row: 4
control: a table function that reads no table

== control/range-for-carol
user: carol
sql: SELECT id FROM range(3)
expect: rows
row: 0
row: 1
row: 2
control: reads no table, so even a user without any access may run it

== control/values
user: alice
sql: SELECT * FROM VALUES (1, 'a'), (2, 'b') AS t(x, y)
expect: refused-or-rows
row: 1 | a
row: 2 | b
control: FROM VALUES and TABLESAMPLE are forms the gateway may refuse (issue 8); reads no table

== control/functions
user: alice
sql: SELECT upper('abc') AS u, length('xyz') AS n, explode(array(1, 2)) AS e
expect: rows
row: ABC | 3 | 1
row: ABC | 3 | 2
control: reads no table

== control/cte-without-tables
user: alice
sql: WITH x AS (SELECT 1 AS a) SELECT a FROM x
expect: rows
row: 1
control: reads no table

== control/open-table-star
user: alice
sql: SELECT * FROM vault.ledger
expect: same-as SELECT * FROM vault.ledger
control: the open table has no policy beyond access

== control/open-table-statement
user: alice
sql: TABLE vault.ledger
expect: same-as SELECT * FROM vault.ledger
control: the open table has no policy beyond access

== control/open-table-aggregate
user: alice
sql: SELECT sum(amount) AS s, count(*) AS n FROM vault.ledger
expect: same-as SELECT sum(amount) AS s, count(*) AS n FROM vault.ledger
control: the open table has no policy beyond access

== control/open-table-after-use
user: alice
setup: USE vault
sql: SELECT * FROM ledger
expect: same-as SELECT * FROM vault.ledger
control: the open table has no policy beyond access

== control/open-table-alias-named-accounts
user: alice
sql: SELECT accounts.id, accounts.name FROM vault.ledger accounts
expect: same-as SELECT id, name FROM vault.ledger
control: an alias named like the protected table reads nothing protected

== control/open-table-self-join
user: alice
sql: SELECT a.id, b.name FROM vault.ledger a JOIN vault.ledger b ON a.id = b.id
expect: same-as SELECT id, name FROM vault.ledger
control: the open table has no policy beyond access

== control/open-view
user: alice
sql: SELECT * FROM vault.ledger_v
expect: same-as SELECT id, name, amount FROM vault.ledger
control: a view over the open table

== control/open-table-sample
user: alice
sql: SELECT count(*) AS n FROM vault.ledger TABLESAMPLE (100 PERCENT)
expect: refused-or-rows
row: 6
control: FROM VALUES and TABLESAMPLE are forms the gateway may refuse (issue 8); sampling the open table

== control/range-join-open-table
user: alice
sql: SELECT r.id, l.name FROM range(3) r JOIN vault.ledger l ON l.id = r.id
expect: same-as SELECT CAST(id AS BIGINT) AS id, name FROM vault.ledger WHERE id < 3
control: the open table has no policy beyond access

== control/describe-open-table
user: alice
sql: DESCRIBE TABLE vault.ledger
expect: same-as DESCRIBE TABLE vault.ledger
control: DESCRIBE of a readable table shows what admin sees

== control/allowed-columns-without-masks
user: alice
sql: SELECT id, region, owner FROM vault.accounts
expect: same-as SELECT id, region, owner FROM vault_ref.accounts_alice

== control/allowed-column-raw-values
user: alice
sql: SELECT owner, count(*) AS n FROM vault.accounts GROUP BY owner
expect: same-as SELECT owner, count(*) AS n FROM vault_ref.accounts_alice GROUP BY owner

== control/who-am-i
user: alice
sql: SELECT current_user() AS u
expect: rows
row: alice

== control/current-date
user: alice
sql: SELECT current_date() IS NOT NULL AS d
expect: rows
row: true
control: reads no table

== control/open-write-and-read-back
user: alice
setup: CREATE OR REPLACE TABLE vault_open.own2 (id INT, name STRING) USING iceberg
setup: INSERT INTO vault_open.own2 SELECT id, name FROM vault.ledger
sql: SELECT id, name FROM vault_open.own2
expect: same-as SELECT id, name FROM vault.ledger
control: the user's own table in the open database

== control/second-user-open-table
user: bob
sql: SELECT id, name FROM vault.ledger
expect: same-as SELECT id, name FROM vault.ledger
control: the open table has no policy beyond access

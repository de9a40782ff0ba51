# Controls: statements that read nothing protected, or allowed columns without masks, must work for restricted
# users and give what admin gets.

== control/select-one
user: alice
sql: SELECT 1 AS one
expect: rows
row: 1
control: reads no table

== control/range-with-step
user: alice
sql: SELECT id FROM range(0, 6, 2)
expect: rows
row: 0
row: 2
row: 4
control: a table function that reads no table

== control/values
user: alice
sql: SELECT * FROM VALUES (1, 'a'), (2, 'b') AS t(x, y)
expect: refused-or-rows
row: 1 | a
row: 2 | b
control: FROM VALUES and TABLESAMPLE are forms the gateway may refuse (issue 8); reads no table

== control/cte-without-tables
user: alice
sql: WITH x AS (SELECT 1 AS a) SELECT a FROM x
expect: rows
row: 1
control: reads no table

== control/open-table-statement
user: alice
sql: TABLE vault.ledger
expect: same-as SELECT * FROM vault.ledger
control: the open table has no policy beyond access

== control/open-table-after-use
user: alice
setup: USE vault
sql: SELECT * FROM ledger
expect: same-as SELECT * FROM vault.ledger
control: the open table has no policy beyond access

== control/open-table-self-join
user: alice
sql: SELECT a.id, b.name FROM vault.ledger a JOIN vault.ledger b ON a.id = b.id
expect: same-as SELECT id, name FROM vault.ledger
control: the open table has no policy beyond access

== control/open-table-sample
user: alice
sql: SELECT count(*) AS n FROM vault.ledger TABLESAMPLE (100 PERCENT)
expect: refused-or-rows
row: 6
control: FROM VALUES and TABLESAMPLE are forms the gateway may refuse (issue 8); sampling the open table

== control/describe-open-table
user: alice
sql: DESCRIBE TABLE vault.ledger
expect: same-as DESCRIBE TABLE vault.ledger
control: DESCRIBE of a readable table shows what admin sees

== control/allowed-column-raw-values
user: alice
sql: SELECT owner, count(*) AS n FROM vault.accounts GROUP BY owner
expect: same-as SELECT owner, count(*) AS n FROM vault_ref.accounts_alice GROUP BY owner

== control/current-date
user: alice
sql: SELECT current_date() IS NOT NULL AS d
expect: rows
row: true
control: reads no table

== control/second-user-open-table
user: bob
sql: SELECT id, name FROM vault.ledger
expect: same-as SELECT id, name FROM vault.ledger
control: the open table has no policy beyond access

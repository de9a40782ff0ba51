# Queries that read the protected table in every clause Spark has: CTEs that shadow it and that do not, subqueries,
# joins, set operations, PIVOT and UNPIVOT, lateral views and higher-order functions, aggregates and windows over
# masked columns, predicates on masked columns, stars, and the denied column wherever it can be named.

== cte/shadowing-name-reads-open-table
user: alice
setup: USE vault
sql: WITH accounts AS (SELECT id, name FROM vault.ledger) SELECT id, name FROM accounts
expect: same-as SELECT id, name FROM vault.ledger
control: the CTE shadows the table, so only the open table is read

== cte/same-name-over-table
user: alice
sql: WITH accounts AS (SELECT id, name FROM vault.accounts) SELECT id, name FROM accounts
expect: same-as SELECT id, name FROM vault_ref.accounts_alice

== cte/chain
user: alice
sql: WITH a AS (SELECT id, name, card FROM vault.accounts), b AS (SELECT id, card FROM a) SELECT * FROM b
expect: same-as SELECT id, card FROM vault_ref.accounts_alice

== cte/outer-shadow-seen-inside
user: alice
setup: USE vault
sql: WITH accounts AS (SELECT id, name FROM vault.ledger) SELECT * FROM (WITH other AS (SELECT id, name FROM accounts) SELECT * FROM other)
expect: same-as SELECT id, name FROM vault.ledger
control: the inner query reads the outer CTE, which reads the open table

== cte/in-where-subquery
user: alice
sql: WITH p AS (SELECT id FROM vault.accounts WHERE balance > 0) SELECT id, name FROM vault.ledger WHERE account_id IN (SELECT id FROM p)
expect: same-as SELECT id, name FROM vault.ledger WHERE account_id IN (SELECT id FROM vault_ref.accounts_alice WHERE balance > 0)

== cte/back-quoted-shadow
user: alice
setup: USE vault
sql: WITH `accounts` AS (SELECT id, name FROM vault.ledger) SELECT id, name FROM `ACCOUNTS`
expect: same-as SELECT id, name FROM vault.ledger
control: the CTE shadows the table

== cte/shadow-in-one-branch-only
user: alice
setup: USE vault
sql: WITH accounts AS (SELECT id, name FROM vault.ledger) SELECT id, name FROM accounts UNION ALL SELECT id, name FROM vault.accounts
expect: same-as SELECT id, name FROM vault.ledger UNION ALL SELECT id, name FROM vault_ref.accounts_alice

== cte/unused-reads-nothing
user: alice
sql: WITH unused AS (SELECT secret FROM vault.accounts) SELECT id, name FROM vault.ledger
expect: refused-or-same-as SELECT id, name FROM vault.ledger
control: Spark drops the unused CTE; refusing it is fine too

== subquery/scalar-max-of-null-masked
user: alice
sql: SELECT (SELECT max(balance) FROM vault.accounts) AS m
expect: same-as SELECT (SELECT max(balance) FROM vault_ref.accounts_alice) AS m

== subquery/correlated-scalar
user: alice
sql: SELECT l.id, (SELECT a.name FROM vault.accounts a WHERE a.id = l.account_id) AS n FROM vault.ledger l
expect: same-as SELECT l.id, (SELECT a.name FROM vault_ref.accounts_alice a WHERE a.id = l.account_id) AS n FROM vault.ledger l

== subquery/not-exists
user: alice
sql: SELECT l.id FROM vault.ledger l WHERE NOT EXISTS (SELECT 1 FROM vault.accounts a WHERE a.id = l.account_id)
expect: same-as SELECT l.id FROM vault.ledger l WHERE NOT EXISTS (SELECT 1 FROM vault_ref.accounts_alice a WHERE a.id = l.account_id)

== subquery/three-levels
user: alice
sql: SELECT id FROM vault.ledger WHERE account_id IN (SELECT id FROM vault.accounts WHERE id IN (SELECT id FROM vault.accounts WHERE pin IN (SELECT pin FROM vault.accounts WHERE region = 'US')))
expect: same-as SELECT id FROM vault.ledger WHERE account_id IN (SELECT id FROM vault_ref.accounts_alice WHERE id IN (SELECT id FROM vault_ref.accounts_alice WHERE pin IN (SELECT pin FROM vault_ref.accounts_alice WHERE region = 'US')))

== subquery/in-from-nested-filter
user: alice
sql: SELECT n FROM (SELECT n FROM (SELECT name AS n, region FROM vault.accounts) WHERE region <> 'EU')
expect: same-as SELECT name AS n FROM vault_ref.accounts_alice WHERE region <> 'EU'


== subquery/lateral
user: alice
sql: SELECT l.id, x.name FROM vault.ledger l, LATERAL (SELECT name FROM vault.accounts a WHERE a.id = l.account_id) x
expect: same-as SELECT l.id, x.name FROM vault.ledger l, LATERAL (SELECT name FROM vault_ref.accounts_alice a WHERE a.id = l.account_id) x

== subquery/in-case
user: alice
sql: SELECT id, CASE WHEN account_id IN (SELECT id FROM vault.accounts WHERE balance > 1000) THEN 'rich' ELSE 'poor' END AS c FROM vault.ledger
expect: same-as SELECT id, CASE WHEN account_id IN (SELECT id FROM vault_ref.accounts_alice WHERE balance > 1000) THEN 'rich' ELSE 'poor' END AS c FROM vault.ledger

== subquery/in-in-select-list
user: alice
sql: SELECT 7770004 IN (SELECT id FROM vault.accounts) AS found
expect: rows
row: false

== subquery/denied-column-in-exists
user: alice
sql: SELECT id FROM vault.ledger l WHERE EXISTS (SELECT 1 FROM vault.accounts a WHERE a.secret IS NOT NULL AND a.id = l.account_id)
expect: refused

== join/inner
user: alice
sql: SELECT l.id, a.name, a.card FROM vault.ledger l JOIN vault.accounts a ON a.id = l.account_id
expect: same-as SELECT l.id, a.name, a.card FROM vault.ledger l JOIN vault_ref.accounts_alice a ON a.id = l.account_id

== join/right
user: alice
sql: SELECT l.id, a.id, a.name FROM vault.ledger l RIGHT JOIN vault.accounts a ON a.id = l.account_id
expect: same-as SELECT l.id, a.id, a.name FROM vault.ledger l RIGHT JOIN vault_ref.accounts_alice a ON a.id = l.account_id

== join/cross
user: alice
sql: SELECT l.id, a.id, a.phone FROM vault.ledger l CROSS JOIN vault.accounts a
expect: same-as SELECT l.id, a.id, a.phone FROM vault.ledger l CROSS JOIN vault_ref.accounts_alice a

== join/left-semi-on-masked
user: alice
sql: SELECT l.id FROM vault.ledger l LEFT SEMI JOIN vault.accounts a ON a.id = l.account_id AND a.balance > 100
expect: same-as SELECT l.id FROM vault.ledger l LEFT SEMI JOIN vault_ref.accounts_alice a ON a.id = l.account_id AND a.balance > 100

== join/natural
user: alice
sql: SELECT id, card FROM (SELECT id FROM vault.ledger) NATURAL JOIN vault.accounts
expect: same-as SELECT id, card FROM (SELECT id FROM vault.ledger) NATURAL JOIN vault_ref.accounts_alice

== join/self-on-masked-pin
user: alice
sql: SELECT a.id, b.id FROM vault.accounts a JOIN vault.accounts b ON a.pin = b.pin AND a.id < b.id
expect: same-as SELECT a.id, b.id FROM vault_ref.accounts_alice a JOIN vault_ref.accounts_alice b ON a.pin = b.pin AND a.id < b.id

== join/self-unaliased-and-aliased
user: alice
sql: SELECT accounts.id, b.card FROM vault.accounts JOIN vault.accounts b ON accounts.id = b.id
expect: same-as SELECT a.id, b.card FROM vault_ref.accounts_alice a JOIN vault_ref.accounts_alice b ON a.id = b.id

== join/view-and-table
user: alice
sql: SELECT v.id, a.phone FROM vault.accounts_eu_v v JOIN vault.accounts a ON a.id = v.id
expect: same-as SELECT v.id, a.phone FROM vault_ref.accounts_alice v JOIN vault_ref.accounts_alice a ON a.id = v.id

== join/lateral-column-reference
user: alice
sql: SELECT a.id, x.c FROM vault.accounts a, LATERAL (SELECT a.card AS c) x
expect: same-as SELECT a.id, x.c FROM vault_ref.accounts_alice a, LATERAL (SELECT a.card AS c) x

== join/on-denied-column
user: alice
sql: SELECT l.id FROM vault.ledger l JOIN vault.accounts a ON a.secret <> l.name
expect: refused

== setop/union-all
user: alice
sql: SELECT id, name FROM vault.ledger UNION ALL SELECT id, name FROM vault.accounts
expect: same-as SELECT id, name FROM vault.ledger UNION ALL SELECT id, name FROM vault_ref.accounts_alice

== setop/intersect
user: alice
sql: SELECT id FROM vault.accounts INTERSECT SELECT account_id FROM vault.ledger
expect: same-as SELECT id FROM vault_ref.accounts_alice INTERSECT SELECT account_id FROM vault.ledger

== setop/minus
user: alice
sql: SELECT account_id FROM vault.ledger MINUS SELECT id FROM vault.accounts
expect: same-as SELECT account_id FROM vault.ledger EXCEPT SELECT id FROM vault_ref.accounts_alice

== setop/intersect-all-masked
user: alice
sql: SELECT pin FROM vault.accounts INTERSECT ALL SELECT pin FROM vault.accounts
expect: same-as SELECT pin FROM vault_ref.accounts_alice

== setop/nested
user: alice
sql: (SELECT id FROM vault.accounts WHERE region = 'US' UNION SELECT id FROM vault.accounts WHERE region = 'APAC') UNION ALL SELECT id FROM vault.ledger
expect: same-as SELECT id FROM vault.ledger

== setop/union-with-denied-column
user: alice
sql: SELECT name FROM vault.ledger UNION ALL SELECT secret FROM vault.accounts
expect: refused

== pivot/over-subquery-null-mask
user: alice
sql: SELECT * FROM (SELECT region, balance FROM vault.accounts) PIVOT (sum(balance) FOR region IN ('EU' AS eu, 'US' AS us))
expect: same-as SELECT * FROM (SELECT region, balance FROM vault_ref.accounts_alice) PIVOT (sum(balance) FOR region IN ('EU' AS eu, 'US' AS us))

== pivot/masked-values
user: alice
sql: SELECT * FROM (SELECT owner, pin FROM vault.accounts) PIVOT (max(pin) FOR owner IN ('alice' AS a, 'bob' AS b, 'dave' AS d))
expect: same-as SELECT * FROM (SELECT owner, pin FROM vault_ref.accounts_alice) PIVOT (max(pin) FOR owner IN ('alice' AS a, 'bob' AS b, 'dave' AS d))

== pivot/on-table-selecting-one-column
user: alice
sql: SELECT id FROM vault.accounts PIVOT (count(*) FOR region IN ('EU' AS eu))
expect: refused-or-same-as SELECT id FROM vault_ref.accounts_alice PIVOT (count(*) FOR region IN ('EU' AS eu))

== unpivot/over-subquery
user: alice
sql: SELECT * FROM (SELECT id, name, phone FROM vault.accounts) UNPIVOT (val FOR col IN (name, phone))
expect: same-as SELECT * FROM (SELECT id, name, phone FROM vault_ref.accounts_alice) UNPIVOT (val FOR col IN (name, phone))

== unpivot/include-nulls
user: alice
sql: SELECT * FROM (SELECT id, card, email FROM vault.accounts) UNPIVOT INCLUDE NULLS (val FOR col IN (card, email))
expect: same-as SELECT * FROM (SELECT id, card, email FROM vault_ref.accounts_alice) UNPIVOT INCLUDE NULLS (val FOR col IN (card, email))

== lateral/explode
user: alice
sql: SELECT id, x FROM vault.accounts LATERAL VIEW explode(array(name, card, phone)) t AS x
expect: same-as SELECT id, x FROM vault_ref.accounts_alice LATERAL VIEW explode(array(name, card, phone)) t AS x

== lateral/posexplode
user: alice
sql: SELECT id, p, x FROM vault.accounts LATERAL VIEW posexplode(array(name, card)) t AS p, x
expect: same-as SELECT id, p, x FROM vault_ref.accounts_alice LATERAL VIEW posexplode(array(name, card)) t AS p, x

== lateral/with-alias-qualified
user: alice
sql: SELECT a.id, t.x FROM vault.accounts a LATERAL VIEW explode(array(a.born)) t AS x
expect: same-as SELECT a.id, t.x FROM vault_ref.accounts_alice a LATERAL VIEW explode(array(a.born)) t AS x

== generator/explode-in-select
user: alice
sql: SELECT id, explode(array(phone, card)) FROM vault.accounts
expect: same-as SELECT id, explode(array(phone, card)) FROM vault_ref.accounts_alice

== generator/inline-struct
user: alice
sql: SELECT inline(array(struct(name, card))) FROM vault.accounts
expect: same-as SELECT inline(array(struct(name, card))) FROM vault_ref.accounts_alice

== generator/stack
user: alice
sql: SELECT stack(2, name, card) FROM vault.accounts
expect: same-as SELECT stack(2, name, card) FROM vault_ref.accounts_alice

== hof/transform
user: alice
sql: SELECT id, transform(array(name, card), v -> upper(v)) AS t FROM vault.accounts
expect: same-as SELECT id, transform(array(name, card), v -> upper(v)) AS t FROM vault_ref.accounts_alice

== hof/aggregate
user: alice
sql: SELECT id, aggregate(array(pin, id), 0, (acc, v) -> acc + v) AS s FROM vault.accounts
expect: same-as SELECT id, aggregate(array(pin, id), 0, (acc, v) -> acc + v) AS s FROM vault_ref.accounts_alice

== hof/exists-in-where
user: alice
sql: SELECT id FROM vault.accounts WHERE exists(array(card, phone), v -> v LIKE '%ECRE%')
expect: same-as SELECT id FROM vault_ref.accounts_alice WHERE exists(array(card, phone), v -> v LIKE '%ECRE%')

== hof/exists-digits
user: alice
sql: SELECT id FROM vault.accounts WHERE exists(array(name, card), v -> v RLIKE '[5-9]')
expect: same-as SELECT id FROM vault_ref.accounts_alice WHERE exists(array(name, card), v -> v RLIKE '[5-9]')

== hof/zip-with
user: alice
sql: SELECT id, zip_with(array(name), array(card), (a, b) -> concat(a, b)) AS z FROM vault.accounts
expect: same-as SELECT id, zip_with(array(name), array(card), (a, b) -> concat(a, b)) AS z FROM vault_ref.accounts_alice

== hof/reduce-collected
user: alice
sql: SELECT reduce(collect_list(pin), 0, (a, b) -> a + b) AS s FROM vault.accounts
expect: same-as SELECT reduce(collect_list(pin), 0, (a, b) -> a + b) AS s FROM vault_ref.accounts_alice

== hof/named-struct
user: alice
sql: SELECT named_struct('n', name, 'c', card) AS s FROM vault.accounts
expect: same-as SELECT named_struct('n', name, 'c', card) AS s FROM vault_ref.accounts_alice

== hof/lambda-variable-named-like-denied-column
user: alice
sql: SELECT id, transform(array(name), secret -> upper(secret)) AS t FROM vault.accounts
expect: same-as SELECT id, transform(array(name), secret -> upper(secret)) AS t FROM vault_ref.accounts_alice

== hof/denied-column-from-lambda-body
user: alice
sql: SELECT id, transform(array(name), v -> concat(v, secret)) AS t FROM vault.accounts
expect: refused

== agg/count-distinct-hash
user: alice
sql: SELECT count(DISTINCT email) AS n FROM vault.accounts
expect: same-as SELECT count(DISTINCT email) AS n FROM vault_ref.accounts_alice

== agg/balance-null-mask
user: alice
sql: SELECT max(balance) AS m, sum(balance) AS s, avg(balance) AS a FROM vault.accounts
expect: same-as SELECT max(balance) AS m, sum(balance) AS s, avg(balance) AS a FROM vault_ref.accounts_alice

== agg/avg-custom-mask
user: alice
sql: SELECT avg(score) AS a, max(score) AS m FROM vault.accounts
expect: same-as SELECT avg(score) AS a, max(score) AS m FROM vault_ref.accounts_alice

== agg/collect-set
user: alice
sql: SELECT sort_array(collect_set(card)) AS c FROM vault.accounts
expect: same-as SELECT sort_array(collect_set(card)) AS c FROM vault_ref.accounts_alice

== agg/max-by-born
user: alice
sql: SELECT max_by(phone, born) AS p, max(born) AS b FROM vault.accounts
expect: same-as SELECT max_by(phone, born) AS p, max(born) AS b FROM vault_ref.accounts_alice

== agg/approx-count-distinct
user: alice
sql: SELECT approx_count_distinct(phone) AS n FROM vault.accounts
expect: same-as SELECT approx_count_distinct(phone) AS n FROM vault_ref.accounts_alice

== agg/group-by-masked
user: alice
sql: SELECT name, count(*) AS n FROM vault.accounts GROUP BY name
expect: same-as SELECT name, count(*) AS n FROM vault_ref.accounts_alice GROUP BY name

== agg/group-by-all
user: alice
sql: SELECT region, pin, count(*) AS n FROM vault.accounts GROUP BY ALL
expect: same-as SELECT region, pin, count(*) AS n FROM vault_ref.accounts_alice GROUP BY region, pin

== agg/rollup
user: alice
sql: SELECT region, owner, sum(pin) AS s FROM vault.accounts GROUP BY ROLLUP (region, owner)
expect: same-as SELECT region, owner, sum(pin) AS s FROM vault_ref.accounts_alice GROUP BY ROLLUP (region, owner)

== agg/with-rollup
user: alice
sql: SELECT region, count(*) AS n FROM vault.accounts GROUP BY region WITH ROLLUP
expect: same-as SELECT region, count(*) AS n FROM vault_ref.accounts_alice GROUP BY region WITH ROLLUP

== agg/filter-clause
user: alice
sql: SELECT count(*) FILTER (WHERE balance > 0) AS n FROM vault.accounts
expect: same-as SELECT count(*) FILTER (WHERE balance > 0) AS n FROM vault_ref.accounts_alice

== agg/denied-column-having
user: alice
sql: SELECT region FROM vault.accounts GROUP BY region HAVING max(secret) IS NOT NULL
expect: refused

== window/rank-over-null-mask
user: alice
sql: SELECT id, rank() OVER (ORDER BY balance) AS r FROM vault.accounts
expect: same-as SELECT id, rank() OVER (ORDER BY balance) AS r FROM vault_ref.accounts_alice

== window/lag
user: alice
sql: SELECT id, lag(name) OVER (ORDER BY id) AS prev FROM vault.accounts
expect: same-as SELECT id, lag(name) OVER (ORDER BY id) AS prev FROM vault_ref.accounts_alice

== window/partition-by-masked
user: alice
sql: SELECT id, count(*) OVER (PARTITION BY pin) AS c FROM vault.accounts
expect: same-as SELECT id, count(*) OVER (PARTITION BY pin) AS c FROM vault_ref.accounts_alice

== window/dense-rank-by-masked-name
user: alice
sql: SELECT id, dense_rank() OVER (ORDER BY name) AS d FROM vault.accounts
expect: same-as SELECT id, dense_rank() OVER (ORDER BY name) AS d FROM vault_ref.accounts_alice

== window/first-row-per-region
user: alice
sql: SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY region ORDER BY id) AS rn FROM vault.accounts) WHERE rn = 1
expect: same-as SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY region ORDER BY id) AS rn FROM vault_ref.accounts_alice) WHERE rn = 1

== window/denied-column-partition
user: alice
sql: SELECT id, row_number() OVER (PARTITION BY secret ORDER BY id) AS r FROM vault.accounts
expect: refused

== predicate/null-mask-greater
user: alice
sql: SELECT id FROM vault.accounts WHERE balance > 0
expect: same-as SELECT id FROM vault_ref.accounts_alice WHERE balance > 0

== predicate/masked-equals-raw-value
user: alice
sql: SELECT id FROM vault.accounts WHERE name = 'Berta Bauer'
expect: rows

== predicate/card-raw-prefix
user: alice
sql: SELECT id FROM vault.accounts WHERE card LIKE '5500-S%'
expect: rows

== predicate/pin-raw-value
user: alice
sql: SELECT id FROM vault.accounts WHERE pin = 1234
expect: rows

== predicate/born-month
user: alice
sql: SELECT id FROM vault.accounts WHERE month(born) = 5
expect: rows

== predicate/email-raw-value
user: alice
sql: SELECT id FROM vault.accounts WHERE email = 'otto@example.com'
expect: rows

== predicate/or-true-does-not-widen
user: alice
sql: SELECT id FROM vault.accounts WHERE region = 'US' OR 1 = 1
expect: same-as SELECT id FROM vault_ref.accounts_alice

== predicate/hidden-row-id
user: alice
sql: SELECT name FROM vault.accounts WHERE id = 7770004
expect: rows

== predicate/in-list-raw-pins
user: alice
sql: SELECT id FROM vault.accounts WHERE pin IN (1234, 4321, 8888)
expect: rows

== predicate/lengths-of-visible-rows
user: alice
sql: SELECT id, length(name) AS n FROM vault.accounts
expect: same-as SELECT id, length(name) AS n FROM vault_ref.accounts_alice

== predicate/coalesce-null-mask
user: alice
sql: SELECT id FROM vault.accounts WHERE coalesce(balance, -1) = -1
expect: same-as SELECT id FROM vault_ref.accounts_alice

== predicate/count-oracle
user: alice
sql: SELECT count(*) AS n FROM vault.accounts WHERE balance > 900000000
expect: rows
row: 0

== predicate/denied-column-order-by
user: alice
sql: SELECT id FROM vault.accounts ORDER BY secret
expect: refused

== sample/percent
user: alice
sql: SELECT id, name FROM vault.accounts TABLESAMPLE (100 PERCENT)
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== sample/bucket
user: alice
sql: SELECT id, name FROM vault.accounts TABLESAMPLE (BUCKET 1 OUT OF 1)
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== from-first/select
user: alice
sql: FROM vault.accounts SELECT id, name
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== from-first/star
user: alice
sql: FROM vault.accounts SELECT *
expect: refused

== values/join-with-protected
user: alice
sql: SELECT v.x, a.name FROM VALUES (1), (2), (3) AS v(x) JOIN vault.accounts a ON a.id = v.x
expect: refused-or-same-as SELECT v.x, a.name FROM VALUES (1), (2), (3) AS v(x) JOIN vault_ref.accounts_alice a ON a.id = v.x

== star/select-star
user: alice
sql: SELECT * FROM vault.accounts
expect: refused

== star/table-statement
user: alice
sql: TABLE vault.accounts
expect: refused

== star/hash-star
user: alice
sql: SELECT hash(*) FROM vault.accounts
expect: refused

== star/md5-of-json-of-star
user: alice
sql: SELECT md5(to_json(struct(*))) FROM vault.accounts
expect: refused

== star/open-side-of-join
user: alice
sql: SELECT l.* FROM vault.ledger l JOIN vault.accounts a ON a.id = l.account_id
expect: same-as SELECT l.* FROM vault.ledger l JOIN vault_ref.accounts_alice a ON a.id = l.account_id

== star/in-exists
user: alice
sql: SELECT id FROM vault.ledger WHERE EXISTS (SELECT * FROM vault.accounts a WHERE a.id = ledger.account_id)
expect: refused-or-same-as SELECT id FROM vault.ledger WHERE EXISTS (SELECT * FROM vault_ref.accounts_alice a WHERE a.id = ledger.account_id)

== star/regex-column-names
user: alice
setup: SET spark.sql.parser.quotedRegexColumnNames=true
sql: SELECT `se.*` FROM vault.accounts
expect: refused

== denied/select
user: alice
sql: SELECT secret FROM vault.accounts
expect: refused

== denied/back-quoted
user: alice
sql: SELECT `secret` FROM vault.accounts
expect: refused

== denied/in-function
user: alice
sql: SELECT length(secret) FROM vault.accounts
expect: refused

== denied/in-case
user: alice
sql: SELECT CASE WHEN secret IS NULL THEN 1 ELSE 0 END FROM vault.accounts
expect: refused

== locked/select
user: alice
sql: SELECT id FROM vault.locked
expect: refused

== locked/in-subquery
user: alice
sql: SELECT id FROM vault.ledger WHERE id IN (SELECT id FROM vault.locked)
expect: refused

== locked/reference-views
user: alice
sql: SELECT id, name FROM vault_ref.accounts_alice
expect: refused

== star/qualified-star
user: alice
sql: SELECT a.* FROM vault.accounts a
expect: refused

== join/self-across-regions
user: alice
sql: SELECT a.id, b.name FROM vault.accounts a JOIN vault.accounts b ON a.owner = b.owner AND a.region <> b.region
expect: same-as SELECT a.id, b.name FROM vault_ref.accounts_alice a JOIN vault_ref.accounts_alice b ON a.owner = b.owner AND a.region <> b.region

== subquery/correlated-per-region
user: alice
sql: SELECT region, (SELECT sum(pin) FROM vault.accounts b WHERE b.region = a.region) AS s FROM (SELECT DISTINCT region FROM vault.accounts) a
expect: same-as SELECT region, (SELECT sum(pin) FROM vault_ref.accounts_alice b WHERE b.region = a.region) AS s FROM (SELECT DISTINCT region FROM vault_ref.accounts_alice) a

== window/sum-by-region
user: alice
sql: SELECT id, sum(pin) OVER (PARTITION BY region) AS s FROM vault.accounts
expect: same-as SELECT id, sum(pin) OVER (PARTITION BY region) AS s FROM vault_ref.accounts_alice

== agg/sum-masked-number
user: alice
sql: SELECT sum(pin) AS s FROM vault.accounts
expect: same-as SELECT sum(pin) AS s FROM vault_ref.accounts_alice

== setop/except
user: alice
sql: SELECT account_id FROM vault.ledger EXCEPT SELECT id FROM vault.accounts
expect: same-as SELECT account_id FROM vault.ledger EXCEPT SELECT id FROM vault_ref.accounts_alice

== predicate/denied-column-where
user: alice
sql: SELECT id FROM vault.accounts WHERE secret LIKE 'RAW%'
expect: refused

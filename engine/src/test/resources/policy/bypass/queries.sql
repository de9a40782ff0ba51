# Queries that read the protected table in every clause Spark has: CTEs that shadow it and that do not, subqueries,
# joins, set operations, PIVOT and UNPIVOT, lateral views and higher-order functions, aggregates and windows over
# masked columns, predicates on masked columns, stars, and the denied column wherever it can be named.

== cte/shadowing-name-reads-open-table
user: alice
setup: USE vault
sql: WITH accounts AS (SELECT id, name FROM vault.ledger) SELECT id, name FROM accounts
expect: same-as SELECT id, name FROM vault.ledger
control: the CTE shadows the table, so only the open table is read

== cte/qualified-name-is-not-shadowed
user: alice
setup: USE vault
sql: WITH accounts AS (SELECT id, name FROM vault.ledger) SELECT id, name FROM vault.accounts
expect: same-as SELECT id, name FROM vault_ref.accounts_alice

== cte/same-name-over-table
user: alice
sql: WITH accounts AS (SELECT id, name FROM vault.accounts) SELECT id, name FROM accounts
expect: same-as SELECT id, name FROM vault_ref.accounts_alice

== cte/own-name-inside-is-the-table
user: alice
setup: USE vault
sql: WITH accounts AS (SELECT id, name FROM accounts) SELECT id, name FROM accounts
expect: same-as SELECT id, name FROM vault_ref.accounts_alice

== cte/chain
user: alice
sql: WITH a AS (SELECT id, name, card FROM vault.accounts), b AS (SELECT id, card FROM a) SELECT * FROM b
expect: same-as SELECT id, card FROM vault_ref.accounts_alice

== cte/scope-ends-with-its-subquery
user: alice
setup: USE vault
sql: SELECT id, name FROM (WITH accounts AS (SELECT id, name FROM vault.ledger) SELECT id, name FROM accounts) UNION ALL SELECT id, name FROM accounts
expect: same-as SELECT id, name FROM vault.ledger UNION ALL SELECT id, name FROM vault_ref.accounts_alice

== cte/outer-shadow-seen-inside
user: alice
setup: USE vault
sql: WITH accounts AS (SELECT id, name FROM vault.ledger) SELECT * FROM (WITH other AS (SELECT id, name FROM accounts) SELECT * FROM other)
expect: same-as SELECT id, name FROM vault.ledger
control: the inner query reads the outer CTE, which reads the open table

== cte/inner-definition-wins
user: alice
setup: USE vault
sql: WITH x AS (SELECT id, name FROM vault.ledger) SELECT * FROM (WITH x AS (SELECT id, name FROM accounts) SELECT * FROM x)
expect: same-as SELECT id, name FROM vault_ref.accounts_alice

== cte/in-where-subquery
user: alice
sql: WITH p AS (SELECT id FROM vault.accounts WHERE balance > 0) SELECT id, name FROM vault.ledger WHERE account_id IN (SELECT id FROM p)
expect: same-as SELECT id, name FROM vault.ledger WHERE account_id IN (SELECT id FROM vault_ref.accounts_alice WHERE balance > 0)

== cte/upper-case-shadow
user: alice
setup: USE vault
sql: WITH ACCOUNTS AS (SELECT id, name FROM vault.ledger) SELECT id, name FROM accounts
expect: same-as SELECT id, name FROM vault.ledger
control: names compare without case by default, so the CTE shadows the table

== cte/back-quoted-shadow
user: alice
setup: USE vault
sql: WITH `accounts` AS (SELECT id, name FROM vault.ledger) SELECT id, name FROM `ACCOUNTS`
expect: same-as SELECT id, name FROM vault.ledger
control: the CTE shadows the table

== cte/column-list
user: alice
sql: WITH c(a, b) AS (SELECT id, name FROM vault.accounts) SELECT a, b FROM c
expect: same-as SELECT id AS a, name AS b FROM vault_ref.accounts_alice

== cte/shadow-in-one-branch-only
user: alice
setup: USE vault
sql: WITH accounts AS (SELECT id, name FROM vault.ledger) SELECT id, name FROM accounts UNION ALL SELECT id, name FROM vault.accounts
expect: same-as SELECT id, name FROM vault.ledger UNION ALL SELECT id, name FROM vault_ref.accounts_alice

== cte/recursive
user: alice
sql: WITH RECURSIVE r(id, name) AS (SELECT id, name FROM vault.accounts UNION ALL SELECT id, name FROM r WHERE false) SELECT id, name FROM r
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== cte/unused-reads-nothing
user: alice
sql: WITH unused AS (SELECT secret FROM vault.accounts) SELECT id, name FROM vault.ledger
expect: refused-or-same-as SELECT id, name FROM vault.ledger
control: Spark drops the unused CTE; refusing it is fine too

== cte/denied-column-inside
user: alice
sql: WITH c AS (SELECT id, secret FROM vault.accounts) SELECT id FROM c
expect: refused

== subquery/scalar-max-of-null-masked
user: alice
sql: SELECT (SELECT max(balance) FROM vault.accounts) AS m
expect: same-as SELECT (SELECT max(balance) FROM vault_ref.accounts_alice) AS m

== subquery/scalar-count
user: alice
sql: SELECT (SELECT count(*) FROM vault.accounts) AS n
expect: same-as SELECT (SELECT count(*) FROM vault_ref.accounts_alice) AS n

== subquery/correlated-scalar
user: alice
sql: SELECT l.id, (SELECT a.name FROM vault.accounts a WHERE a.id = l.account_id) AS n FROM vault.ledger l
expect: same-as SELECT l.id, (SELECT a.name FROM vault_ref.accounts_alice a WHERE a.id = l.account_id) AS n FROM vault.ledger l

== subquery/exists-hidden-rows
user: alice
sql: SELECT l.id FROM vault.ledger l WHERE EXISTS (SELECT 1 FROM vault.accounts a WHERE a.id = l.account_id AND a.region = 'US')
expect: same-as SELECT l.id FROM vault.ledger l WHERE EXISTS (SELECT 1 FROM vault_ref.accounts_alice a WHERE a.id = l.account_id AND a.region = 'US')

== subquery/not-exists
user: alice
sql: SELECT l.id FROM vault.ledger l WHERE NOT EXISTS (SELECT 1 FROM vault.accounts a WHERE a.id = l.account_id)
expect: same-as SELECT l.id FROM vault.ledger l WHERE NOT EXISTS (SELECT 1 FROM vault_ref.accounts_alice a WHERE a.id = l.account_id)

== subquery/in-on-masked-name
user: alice
sql: SELECT id FROM vault.ledger WHERE account_id IN (SELECT id FROM vault.accounts WHERE name LIKE 'Anna%')
expect: same-as SELECT id FROM vault.ledger WHERE account_id IN (SELECT id FROM vault_ref.accounts_alice WHERE name LIKE 'Anna%')

== subquery/three-levels
user: alice
sql: SELECT id FROM vault.ledger WHERE account_id IN (SELECT id FROM vault.accounts WHERE id IN (SELECT id FROM vault.accounts WHERE pin IN (SELECT pin FROM vault.accounts WHERE region = 'US')))
expect: same-as SELECT id FROM vault.ledger WHERE account_id IN (SELECT id FROM vault_ref.accounts_alice WHERE id IN (SELECT id FROM vault_ref.accounts_alice WHERE pin IN (SELECT pin FROM vault_ref.accounts_alice WHERE region = 'US')))

== subquery/in-from
user: alice
sql: SELECT n FROM (SELECT name AS n FROM vault.accounts) t
expect: same-as SELECT name AS n FROM vault_ref.accounts_alice

== subquery/in-from-nested-filter
user: alice
sql: SELECT n FROM (SELECT n FROM (SELECT name AS n, region FROM vault.accounts) WHERE region <> 'EU')
expect: same-as SELECT name AS n FROM vault_ref.accounts_alice WHERE region <> 'EU'

== subquery/correlated-per-region
user: alice
sql: SELECT region, (SELECT sum(pin) FROM vault.accounts b WHERE b.region = a.region) AS s FROM (SELECT DISTINCT region FROM vault.accounts) a
expect: same-as SELECT region, (SELECT sum(pin) FROM vault_ref.accounts_alice b WHERE b.region = a.region) AS s FROM (SELECT DISTINCT region FROM vault_ref.accounts_alice) a


== subquery/lateral
user: alice
sql: SELECT l.id, x.name FROM vault.ledger l, LATERAL (SELECT name FROM vault.accounts a WHERE a.id = l.account_id) x
expect: same-as SELECT l.id, x.name FROM vault.ledger l, LATERAL (SELECT name FROM vault_ref.accounts_alice a WHERE a.id = l.account_id) x

== subquery/having-on-masked
user: alice
sql: SELECT region, count(*) AS n FROM vault.accounts GROUP BY region HAVING max(balance) > 0
expect: same-as SELECT region, count(*) AS n FROM vault_ref.accounts_alice GROUP BY region HAVING max(balance) > 0

== subquery/in-case
user: alice
sql: SELECT id, CASE WHEN account_id IN (SELECT id FROM vault.accounts WHERE balance > 1000) THEN 'rich' ELSE 'poor' END AS c FROM vault.ledger
expect: same-as SELECT id, CASE WHEN account_id IN (SELECT id FROM vault_ref.accounts_alice WHERE balance > 1000) THEN 'rich' ELSE 'poor' END AS c FROM vault.ledger

== subquery/exists-in-select-list
user: alice
sql: SELECT EXISTS (SELECT 1 FROM vault.accounts WHERE region = 'APAC') AS e
expect: same-as SELECT EXISTS (SELECT 1 FROM vault_ref.accounts_alice WHERE region = 'APAC') AS e

== subquery/in-in-select-list
user: alice
sql: SELECT 7770004 IN (SELECT id FROM vault.accounts) AS found
expect: rows
row: false

== subquery/denied-column-in-scalar
user: alice
sql: SELECT (SELECT max(secret) FROM vault.accounts) AS s
expect: refused

== subquery/denied-column-in-exists
user: alice
sql: SELECT id FROM vault.ledger l WHERE EXISTS (SELECT 1 FROM vault.accounts a WHERE a.secret IS NOT NULL AND a.id = l.account_id)
expect: refused

== join/inner
user: alice
sql: SELECT l.id, a.name, a.card FROM vault.ledger l JOIN vault.accounts a ON a.id = l.account_id
expect: same-as SELECT l.id, a.name, a.card FROM vault.ledger l JOIN vault_ref.accounts_alice a ON a.id = l.account_id

== join/left
user: alice
sql: SELECT l.id, a.name FROM vault.ledger l LEFT JOIN vault.accounts a ON a.id = l.account_id
expect: same-as SELECT l.id, a.name FROM vault.ledger l LEFT JOIN vault_ref.accounts_alice a ON a.id = l.account_id

== join/right
user: alice
sql: SELECT l.id, a.id, a.name FROM vault.ledger l RIGHT JOIN vault.accounts a ON a.id = l.account_id
expect: same-as SELECT l.id, a.id, a.name FROM vault.ledger l RIGHT JOIN vault_ref.accounts_alice a ON a.id = l.account_id

== join/full
user: alice
sql: SELECT l.id, a.id, a.email FROM vault.ledger l FULL OUTER JOIN vault.accounts a ON a.id = l.account_id
expect: same-as SELECT l.id, a.id, a.email FROM vault.ledger l FULL OUTER JOIN vault_ref.accounts_alice a ON a.id = l.account_id

== join/cross
user: alice
sql: SELECT l.id, a.id, a.phone FROM vault.ledger l CROSS JOIN vault.accounts a
expect: same-as SELECT l.id, a.id, a.phone FROM vault.ledger l CROSS JOIN vault_ref.accounts_alice a

== join/comma
user: alice
sql: SELECT l.id, a.born FROM vault.ledger l, vault.accounts a WHERE a.id = l.account_id
expect: same-as SELECT l.id, a.born FROM vault.ledger l, vault_ref.accounts_alice a WHERE a.id = l.account_id

== join/left-semi-on-masked
user: alice
sql: SELECT l.id FROM vault.ledger l LEFT SEMI JOIN vault.accounts a ON a.id = l.account_id AND a.balance > 100
expect: same-as SELECT l.id FROM vault.ledger l LEFT SEMI JOIN vault_ref.accounts_alice a ON a.id = l.account_id AND a.balance > 100

== join/left-anti
user: alice
sql: SELECT l.id FROM vault.ledger l LEFT ANTI JOIN vault.accounts a ON a.id = l.account_id
expect: same-as SELECT l.id FROM vault.ledger l LEFT ANTI JOIN vault_ref.accounts_alice a ON a.id = l.account_id

== join/natural
user: alice
sql: SELECT id, card FROM (SELECT id FROM vault.ledger) NATURAL JOIN vault.accounts
expect: same-as SELECT id, card FROM (SELECT id FROM vault.ledger) NATURAL JOIN vault_ref.accounts_alice

== join/using
user: alice
sql: SELECT id, a.name FROM vault.ledger l JOIN vault.accounts a USING (id)
expect: same-as SELECT id, a.name FROM vault.ledger l JOIN vault_ref.accounts_alice a USING (id)

== join/self-on-masked-pin
user: alice
sql: SELECT a.id, b.id FROM vault.accounts a JOIN vault.accounts b ON a.pin = b.pin AND a.id < b.id
expect: same-as SELECT a.id, b.id FROM vault_ref.accounts_alice a JOIN vault_ref.accounts_alice b ON a.pin = b.pin AND a.id < b.id

== join/self-across-regions
user: alice
sql: SELECT a.id, b.name FROM vault.accounts a JOIN vault.accounts b ON a.owner = b.owner AND a.region <> b.region
expect: same-as SELECT a.id, b.name FROM vault_ref.accounts_alice a JOIN vault_ref.accounts_alice b ON a.owner = b.owner AND a.region <> b.region

== join/self-unaliased-and-aliased
user: alice
sql: SELECT accounts.id, b.card FROM vault.accounts JOIN vault.accounts b ON accounts.id = b.id
expect: same-as SELECT a.id, b.card FROM vault_ref.accounts_alice a JOIN vault_ref.accounts_alice b ON a.id = b.id

== join/three-way
user: alice
sql: SELECT l.id, a.name, b.card FROM vault.ledger l JOIN vault.accounts a ON a.id = l.account_id JOIN vault.accounts b ON b.id = a.id
expect: same-as SELECT l.id, a.name, b.card FROM vault.ledger l JOIN vault_ref.accounts_alice a ON a.id = l.account_id JOIN vault_ref.accounts_alice b ON b.id = a.id

== join/view-and-table
user: alice
sql: SELECT v.id, a.phone FROM vault.accounts_eu_v v JOIN vault.accounts a ON a.id = v.id
expect: same-as SELECT v.id, a.phone FROM vault_ref.accounts_alice v JOIN vault_ref.accounts_alice a ON a.id = v.id

== join/condition-on-hidden-region
user: alice
sql: SELECT l.id FROM vault.ledger l JOIN vault.accounts a ON a.id = l.account_id AND a.region = 'US'
expect: same-as SELECT l.id FROM vault.ledger l JOIN vault_ref.accounts_alice a ON a.id = l.account_id AND a.region = 'US'

== join/lateral-column-reference
user: alice
sql: SELECT a.id, x.c FROM vault.accounts a, LATERAL (SELECT a.card AS c) x
expect: same-as SELECT a.id, x.c FROM vault_ref.accounts_alice a, LATERAL (SELECT a.card AS c) x

== join/with-locked-table
user: alice
sql: SELECT a.id, k.secret FROM vault.accounts a JOIN vault.locked k ON k.id = a.id
expect: refused

== join/on-denied-column
user: alice
sql: SELECT l.id FROM vault.ledger l JOIN vault.accounts a ON a.secret <> l.name
expect: refused

== join/natural-with-denied-column
user: alice
sql: SELECT count(*) FROM vault.accounts a NATURAL JOIN (SELECT 'x' AS secret)
expect: refused

== setop/union-all
user: alice
sql: SELECT id, name FROM vault.ledger UNION ALL SELECT id, name FROM vault.accounts
expect: same-as SELECT id, name FROM vault.ledger UNION ALL SELECT id, name FROM vault_ref.accounts_alice

== setop/union-distinct
user: alice
sql: SELECT name FROM vault.accounts UNION SELECT name FROM vault.ledger
expect: same-as SELECT name FROM vault_ref.accounts_alice UNION SELECT name FROM vault.ledger

== setop/intersect
user: alice
sql: SELECT id FROM vault.accounts INTERSECT SELECT account_id FROM vault.ledger
expect: same-as SELECT id FROM vault_ref.accounts_alice INTERSECT SELECT account_id FROM vault.ledger

== setop/except
user: alice
sql: SELECT account_id FROM vault.ledger EXCEPT SELECT id FROM vault.accounts
expect: same-as SELECT account_id FROM vault.ledger EXCEPT SELECT id FROM vault_ref.accounts_alice

== setop/minus
user: alice
sql: SELECT account_id FROM vault.ledger MINUS SELECT id FROM vault.accounts
expect: same-as SELECT account_id FROM vault.ledger EXCEPT SELECT id FROM vault_ref.accounts_alice

== setop/except-all
user: alice
sql: SELECT id FROM vault.ledger EXCEPT ALL SELECT id FROM vault.accounts
expect: same-as SELECT id FROM vault.ledger EXCEPT ALL SELECT id FROM vault_ref.accounts_alice

== setop/intersect-all-masked
user: alice
sql: SELECT pin FROM vault.accounts INTERSECT ALL SELECT pin FROM vault.accounts
expect: same-as SELECT pin FROM vault_ref.accounts_alice

== setop/two-masked-columns
user: alice
sql: SELECT phone FROM vault.accounts UNION ALL SELECT card FROM vault.accounts
expect: same-as SELECT phone FROM vault_ref.accounts_alice UNION ALL SELECT card FROM vault_ref.accounts_alice

== setop/nested
user: alice
sql: (SELECT id FROM vault.accounts WHERE region = 'US' UNION SELECT id FROM vault.accounts WHERE region = 'APAC') UNION ALL SELECT id FROM vault.ledger
expect: same-as SELECT id FROM vault.ledger

== setop/in-subquery-count
user: alice
sql: SELECT count(*) AS n FROM (SELECT id FROM vault.accounts UNION ALL SELECT id FROM vault.accounts)
expect: same-as SELECT count(*) AS n FROM (SELECT id FROM vault_ref.accounts_alice UNION ALL SELECT id FROM vault_ref.accounts_alice)

== setop/union-with-denied-column
user: alice
sql: SELECT name FROM vault.ledger UNION ALL SELECT secret FROM vault.accounts
expect: refused

== pivot/over-subquery-null-mask
user: alice
sql: SELECT * FROM (SELECT region, balance FROM vault.accounts) PIVOT (sum(balance) FOR region IN ('EU' AS eu, 'US' AS us))
expect: same-as SELECT * FROM (SELECT region, balance FROM vault_ref.accounts_alice) PIVOT (sum(balance) FOR region IN ('EU' AS eu, 'US' AS us))

== pivot/count-by-region
user: alice
sql: SELECT * FROM (SELECT region, id FROM vault.accounts) PIVOT (count(id) FOR region IN ('EU' AS eu, 'US' AS us, 'APAC' AS apac))
expect: same-as SELECT * FROM (SELECT region, id FROM vault_ref.accounts_alice) PIVOT (count(id) FOR region IN ('EU' AS eu, 'US' AS us, 'APAC' AS apac))

== pivot/masked-values
user: alice
sql: SELECT * FROM (SELECT owner, pin FROM vault.accounts) PIVOT (max(pin) FOR owner IN ('alice' AS a, 'bob' AS b, 'dave' AS d))
expect: same-as SELECT * FROM (SELECT owner, pin FROM vault_ref.accounts_alice) PIVOT (max(pin) FOR owner IN ('alice' AS a, 'bob' AS b, 'dave' AS d))

== pivot/on-table-groups-by-every-column
user: alice
sql: SELECT * FROM vault.accounts PIVOT (sum(balance) FOR region IN ('EU' AS eu, 'US' AS us))
expect: refused

== pivot/on-table-selecting-one-column
user: alice
sql: SELECT id FROM vault.accounts PIVOT (count(*) FOR region IN ('EU' AS eu))
expect: refused-or-same-as SELECT id FROM vault_ref.accounts_alice PIVOT (count(*) FOR region IN ('EU' AS eu))

== unpivot/over-subquery
user: alice
sql: SELECT * FROM (SELECT id, name, phone FROM vault.accounts) UNPIVOT (val FOR col IN (name, phone))
expect: same-as SELECT * FROM (SELECT id, name, phone FROM vault_ref.accounts_alice) UNPIVOT (val FOR col IN (name, phone))

== unpivot/on-table
user: alice
sql: SELECT id, col, val FROM vault.accounts UNPIVOT (val FOR col IN (name, card))
expect: refused-or-same-as SELECT id, col, val FROM vault_ref.accounts_alice UNPIVOT (val FOR col IN (name, card))

== unpivot/include-nulls
user: alice
sql: SELECT * FROM (SELECT id, card, email FROM vault.accounts) UNPIVOT INCLUDE NULLS (val FOR col IN (card, email))
expect: same-as SELECT * FROM (SELECT id, card, email FROM vault_ref.accounts_alice) UNPIVOT INCLUDE NULLS (val FOR col IN (card, email))

== unpivot/denied-column
user: alice
sql: SELECT id, col, val FROM vault.accounts UNPIVOT (val FOR col IN (name, secret))
expect: refused

== lateral/explode
user: alice
sql: SELECT id, x FROM vault.accounts LATERAL VIEW explode(array(name, card, phone)) t AS x
expect: same-as SELECT id, x FROM vault_ref.accounts_alice LATERAL VIEW explode(array(name, card, phone)) t AS x

== lateral/outer
user: alice
sql: SELECT id, x FROM vault.accounts LATERAL VIEW OUTER explode(array(email)) t AS x
expect: same-as SELECT id, x FROM vault_ref.accounts_alice LATERAL VIEW OUTER explode(array(email)) t AS x

== lateral/posexplode
user: alice
sql: SELECT id, p, x FROM vault.accounts LATERAL VIEW posexplode(array(name, card)) t AS p, x
expect: same-as SELECT id, p, x FROM vault_ref.accounts_alice LATERAL VIEW posexplode(array(name, card)) t AS p, x

== lateral/two-views
user: alice
sql: SELECT id, x, y FROM vault.accounts LATERAL VIEW explode(array(name)) t1 AS x LATERAL VIEW explode(array(pin)) t2 AS y
expect: same-as SELECT id, x, y FROM vault_ref.accounts_alice LATERAL VIEW explode(array(name)) t1 AS x LATERAL VIEW explode(array(pin)) t2 AS y

== lateral/with-alias-qualified
user: alice
sql: SELECT a.id, t.x FROM vault.accounts a LATERAL VIEW explode(array(a.born)) t AS x
expect: same-as SELECT a.id, t.x FROM vault_ref.accounts_alice a LATERAL VIEW explode(array(a.born)) t AS x

== lateral/denied-column
user: alice
sql: SELECT id, x FROM vault.accounts LATERAL VIEW explode(array(name, secret)) t AS x
expect: refused

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

== hof/filter
user: alice
sql: SELECT id, filter(array(name, email, phone), v -> v IS NOT NULL) AS f FROM vault.accounts
expect: same-as SELECT id, filter(array(name, email, phone), v -> v IS NOT NULL) AS f FROM vault_ref.accounts_alice

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

== hof/forall
user: alice
sql: SELECT id FROM vault.accounts WHERE forall(array(phone), v -> v LIKE '+49%')
expect: same-as SELECT id FROM vault_ref.accounts_alice WHERE forall(array(phone), v -> v LIKE '+49%')

== hof/zip-with
user: alice
sql: SELECT id, zip_with(array(name), array(card), (a, b) -> concat(a, b)) AS z FROM vault.accounts
expect: same-as SELECT id, zip_with(array(name), array(card), (a, b) -> concat(a, b)) AS z FROM vault_ref.accounts_alice

== hof/map-from-columns
user: alice
sql: SELECT id, map(name, phone) AS m FROM vault.accounts WHERE name IS NOT NULL
expect: same-as SELECT id, map(name, phone) AS m FROM vault_ref.accounts_alice WHERE name IS NOT NULL

== hof/reduce-collected
user: alice
sql: SELECT reduce(collect_list(pin), 0, (a, b) -> a + b) AS s FROM vault.accounts
expect: same-as SELECT reduce(collect_list(pin), 0, (a, b) -> a + b) AS s FROM vault_ref.accounts_alice

== hof/array-sort-collected
user: alice
sql: SELECT array_sort(collect_list(card)) AS c FROM vault.accounts
expect: same-as SELECT array_sort(collect_list(card)) AS c FROM vault_ref.accounts_alice

== hof/named-struct
user: alice
sql: SELECT named_struct('n', name, 'c', card) AS s FROM vault.accounts
expect: same-as SELECT named_struct('n', name, 'c', card) AS s FROM vault_ref.accounts_alice

== hof/to-json
user: alice
sql: SELECT to_json(named_struct('n', name, 'b', balance, 'p', pin)) AS j FROM vault.accounts
expect: same-as SELECT to_json(named_struct('n', name, 'b', balance, 'p', pin)) AS j FROM vault_ref.accounts_alice

== hof/lambda-variable-named-like-denied-column
user: alice
sql: SELECT id, transform(array(name), secret -> upper(secret)) AS t FROM vault.accounts
expect: same-as SELECT id, transform(array(name), secret -> upper(secret)) AS t FROM vault_ref.accounts_alice

== hof/denied-column-in-array
user: alice
sql: SELECT transform(array(secret), v -> length(v)) AS t FROM vault.accounts
expect: refused

== hof/denied-column-from-lambda-body
user: alice
sql: SELECT id, transform(array(name), v -> concat(v, secret)) AS t FROM vault.accounts
expect: refused

== agg/count-distinct-hash
user: alice
sql: SELECT count(DISTINCT email) AS n FROM vault.accounts
expect: same-as SELECT count(DISTINCT email) AS n FROM vault_ref.accounts_alice

== agg/min-max-name
user: alice
sql: SELECT min(name) AS lo, max(name) AS hi FROM vault.accounts
expect: same-as SELECT min(name) AS lo, max(name) AS hi FROM vault_ref.accounts_alice

== agg/balance-null-mask
user: alice
sql: SELECT max(balance) AS m, sum(balance) AS s, avg(balance) AS a FROM vault.accounts
expect: same-as SELECT max(balance) AS m, sum(balance) AS s, avg(balance) AS a FROM vault_ref.accounts_alice

== agg/sum-masked-number
user: alice
sql: SELECT sum(pin) AS s FROM vault.accounts
expect: same-as SELECT sum(pin) AS s FROM vault_ref.accounts_alice

== agg/avg-custom-mask
user: alice
sql: SELECT avg(score) AS a, max(score) AS m FROM vault.accounts
expect: same-as SELECT avg(score) AS a, max(score) AS m FROM vault_ref.accounts_alice

== agg/collect-list
user: alice
sql: SELECT sort_array(collect_list(name)) AS n FROM vault.accounts
expect: same-as SELECT sort_array(collect_list(name)) AS n FROM vault_ref.accounts_alice

== agg/collect-set
user: alice
sql: SELECT sort_array(collect_set(card)) AS c FROM vault.accounts
expect: same-as SELECT sort_array(collect_set(card)) AS c FROM vault_ref.accounts_alice

== agg/min-by
user: alice
sql: SELECT min_by(name, pin) AS n FROM vault.accounts
expect: same-as SELECT min_by(name, pin) AS n FROM vault_ref.accounts_alice

== agg/max-by-born
user: alice
sql: SELECT max_by(phone, born) AS p, max(born) AS b FROM vault.accounts
expect: same-as SELECT max_by(phone, born) AS p, max(born) AS b FROM vault_ref.accounts_alice

== agg/percentile
user: alice
sql: SELECT percentile(pin, 0.5) AS p FROM vault.accounts
expect: same-as SELECT percentile(pin, 0.5) AS p FROM vault_ref.accounts_alice

== agg/approx-count-distinct
user: alice
sql: SELECT approx_count_distinct(phone) AS n FROM vault.accounts
expect: same-as SELECT approx_count_distinct(phone) AS n FROM vault_ref.accounts_alice

== agg/joined-strings
user: alice
sql: SELECT array_join(sort_array(collect_list(card)), ',') AS c FROM vault.accounts
expect: same-as SELECT array_join(sort_array(collect_list(card)), ',') AS c FROM vault_ref.accounts_alice

== agg/group-by-masked
user: alice
sql: SELECT name, count(*) AS n FROM vault.accounts GROUP BY name
expect: same-as SELECT name, count(*) AS n FROM vault_ref.accounts_alice GROUP BY name

== agg/group-by-masked-date
user: alice
sql: SELECT born, count(*) AS n FROM vault.accounts GROUP BY born
expect: same-as SELECT born, count(*) AS n FROM vault_ref.accounts_alice GROUP BY born

== agg/group-by-all
user: alice
sql: SELECT region, pin, count(*) AS n FROM vault.accounts GROUP BY ALL
expect: same-as SELECT region, pin, count(*) AS n FROM vault_ref.accounts_alice GROUP BY region, pin

== agg/grouping-sets
user: alice
sql: SELECT region, owner, count(*) AS n FROM vault.accounts GROUP BY GROUPING SETS ((region), (owner), ())
expect: same-as SELECT region, owner, count(*) AS n FROM vault_ref.accounts_alice GROUP BY GROUPING SETS ((region), (owner), ())

== agg/rollup
user: alice
sql: SELECT region, owner, sum(pin) AS s FROM vault.accounts GROUP BY ROLLUP (region, owner)
expect: same-as SELECT region, owner, sum(pin) AS s FROM vault_ref.accounts_alice GROUP BY ROLLUP (region, owner)

== agg/cube
user: alice
sql: SELECT region, owner, count(*) AS n FROM vault.accounts GROUP BY CUBE (region, owner)
expect: same-as SELECT region, owner, count(*) AS n FROM vault_ref.accounts_alice GROUP BY CUBE (region, owner)

== agg/with-rollup
user: alice
sql: SELECT region, count(*) AS n FROM vault.accounts GROUP BY region WITH ROLLUP
expect: same-as SELECT region, count(*) AS n FROM vault_ref.accounts_alice GROUP BY region WITH ROLLUP

== agg/having-on-custom-mask
user: alice
sql: SELECT owner, count(*) AS n FROM vault.accounts GROUP BY owner HAVING max(score) > 100
expect: same-as SELECT owner, count(*) AS n FROM vault_ref.accounts_alice GROUP BY owner HAVING max(score) > 100

== agg/filter-clause
user: alice
sql: SELECT count(*) FILTER (WHERE balance > 0) AS n FROM vault.accounts
expect: same-as SELECT count(*) FILTER (WHERE balance > 0) AS n FROM vault_ref.accounts_alice

== agg/denied-column-group-by
user: alice
sql: SELECT count(*) FROM vault.accounts GROUP BY secret
expect: refused

== agg/denied-column-having
user: alice
sql: SELECT region FROM vault.accounts GROUP BY region HAVING max(secret) IS NOT NULL
expect: refused

== agg/denied-column-count
user: alice
sql: SELECT count(secret) FROM vault.accounts
expect: refused

== window/rank-over-null-mask
user: alice
sql: SELECT id, rank() OVER (ORDER BY balance) AS r FROM vault.accounts
expect: same-as SELECT id, rank() OVER (ORDER BY balance) AS r FROM vault_ref.accounts_alice

== window/sum-by-region
user: alice
sql: SELECT id, sum(pin) OVER (PARTITION BY region) AS s FROM vault.accounts
expect: same-as SELECT id, sum(pin) OVER (PARTITION BY region) AS s FROM vault_ref.accounts_alice

== window/lag
user: alice
sql: SELECT id, lag(name) OVER (ORDER BY id) AS prev FROM vault.accounts
expect: same-as SELECT id, lag(name) OVER (ORDER BY id) AS prev FROM vault_ref.accounts_alice

== window/first-value
user: alice
sql: SELECT id, first_value(card) OVER (PARTITION BY owner ORDER BY id) AS f FROM vault.accounts
expect: same-as SELECT id, first_value(card) OVER (PARTITION BY owner ORDER BY id) AS f FROM vault_ref.accounts_alice

== window/partition-by-masked
user: alice
sql: SELECT id, count(*) OVER (PARTITION BY pin) AS c FROM vault.accounts
expect: same-as SELECT id, count(*) OVER (PARTITION BY pin) AS c FROM vault_ref.accounts_alice

== window/percent-rank
user: alice
sql: SELECT id, percent_rank() OVER (ORDER BY pin) AS p FROM vault.accounts
expect: same-as SELECT id, percent_rank() OVER (ORDER BY pin) AS p FROM vault_ref.accounts_alice

== window/dense-rank-by-masked-name
user: alice
sql: SELECT id, dense_rank() OVER (ORDER BY name) AS d FROM vault.accounts
expect: same-as SELECT id, dense_rank() OVER (ORDER BY name) AS d FROM vault_ref.accounts_alice

== window/named-window
user: alice
sql: SELECT id, max(born) OVER w AS m FROM vault.accounts WINDOW w AS (PARTITION BY owner)
expect: same-as SELECT id, max(born) OVER w AS m FROM vault_ref.accounts_alice WINDOW w AS (PARTITION BY owner)

== window/first-row-per-region
user: alice
sql: SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY region ORDER BY id) AS rn FROM vault.accounts) WHERE rn = 1
expect: same-as SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY region ORDER BY id) AS rn FROM vault_ref.accounts_alice) WHERE rn = 1

== window/frame
user: alice
sql: SELECT id, sum(score) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS s FROM vault.accounts
expect: same-as SELECT id, sum(score) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS s FROM vault_ref.accounts_alice

== window/denied-column-partition
user: alice
sql: SELECT id, row_number() OVER (PARTITION BY secret ORDER BY id) AS r FROM vault.accounts
expect: refused

== window/denied-column-order
user: alice
sql: SELECT id, rank() OVER (ORDER BY secret) AS r FROM vault.accounts
expect: refused

== predicate/null-mask-greater
user: alice
sql: SELECT id FROM vault.accounts WHERE balance > 0
expect: same-as SELECT id FROM vault_ref.accounts_alice WHERE balance > 0

== predicate/null-mask-is-null
user: alice
sql: SELECT id FROM vault.accounts WHERE balance IS NULL
expect: same-as SELECT id FROM vault_ref.accounts_alice

== predicate/masked-equals-raw-value
user: alice
sql: SELECT id FROM vault.accounts WHERE name = 'Berta Bauer'
expect: rows

== predicate/masked-equals-masked-value
user: alice
sql: SELECT id FROM vault.accounts WHERE name = 'Xxxxx Xxxxx'
expect: rows
row: 2

== predicate/card-raw-prefix
user: alice
sql: SELECT id FROM vault.accounts WHERE card LIKE '5500-S%'
expect: rows

== predicate/phone-raw-prefix
user: alice
sql: SELECT id FROM vault.accounts WHERE phone LIKE '+49 30%'
expect: rows

== predicate/pin-raw-value
user: alice
sql: SELECT id FROM vault.accounts WHERE pin = 1234
expect: rows

== predicate/pin-masked-value
user: alice
sql: SELECT id FROM vault.accounts WHERE pin = 1111
expect: rows
row: 2
row: 7

== predicate/born-month
user: alice
sql: SELECT id FROM vault.accounts WHERE month(born) = 5
expect: rows

== predicate/custom-mask-rounded
user: alice
sql: SELECT id FROM vault.accounts WHERE score = 988
expect: rows
row: 1

== predicate/email-raw-value
user: alice
sql: SELECT id FROM vault.accounts WHERE email = 'otto@example.com'
expect: rows

== predicate/email-hash-of-value
user: alice
sql: SELECT id FROM vault.accounts WHERE email = sha2('otto@example.com', 256)
expect: rows
row: 7

== predicate/or-true-does-not-widen
user: alice
sql: SELECT id FROM vault.accounts WHERE region = 'US' OR 1 = 1
expect: same-as SELECT id FROM vault_ref.accounts_alice

== predicate/not-the-filter
user: alice
sql: SELECT id FROM vault.accounts WHERE NOT region = 'EU'
expect: rows

== predicate/hidden-row-id
user: alice
sql: SELECT name FROM vault.accounts WHERE id = 7770004
expect: rows

== predicate/between-raw-amounts
user: alice
sql: SELECT id FROM vault.accounts WHERE balance BETWEEN 1000 AND 999999999
expect: rows

== predicate/in-list-raw-pins
user: alice
sql: SELECT id FROM vault.accounts WHERE pin IN (1234, 4321, 8888)
expect: rows

== predicate/substring-oracle
user: alice
sql: SELECT id FROM vault.accounts WHERE substr(card, 6, 1) = 'S'
expect: rows

== predicate/lengths-of-visible-rows
user: alice
sql: SELECT id, length(name) AS n FROM vault.accounts
expect: same-as SELECT id, length(name) AS n FROM vault_ref.accounts_alice

== predicate/order-by-masked-limit
user: alice
sql: SELECT id FROM vault.accounts ORDER BY name NULLS LAST LIMIT 1
expect: rows
row: 6

== predicate/coalesce-null-mask
user: alice
sql: SELECT id FROM vault.accounts WHERE coalesce(balance, -1) = -1
expect: same-as SELECT id FROM vault_ref.accounts_alice

== predicate/case-oracle
user: alice
sql: SELECT count(*) AS n FROM vault.accounts WHERE CASE WHEN pin > 500000 THEN true ELSE false END
expect: rows
row: 0

== predicate/count-oracle
user: alice
sql: SELECT count(*) AS n FROM vault.accounts WHERE balance > 900000000
expect: rows
row: 0

== predicate/denied-column-where
user: alice
sql: SELECT id FROM vault.accounts WHERE secret LIKE 'RAW%'
expect: refused

== predicate/denied-column-order-by
user: alice
sql: SELECT id FROM vault.accounts ORDER BY secret
expect: refused

== predicate/denied-column-in-cast
user: alice
sql: SELECT id FROM vault.accounts WHERE CAST(secret AS INT) IS NULL
expect: refused

== sample/percent
user: alice
sql: SELECT id, name FROM vault.accounts TABLESAMPLE (100 PERCENT)
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== sample/rows
user: alice
sql: SELECT id, name FROM vault.accounts TABLESAMPLE (100 ROWS)
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== sample/bucket
user: alice
sql: SELECT id, name FROM vault.accounts TABLESAMPLE (BUCKET 1 OUT OF 1)
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== sample/with-alias
user: alice
sql: SELECT a.id, a.card FROM vault.accounts TABLESAMPLE (100 PERCENT) a
expect: refused-or-same-as SELECT id, card FROM vault_ref.accounts_alice

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

== star/qualified-star
user: alice
sql: SELECT a.* FROM vault.accounts a
expect: refused

== star/table-statement
user: alice
sql: TABLE vault.accounts
expect: refused

== star/struct-star
user: alice
sql: SELECT struct(*) FROM vault.accounts
expect: refused

== star/hash-star
user: alice
sql: SELECT hash(*) FROM vault.accounts
expect: refused

== star/json-of-qualified-star
user: alice
sql: SELECT to_json(struct(a.*)) FROM vault.accounts a
expect: refused

== star/md5-of-json-of-star
user: alice
sql: SELECT md5(to_json(struct(*))) FROM vault.accounts
expect: refused

== star/both-sides-of-join
user: alice
sql: SELECT l.*, a.* FROM vault.ledger l JOIN vault.accounts a ON a.id = l.account_id
expect: refused

== star/open-side-of-join
user: alice
sql: SELECT l.* FROM vault.ledger l JOIN vault.accounts a ON a.id = l.account_id
expect: same-as SELECT l.* FROM vault.ledger l JOIN vault_ref.accounts_alice a ON a.id = l.account_id

== star/in-subquery
user: alice
sql: SELECT id, name FROM (SELECT * FROM vault.accounts)
expect: refused-or-same-as SELECT id, name FROM vault_ref.accounts_alice

== star/in-exists
user: alice
sql: SELECT id FROM vault.ledger WHERE EXISTS (SELECT * FROM vault.accounts a WHERE a.id = ledger.account_id)
expect: refused-or-same-as SELECT id FROM vault.ledger WHERE EXISTS (SELECT * FROM vault_ref.accounts_alice a WHERE a.id = ledger.account_id)

== star/count-star-reads-no-column
user: alice
sql: SELECT count(*) AS n FROM vault.accounts
expect: same-as SELECT count(*) AS n FROM vault_ref.accounts_alice

== star/regex-column-names
user: alice
setup: SET spark.sql.parser.quotedRegexColumnNames=true
sql: SELECT `se.*` FROM vault.accounts
expect: refused

== denied/select
user: alice
sql: SELECT secret FROM vault.accounts
expect: refused

== denied/upper-case
user: alice
sql: SELECT Secret FROM vault.accounts
expect: refused

== denied/back-quoted
user: alice
sql: SELECT `secret` FROM vault.accounts
expect: refused

== denied/qualified
user: alice
sql: SELECT a.secret FROM vault.accounts a
expect: refused

== denied/in-function
user: alice
sql: SELECT length(secret) FROM vault.accounts
expect: refused

== denied/in-hash
user: alice
sql: SELECT sha2(secret, 256) FROM vault.accounts
expect: refused

== denied/in-case
user: alice
sql: SELECT CASE WHEN secret IS NULL THEN 1 ELSE 0 END FROM vault.accounts
expect: refused

== denied/with-allowed-columns
user: alice
sql: SELECT id, name, secret FROM vault.accounts
expect: refused

== locked/select
user: alice
sql: SELECT id FROM vault.locked
expect: refused

== locked/count
user: alice
sql: SELECT count(*) FROM vault.locked
expect: refused

== locked/in-subquery
user: alice
sql: SELECT id FROM vault.ledger WHERE id IN (SELECT id FROM vault.locked)
expect: refused

== locked/in-exists
user: alice
sql: SELECT EXISTS (SELECT 1 FROM vault.locked) AS e
expect: refused

== locked/reference-views
user: alice
sql: SELECT id, name FROM vault_ref.accounts_alice
expect: refused

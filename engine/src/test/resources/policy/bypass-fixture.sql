-- The data of the policy bypass corpus, made by the administrator (PolicyBypassCorpusIT). Statements end with a
-- semicolon at the end of a line. Values that no restricted user may ever see hold markers that the runner looks for
-- in every answer and error message: SECRET, 7770004, 987654321, 555666777, 987654, 246813, 1980-05-17, 1966-06-06,
-- 987.654, 555.666. The policies (in the runner): analysts (alice) see region EU only, masked, without column secret;
-- owners (bob) see their own rows (owner = current_user()) with card NULL and email masked, without secret; nobody
-- but admin reads vault.locked or vault_ref; analysts and owners may read and write vault_open. The references
-- vault_ref.accounts_alice and accounts_bob filter and mask by hand what the policies show those users; they are
-- tables, made from the data as it is, because reading views with these expressions is slow in Spark.
CREATE NAMESPACE IF NOT EXISTS vault;
CREATE NAMESPACE IF NOT EXISTS vault_open;
CREATE NAMESPACE IF NOT EXISTS vault_ref;
-- Tables cases may have made over the protected table's files: dropped, never purged, as the files are shared.
DROP TABLE IF EXISTS vault_open.reg1;
DROP TABLE IF EXISTS vault_open.loc2;
-- A rename that got through would leave the old table under the new name.
DROP TABLE IF EXISTS vault.accounts_free;
DROP TABLE IF EXISTS vault.accounts PURGE;
CREATE TABLE vault.accounts (id INT, name STRING, phone STRING, card STRING, email STRING, balance DECIMAL(12,2),
  pin INT, born DATE, score DOUBLE, region STRING, owner STRING, secret STRING) USING iceberg;
INSERT INTO vault.accounts VALUES
  (1, 'Anna SECRETNAME', '+49 SECRET 0101', '4111-SECRET-0001', 'anna@RAWSECRET.example', 987654321.00, 987654,
   DATE '1980-05-17', 987.654, 'EU', 'alice', 'RAW-SECRET-COLUMN-1'),
  (2, 'Berta Bauer', '+49 30 1234 5678', '5500-SECRET-0002', 'berta@RAWSECRET.example', 1500.00, 1234,
   DATE '1990-02-03', 2.5, 'EU', 'bob', 'RAW-SECRET-COLUMN-2'),
  (3, 'Carl Ames', '+1 555 0100', '3700-SECRET-0003', 'carl@RAWSECRET.example', 250.75, 4321,
   DATE '1970-10-10', 7.25, 'US', 'bob', 'RAW-SECRET-COLUMN-3'),
  (7770004, 'RAW-SECRET-NAME-4', '+81 SECRET 9999', '6011-SECRET-0004', 'dora@RAWSECRET.example', 555666777.00,
   246813, DATE '1966-06-06', 555.666, 'APAC', 'alice', 'RAW-SECRET-COLUMN-4');
ALTER TABLE vault.accounts CREATE OR REPLACE TAG first_tag;
INSERT INTO vault.accounts VALUES
  (5, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'EU', 'dave', NULL),
  (6, 'Zoë Ünïcode 42', '12', 'ab', '', 0.00, 7, DATE '2000-02-29', -1.5, 'EU', 'alice', 'RAW-SECRET-COLUMN-6'),
  (7, 'Otto O''Neil', '555-0199', '4111-2222-3333-0007', 'otto@example.com', 42.00, 8888, DATE '1999-12-31', 3.5,
   'EU', 'bob', 'RAW-SECRET-COLUMN-7'),
  (8, 'Uwe SECRETUS', '+1 212 SECRET 0188', '3400-SECRET-0008', 'uwe@RAWSECRET.example', 31337.00, 5150,
   DATE '1985-08-08', 9.0, 'US', 'alice', 'RAW-SECRET-COLUMN-8');
CREATE OR REPLACE TABLE vault.ledger (id INT, account_id INT, name STRING, amount DECIMAL(12,2)) USING iceberg;
INSERT INTO vault.ledger VALUES (1, 1, 'ledger one', 10.00), (2, 2, 'ledger two', 20.00),
  (3, 3, 'ledger three', 30.00), (4, 6, 'ledger four', 40.00), (5, 8, 'ledger five', 50.00),
  (6, 7, 'ledger six', 60.00);
CREATE OR REPLACE TABLE vault.locked (id INT, secret STRING) USING iceberg;
INSERT INTO vault.locked VALUES (1, 'RAW-SECRET-LOCKED-1'), (2, 'RAW-SECRET-LOCKED-2');
CREATE OR REPLACE VIEW vault.accounts_eu_v AS SELECT id, name, card, region FROM vault.accounts;
CREATE OR REPLACE VIEW vault.accounts_star_v AS SELECT * FROM vault.accounts;
CREATE OR REPLACE VIEW vault.accounts_secret_v AS SELECT id, secret FROM vault.accounts;
CREATE OR REPLACE VIEW vault.accounts_agg_v AS
  SELECT region, count(*) AS n, sum(balance) AS total, max(pin) AS top_pin FROM vault.accounts GROUP BY region;
CREATE OR REPLACE VIEW vault.accounts_vv AS SELECT id, name FROM vault.accounts_eu_v;
CREATE OR REPLACE VIEW vault.accounts_us_v AS SELECT id, name FROM vault.accounts WHERE region = 'US';
CREATE OR REPLACE VIEW vault.join_v AS
  SELECT l.id, l.name AS entry, a.name, a.balance FROM vault.ledger l JOIN vault.accounts a ON a.id = l.account_id;
CREATE OR REPLACE VIEW vault.locked_v AS SELECT id, secret FROM vault.locked;
CREATE OR REPLACE VIEW vault.ledger_v AS SELECT id, name, amount FROM vault.ledger;
CREATE OR REPLACE TABLE vault_ref.accounts_alice USING iceberg AS SELECT
  id,
  regexp_replace(regexp_replace(regexp_replace(name, r'\p{Lu}', 'X'), r'\p{Ll}', 'x'), r'\p{Nd}', 'n') AS name,
  CASE WHEN char_length(phone) <= 4 THEN phone ELSE concat(regexp_replace(left(phone, char_length(phone) - 4),
    r'[\p{Lu}\p{Ll}\p{Nd}]', 'x'), right(phone, 4)) END AS phone,
  CASE WHEN char_length(card) <= 4 THEN card ELSE concat(left(card, 4),
    regexp_replace(substr(card, 5), r'[\p{Lu}\p{Ll}\p{Nd}]', 'x')) END AS card,
  sha2(email, 256) AS email,
  CAST(NULL AS DECIMAL(12,2)) AS balance,
  CAST(translate(CAST(pin AS STRING), '0123456789', '1111111111') AS INT) AS pin,
  make_date(year(born), 1, 1) AS born,
  CAST(round(score) AS DOUBLE) AS score,
  region,
  owner
FROM vault.accounts WHERE region = 'EU';
CREATE OR REPLACE TABLE vault_ref.accounts_bob USING iceberg AS SELECT
  id, name, phone,
  CAST(NULL AS STRING) AS card,
  regexp_replace(regexp_replace(regexp_replace(email, r'\p{Lu}', 'X'), r'\p{Ll}', 'x'), r'\p{Nd}', 'n') AS email,
  balance, pin, born, score, region, owner
FROM vault.accounts WHERE owner = 'bob';
CREATE OR REPLACE VIEW vault_open.pv_admin AS SELECT id, name, card FROM vault.accounts;
CREATE OR REPLACE GLOBAL TEMPORARY VIEW admin_gv AS SELECT id, name, balance FROM vault.accounts;

-- mod_quizcontest schema, version 14: a random secret of the installation, kept in the
-- database so that every Apache node of a cluster has the same one. The secretariat's, the
-- jury's and the units' form tokens are an HMAC of it, the user Apache authenticated and the
-- browser's token cookie: a cookie planted by a sibling site or over plain HTTP is of no use
-- without the secret. Made once (INSERT IGNORE); a second run keeps it.
CREATE TABLE IF NOT EXISTS qc_secret (
  name  VARCHAR(32) NOT NULL PRIMARY KEY,
  value CHAR(64)    NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

INSERT IGNORE INTO qc_secret (name, value)
  VALUES ('form-token', SHA2(CONCAT(HEX(RANDOM_BYTES(32)), UUID()), 256));

-- ImmuQC on PostgreSQL: an owner role that runs migrations, and an app role that reads and writes rows but cannot
-- change the schema (a bug or an injected statement in the app cannot drop a table). Run as the postgres superuser:
--   sudo -u postgres psql -v owner_pw="'…'" -v app_pw="'…'" -f deploy/postgresql/roles.sql
-- then migrate as immuqc_owner and run the app as immuqc_app (deploy/env.production.example).
\set ON_ERROR_STOP on

CREATE ROLE immuqc_owner LOGIN PASSWORD :owner_pw;
CREATE ROLE immuqc_app LOGIN PASSWORD :app_pw;
CREATE DATABASE immuqc OWNER immuqc_owner ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE immuqc FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE immuqc TO immuqc_app;

\connect immuqc
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO immuqc_app;
-- Tables and sequences that migrations create later (as immuqc_owner) are usable by the app role at once:
ALTER DEFAULT PRIVILEGES FOR ROLE immuqc_owner IN SCHEMA public
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO immuqc_app;
ALTER DEFAULT PRIVILEGES FOR ROLE immuqc_owner IN SCHEMA public
  GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO immuqc_app;
-- And any that already exist (re-running after a restore made by another role):
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO immuqc_app;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO immuqc_app;

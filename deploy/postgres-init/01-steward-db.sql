-- Steward's own role and database on the shared PostgreSQL server.
--
-- Run once by the postgres image's entrypoint (mounted into
-- /docker-entrypoint-initdb.d), as the superuser, and only when the data
-- directory is empty. Temporal creates its own "temporal" and
-- "temporal_visibility" databases; Steward's data lives apart in "steward",
-- owned by a non-superuser role the application connects as.
--
-- The password is read from the postgresql container's environment
-- (STEWARD_DB_PASSWORD, set in docker-compose.yml) with psql's \getenv, so
-- no secret is stored in this file. It must match the password in the
-- application's DATABASE_URL.

\getenv steward_password STEWARD_DB_PASSWORD

\if :{?steward_password}
\else
DO $$ BEGIN
  RAISE EXCEPTION 'STEWARD_DB_PASSWORD is not set in the postgresql container environment';
END $$;
\endif

CREATE ROLE steward LOGIN PASSWORD :'steward_password';

CREATE DATABASE steward OWNER steward;

-- Only the owner (and superusers) may connect to Steward's database.
REVOKE ALL ON DATABASE steward FROM PUBLIC;

-- Since PostgreSQL 15 the public schema belongs to pg_database_owner, i.e.
-- the steward role, so drizzle migrations can create tables there.

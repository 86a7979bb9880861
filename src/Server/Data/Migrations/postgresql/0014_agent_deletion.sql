-- 0014 agent deletion: an admin deletes a revoked or never-enrolled agent from the fleet. The row
-- stays (certificates, configuration envelopes, write requests and the audit log refer to it) and
-- is marked deleted; its name is free again in its site.
ALTER TABLE agents ADD COLUMN deleted_at timestamptz;
DROP INDEX ux_agents_site_id_name;
CREATE UNIQUE INDEX ux_agents_site_id_name ON agents (site_id, name) WHERE deleted_at IS NULL;

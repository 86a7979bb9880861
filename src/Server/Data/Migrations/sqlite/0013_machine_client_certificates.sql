-- 0013 machine-client certificates: a client certificate our CA issues to an OAuth2 machine client
-- (kind 'MachineClient') names that client, so that revoking the client revokes its certificates.
ALTER TABLE issued_certificates ADD COLUMN machine_client_id TEXT REFERENCES machine_clients (id) ON DELETE RESTRICT;
CREATE INDEX ix_issued_certificates_machine_client_id ON issued_certificates (machine_client_id);

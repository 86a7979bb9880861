-- 0008 site UNS prefix: the Enterprise/Site subtree a site's agents may publish below (MQTT ACL).
-- Existing sites get none (NULL): their agents publish no UNS data until an admin assigns one.
ALTER TABLE sites ADD COLUMN uns_prefix varchar(129) NULL;
CREATE UNIQUE INDEX ux_sites_uns_prefix ON sites (uns_prefix);

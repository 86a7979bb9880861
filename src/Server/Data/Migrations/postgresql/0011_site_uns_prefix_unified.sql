-- 0011 one site UNS prefix: site_namespaces (0007, Enterprise + Site as the tag map states them) is
-- the only record of a site's place in the UNS; the MQTT ACLs read it too. A site with a prefix in
-- sites.uns_prefix (0008) and no namespace gets that prefix as its namespace. Where both exist the
-- namespace stays (the stored tag-map paths depend on it); a prefix that another site already has
-- as its namespace is dropped (two sites never share one). Then the duplicate column goes.
INSERT INTO site_namespaces (site_id, enterprise, name, created_at)
SELECT s.id, split_part(s.uns_prefix, '/', 1), split_part(s.uns_prefix, '/', 2), s.created_at
FROM sites s
WHERE s.uns_prefix IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM site_namespaces n WHERE n.site_id = s.id)
  AND NOT EXISTS (
      SELECT 1 FROM site_namespaces n
      WHERE n.enterprise = split_part(s.uns_prefix, '/', 1) AND n.name = split_part(s.uns_prefix, '/', 2));
DROP INDEX ux_sites_uns_prefix;
ALTER TABLE sites DROP COLUMN uns_prefix;

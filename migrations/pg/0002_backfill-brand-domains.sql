-- Brands created before destination domains existed get their website's domain registered,
-- as new brands do at creation.
INSERT INTO "brand_domains" ("id", "brand_id", "domain")
SELECT 'dom_' || substr(md5(random()::text || b."id"), 1, 26),
       b."id",
       regexp_replace(lower(split_part(split_part(split_part(b."website", '://', 2), '/', 1), ':', 1)), '^www\.', '')
FROM "brands" b
ON CONFLICT DO NOTHING;

-- the checks of the extract of data source 'borgere' (spec §4.7), table "borgere"
-- the rows of the table, and for each check the rows that break it
SELECT COUNT(*) AS maal_rows,
  -- required alder
  COALESCE(SUM(CASE WHEN ("alder" IS NULL) THEN 1 ELSE 0 END), 0) AS maal_c1,
  -- ydelse in ("kontanthjælp", "starthjælp", "sygedagpenge", "dagpenge")
  COALESCE(SUM(CASE WHEN ("ydelse" IS NOT NULL AND NOT COALESCE(("ydelse" IN ('kontanthjælp', 'starthjælp', 'sygedagpenge', 'dagpenge')), TRUE)) THEN 1 ELSE 0 END), 0) AS maal_c2,
  -- alder between 16 and 99
  COALESCE(SUM(CASE WHEN ("alder" IS NOT NULL AND NOT COALESCE(("alder" BETWEEN 16 AND 99), TRUE)) THEN 1 ELSE 0 END), 0) AS maal_c3
FROM "borgere";

-- required alder: the first rows that break it, by line
SELECT "maal_linje" AS maal_line, CAST(NULL AS BIGINT) AS maal_first, CAST("person_id" AS TEXT) AS maal_id, CAST("alder" AS TEXT) AS maal_v1
FROM "borgere"
WHERE ("alder" IS NULL)
ORDER BY "maal_linje"
LIMIT 5;

-- ydelse in ("kontanthjælp", "starthjælp", "sygedagpenge", "dagpenge"): the first rows that break it, by line
SELECT "maal_linje" AS maal_line, CAST(NULL AS BIGINT) AS maal_first, CAST("person_id" AS TEXT) AS maal_id, CAST("ydelse" AS TEXT) AS maal_v1
FROM "borgere"
WHERE ("ydelse" IS NOT NULL AND NOT COALESCE(("ydelse" IN ('kontanthjælp', 'starthjælp', 'sygedagpenge', 'dagpenge')), TRUE))
ORDER BY "maal_linje"
LIMIT 5;

-- alder between 16 and 99: the first rows that break it, by line
SELECT "maal_linje" AS maal_line, CAST(NULL AS BIGINT) AS maal_first, CAST("person_id" AS TEXT) AS maal_id, CAST("alder" AS TEXT) AS maal_v1
FROM "borgere"
WHERE ("alder" IS NOT NULL AND NOT COALESCE(("alder" BETWEEN 16 AND 99), TRUE))
ORDER BY "maal_linje"
LIMIT 5;
-- the checks of the extract of data source 'forloeb' (spec §4.7), table "forloeb"
-- the rows of the table, and for each check the rows that break it
SELECT COUNT(*) AS maal_rows,
  -- unique (person_id, type)
  (SELECT COALESCE(SUM(maal_n - 1), 0) FROM (SELECT COUNT(*) AS maal_n FROM "forloeb" WHERE "person_id" IS NOT NULL AND "type" IS NOT NULL GROUP BY "person_id", "type") AS maal_u) AS maal_c1,
  -- rows at least 1
  CASE WHEN COUNT(*) < 1 THEN 1 ELSE 0 END AS maal_c2,
  -- rows at most 3
  CASE WHEN COUNT(*) > 3 THEN 1 ELSE 0 END AS maal_c3
FROM "forloeb";

-- unique (person_id, type): the first rows that break it, by line
SELECT "maal_linje" AS maal_line, maal_first, CAST(NULL AS TEXT) AS maal_id, CAST("person_id" AS TEXT) AS maal_v1, CAST("type" AS TEXT) AS maal_v2
FROM (SELECT maal_t.*, ROW_NUMBER() OVER (PARTITION BY "person_id", "type" ORDER BY "maal_linje") AS maal_nr,
             MIN("maal_linje") OVER (PARTITION BY "person_id", "type") AS maal_first
      FROM "forloeb" AS maal_t WHERE "person_id" IS NOT NULL AND "type" IS NOT NULL) AS maal_u
WHERE maal_nr > 1
ORDER BY "maal_linje"
LIMIT 5;

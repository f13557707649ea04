-- the checks of the extract of data source 'borgere' (spec §4.7), table "borgere"
-- the rows of the table, and for each check the rows that break it
SELECT COUNT(*) AS maal_rows,
  -- unik person_id
  (SELECT COALESCE(SUM(maal_n - 1), 0) FROM (SELECT COUNT(*) AS maal_n FROM "borgere" WHERE "person_id" IS NOT NULL GROUP BY "person_id") AS maal_u) AS maal_c1,
  -- unik (person_id, jobcenter)
  (SELECT COALESCE(SUM(maal_n - 1), 0) FROM (SELECT COUNT(*) AS maal_n FROM "borgere" WHERE "person_id" IS NOT NULL AND "jobcenter" IS NOT NULL GROUP BY "person_id", "jobcenter") AS maal_u) AS maal_c2,
  -- påkrævet alder, jobcenter
  COALESCE(SUM(CASE WHEN ("alder" IS NULL OR "jobcenter" IS NULL) THEN 1 ELSE 0 END), 0) AS maal_c3,
  -- ydelse i ("kontanthjælp", "starthjælp", "sygedagpenge", "dagpenge")
  COALESCE(SUM(CASE WHEN ("ydelse" IS NOT NULL AND NOT COALESCE(("ydelse" IN ('kontanthjælp', 'starthjælp', 'sygedagpenge', 'dagpenge')), TRUE)) THEN 1 ELSE 0 END), 0) AS maal_c4,
  -- alder mellem 18 og 99
  COALESCE(SUM(CASE WHEN ("alder" IS NOT NULL AND NOT COALESCE(("alder" BETWEEN 18 AND 99), TRUE)) THEN 1 ELSE 0 END), 0) AS maal_c5,
  -- alder (15..100]
  COALESCE(SUM(CASE WHEN ("alder" IS NOT NULL AND NOT COALESCE((("alder" > 15) AND ("alder" <= 100)), TRUE)) THEN 1 ELSE 0 END), 0) AS maal_c6,
  -- start mellem 2007-01-01 og 2007-12-31
  COALESCE(SUM(CASE WHEN ("start" IS NOT NULL AND NOT COALESCE(("start" BETWEEN DATE '2007-01-01' AND DATE '2007-12-31'), TRUE)) THEN 1 ELSE 0 END), 0) AS maal_c7,
  -- rækker mindst 20
  CASE WHEN COUNT(*) < 20 THEN 1 ELSE 0 END AS maal_c8,
  -- rækker højst 1.000
  CASE WHEN COUNT(*) > 1000 THEN 1 ELSE 0 END AS maal_c9
FROM "borgere";

-- unik person_id: the first rows that break it, by line
SELECT "maal_linje" AS maal_line, maal_first, CAST(NULL AS TEXT) AS maal_id, CAST("person_id" AS TEXT) AS maal_v1
FROM (SELECT maal_t.*, ROW_NUMBER() OVER (PARTITION BY "person_id" ORDER BY "maal_linje") AS maal_nr,
             MIN("maal_linje") OVER (PARTITION BY "person_id") AS maal_first
      FROM "borgere" AS maal_t WHERE "person_id" IS NOT NULL) AS maal_u
WHERE maal_nr > 1
ORDER BY "maal_linje"
LIMIT 5;

-- unik (person_id, jobcenter): the first rows that break it, by line
SELECT "maal_linje" AS maal_line, maal_first, CAST(NULL AS TEXT) AS maal_id, CAST("person_id" AS TEXT) AS maal_v1, CAST("jobcenter" AS TEXT) AS maal_v2
FROM (SELECT maal_t.*, ROW_NUMBER() OVER (PARTITION BY "person_id", "jobcenter" ORDER BY "maal_linje") AS maal_nr,
             MIN("maal_linje") OVER (PARTITION BY "person_id", "jobcenter") AS maal_first
      FROM "borgere" AS maal_t WHERE "person_id" IS NOT NULL AND "jobcenter" IS NOT NULL) AS maal_u
WHERE maal_nr > 1
ORDER BY "maal_linje"
LIMIT 5;

-- påkrævet alder, jobcenter: the first rows that break it, by line
SELECT "maal_linje" AS maal_line, CAST(NULL AS BIGINT) AS maal_first, CAST(NULL AS TEXT) AS maal_id, CAST("alder" AS TEXT) AS maal_v1, CAST("jobcenter" AS TEXT) AS maal_v2
FROM "borgere"
WHERE ("alder" IS NULL OR "jobcenter" IS NULL)
ORDER BY "maal_linje"
LIMIT 5;

-- ydelse i ("kontanthjælp", "starthjælp", "sygedagpenge", "dagpenge"): the first rows that break it, by line
SELECT "maal_linje" AS maal_line, CAST(NULL AS BIGINT) AS maal_first, CAST(NULL AS TEXT) AS maal_id, CAST("ydelse" AS TEXT) AS maal_v1
FROM "borgere"
WHERE ("ydelse" IS NOT NULL AND NOT COALESCE(("ydelse" IN ('kontanthjælp', 'starthjælp', 'sygedagpenge', 'dagpenge')), TRUE))
ORDER BY "maal_linje"
LIMIT 5;

-- alder mellem 18 og 99: the first rows that break it, by line
SELECT "maal_linje" AS maal_line, CAST(NULL AS BIGINT) AS maal_first, CAST(NULL AS TEXT) AS maal_id, CAST("alder" AS TEXT) AS maal_v1
FROM "borgere"
WHERE ("alder" IS NOT NULL AND NOT COALESCE(("alder" BETWEEN 18 AND 99), TRUE))
ORDER BY "maal_linje"
LIMIT 5;

-- alder (15..100]: the first rows that break it, by line
SELECT "maal_linje" AS maal_line, CAST(NULL AS BIGINT) AS maal_first, CAST(NULL AS TEXT) AS maal_id, CAST("alder" AS TEXT) AS maal_v1
FROM "borgere"
WHERE ("alder" IS NOT NULL AND NOT COALESCE((("alder" > 15) AND ("alder" <= 100)), TRUE))
ORDER BY "maal_linje"
LIMIT 5;

-- start mellem 2007-01-01 og 2007-12-31: the first rows that break it, by line
SELECT "maal_linje" AS maal_line, CAST(NULL AS BIGINT) AS maal_first, CAST(NULL AS TEXT) AS maal_id, CAST("start" AS TEXT) AS maal_v1
FROM "borgere"
WHERE ("start" IS NOT NULL AND NOT COALESCE(("start" BETWEEN DATE '2007-01-01' AND DATE '2007-12-31'), TRUE))
ORDER BY "maal_linje"
LIMIT 5;

-- the checks of the extract of data source 'borgere' (spec §4.7), table `borgere`
-- the rows of the table, and for each check the rows that break it
SELECT COUNT(*) AS maal_rows,
  -- unik (aktiv, kommune)
  (SELECT COALESCE(SUM(maal_n - 1), 0) FROM (SELECT COUNT(*) AS maal_n FROM `borgere` WHERE `aktiv` IS NOT NULL AND `kommune` IS NOT NULL GROUP BY `aktiv`, `kommune`) AS maal_u) AS maal_c1,
  -- unik navn
  (SELECT COALESCE(SUM(maal_n - 1), 0) FROM (SELECT COUNT(*) AS maal_n FROM `borgere` WHERE `navn` IS NOT NULL GROUP BY `navn`) AS maal_u) AS maal_c2,
  -- påkrævet beloeb, navn, maaned
  COALESCE(SUM(CASE WHEN (`beloeb` IS NULL OR `navn` IS NULL OR `maaned` IS NULL) THEN 1 ELSE 0 END), 0) AS maal_c3,
  -- beloeb mellem 0 og 1000,5
  COALESCE(SUM(CASE WHEN (`beloeb` IS NOT NULL AND NOT COALESCE((`beloeb` BETWEEN 0 AND 1000.5), TRUE)) THEN 1 ELSE 0 END), 0) AS maal_c4,
  -- beloeb [-1..2,25)
  COALESCE(SUM(CASE WHEN (`beloeb` IS NOT NULL AND NOT COALESCE(((`beloeb` >= (-1)) AND (`beloeb` < 2.25)), TRUE)) THEN 1 ELSE 0 END), 0) AS maal_c5,
  -- maaned mellem 2007-01 og 2007-06
  COALESCE(SUM(CASE WHEN (`maaned` IS NOT NULL AND NOT COALESCE(((year(`maaned`) * 12 + month(`maaned`) - 1) BETWEEN 24084 AND 24089), TRUE)) THEN 1 ELSE 0 END), 0) AS maal_c6,
  -- unik (kv, kommune)
  (SELECT COALESCE(SUM(maal_n - 1), 0) FROM (SELECT COUNT(*) AS maal_n FROM `borgere` WHERE `kv` IS NOT NULL AND `kommune` IS NOT NULL GROUP BY `kv`, `kommune`) AS maal_u) AS maal_c7,
  -- navn i ("Anne", "Bo")
  COALESCE(SUM(CASE WHEN (`navn` IS NOT NULL AND NOT COALESCE((`navn` IN ('Anne', 'Bo')), TRUE)) THEN 1 ELSE 0 END), 0) AS maal_c8,
  -- start mellem 2007-01-01 og 2007-12-31
  COALESCE(SUM(CASE WHEN (`start` IS NOT NULL AND NOT COALESCE((`start` BETWEEN DATE '2007-01-01' AND DATE '2007-12-31'), TRUE)) THEN 1 ELSE 0 END), 0) AS maal_c9
FROM `borgere`;

-- unik (aktiv, kommune): the first rows that break it, by line
SELECT `maal_linje` AS maal_line, maal_first, CAST(NULL AS STRING) AS maal_id, CAST(`aktiv` AS STRING) AS maal_v1, CAST(`kommune` AS STRING) AS maal_v2
FROM (SELECT maal_t.*, ROW_NUMBER() OVER (PARTITION BY `aktiv`, `kommune` ORDER BY `maal_linje`) AS maal_nr,
             MIN(`maal_linje`) OVER (PARTITION BY `aktiv`, `kommune`) AS maal_first
      FROM `borgere` AS maal_t WHERE `aktiv` IS NOT NULL AND `kommune` IS NOT NULL) AS maal_u
WHERE maal_nr > 1
ORDER BY `maal_linje`
LIMIT 5;

-- unik navn: the first rows that break it, by line
SELECT `maal_linje` AS maal_line, maal_first, CAST(NULL AS STRING) AS maal_id, CAST(`navn` AS STRING) AS maal_v1
FROM (SELECT maal_t.*, ROW_NUMBER() OVER (PARTITION BY `navn` ORDER BY `maal_linje`) AS maal_nr,
             MIN(`maal_linje`) OVER (PARTITION BY `navn`) AS maal_first
      FROM `borgere` AS maal_t WHERE `navn` IS NOT NULL) AS maal_u
WHERE maal_nr > 1
ORDER BY `maal_linje`
LIMIT 5;

-- påkrævet beloeb, navn, maaned: the first rows that break it, by line
SELECT `maal_linje` AS maal_line, CAST(NULL AS BIGINT) AS maal_first, CAST(`id` AS STRING) AS maal_id, CAST(`beloeb` AS STRING) AS maal_v1, CAST(`navn` AS STRING) AS maal_v2, CAST(`maaned` AS STRING) AS maal_v3
FROM `borgere`
WHERE (`beloeb` IS NULL OR `navn` IS NULL OR `maaned` IS NULL)
ORDER BY `maal_linje`
LIMIT 5;

-- beloeb mellem 0 og 1000,5: the first rows that break it, by line
SELECT `maal_linje` AS maal_line, CAST(NULL AS BIGINT) AS maal_first, CAST(`id` AS STRING) AS maal_id, CAST(`beloeb` AS STRING) AS maal_v1
FROM `borgere`
WHERE (`beloeb` IS NOT NULL AND NOT COALESCE((`beloeb` BETWEEN 0 AND 1000.5), TRUE))
ORDER BY `maal_linje`
LIMIT 5;

-- beloeb [-1..2,25): the first rows that break it, by line
SELECT `maal_linje` AS maal_line, CAST(NULL AS BIGINT) AS maal_first, CAST(`id` AS STRING) AS maal_id, CAST(`beloeb` AS STRING) AS maal_v1
FROM `borgere`
WHERE (`beloeb` IS NOT NULL AND NOT COALESCE(((`beloeb` >= (-1)) AND (`beloeb` < 2.25)), TRUE))
ORDER BY `maal_linje`
LIMIT 5;

-- maaned mellem 2007-01 og 2007-06: the first rows that break it, by line
SELECT `maal_linje` AS maal_line, CAST(NULL AS BIGINT) AS maal_first, CAST(`id` AS STRING) AS maal_id, CAST(`maaned` AS STRING) AS maal_v1
FROM `borgere`
WHERE (`maaned` IS NOT NULL AND NOT COALESCE(((year(`maaned`) * 12 + month(`maaned`) - 1) BETWEEN 24084 AND 24089), TRUE))
ORDER BY `maal_linje`
LIMIT 5;

-- unik (kv, kommune): the first rows that break it, by line
SELECT `maal_linje` AS maal_line, maal_first, CAST(NULL AS STRING) AS maal_id, CAST(`kv` AS STRING) AS maal_v1, CAST(`kommune` AS STRING) AS maal_v2
FROM (SELECT maal_t.*, ROW_NUMBER() OVER (PARTITION BY `kv`, `kommune` ORDER BY `maal_linje`) AS maal_nr,
             MIN(`maal_linje`) OVER (PARTITION BY `kv`, `kommune`) AS maal_first
      FROM `borgere` AS maal_t WHERE `kv` IS NOT NULL AND `kommune` IS NOT NULL) AS maal_u
WHERE maal_nr > 1
ORDER BY `maal_linje`
LIMIT 5;

-- navn i ("Anne", "Bo"): the first rows that break it, by line
SELECT `maal_linje` AS maal_line, CAST(NULL AS BIGINT) AS maal_first, CAST(`id` AS STRING) AS maal_id, CAST(`navn` AS STRING) AS maal_v1
FROM `borgere`
WHERE (`navn` IS NOT NULL AND NOT COALESCE((`navn` IN ('Anne', 'Bo')), TRUE))
ORDER BY `maal_linje`
LIMIT 5;

-- start mellem 2007-01-01 og 2007-12-31: the first rows that break it, by line
SELECT `maal_linje` AS maal_line, CAST(NULL AS BIGINT) AS maal_first, CAST(`id` AS STRING) AS maal_id, CAST(`start` AS STRING) AS maal_v1
FROM `borgere`
WHERE (`start` IS NOT NULL AND NOT COALESCE((`start` BETWEEN DATE '2007-01-01' AND DATE '2007-12-31'), TRUE))
ORDER BY `maal_linje`
LIMIT 5;

-- The 12 goals of bench/bench.maal as one query over the table or view
-- `borgere` (missing values are NULL), shared by sqlite3 and DuckDB.
-- 20 numbers: the numerator and denominator of the 7 shares (goals
-- 1.1-a … 1.1-g), the 4 counts (1.2-a … 1.2-d), and the sum and count
-- behind the average (1.2-e).  SQL's three-valued logic is maal's
-- (spec/maal.md §5.8): a group holds the rows whose condition is true, a
-- numerator counts the rows where its condition is true.
SELECT
  count(*) FILTER (WHERE ydelse IN ('kontanthjælp', 'starthjælp') AND alder BETWEEN 18 AND 29 AND jobplan = 'ja'),
  count(*) FILTER (WHERE ydelse IN ('kontanthjælp', 'starthjælp') AND alder BETWEEN 18 AND 29),
  count(*) FILTER (WHERE ydelse IN ('kontanthjælp', 'starthjælp') AND alder BETWEEN 50 AND 66 AND tilbud_type IS NOT NULL),
  count(*) FILTER (WHERE ydelse IN ('kontanthjælp', 'starthjælp') AND alder BETWEEN 50 AND 66),
  count(*) FILTER (WHERE ydelse IN ('kontanthjælp', 'starthjælp') AND udsat_boligomraade = 'ja' AND tilbud_status IN ('påbegyndt', 'gennemført', 'afbrudt')),
  count(*) FILTER (WHERE ydelse IN ('kontanthjælp', 'starthjælp') AND udsat_boligomraade = 'ja'),
  count(*) FILTER (WHERE ydelse IN ('kontanthjælp', 'starthjælp') AND matchgruppe BETWEEN 1 AND 3 AND afgang_aarsag IN ('ordinær beskæftigelse', 'uddannelse')),
  count(*) FILTER (WHERE ydelse IN ('kontanthjælp', 'starthjælp') AND matchgruppe BETWEEN 1 AND 3),
  count(*) FILTER (WHERE matchgruppe IN (4, 5) AND tilbud_type IN ('mentor', 'afklaringsforløb')),
  count(*) FILTER (WHERE matchgruppe IN (4, 5)),
  count(*) FILTER (WHERE ydelse IN ('kontanthjælp', 'starthjælp') AND beskaeftiget_mdr_7 >= 3),
  count(*) FILTER (WHERE ydelse IN ('kontanthjælp', 'starthjælp')),
  count(*) FILTER (WHERE herkomst_type IN ('indvandrer', 'efterkommer') AND alder < 30 AND uddannelse NOT IN ('ingen', 'grundskole')),
  count(*) FILTER (WHERE herkomst_type IN ('indvandrer', 'efterkommer') AND alder < 30),
  count(*) FILTER (WHERE boligomraade IN ('Tingbjerg-Utterslevhuse', 'Mjølnerparken', 'Akacieparken') AND tilbud_type IS NOT NULL),
  count(*) FILTER (WHERE tilbud_start BETWEEN '2007-01-01' AND '2007-06-30'),
  count(DISTINCT person_id) FILTER (WHERE ydelse IN ('kontanthjælp', 'starthjælp') AND tilbud_type IS NOT NULL),
  count(DISTINCT ledighed_start) FILTER (WHERE ydelse = 'dagpenge'),
  sum(ledighed_mdr) FILTER (WHERE ydelse IN ('kontanthjælp', 'starthjælp')),
  count(ledighed_mdr) FILTER (WHERE ydelse IN ('kontanthjælp', 'starthjælp'))
FROM borgere;

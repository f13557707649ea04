-- sqlite3: a typed table first (plain `.import` would make every column
-- text, and '5' >= '12' would compare as text), then `.import`, then a view
-- that turns the empty fields `.import` stores as '' into NULL.
-- run.sh replaces @FILE@ by the extract's path.
CREATE TABLE raw (
  person_id INTEGER, alder INTEGER, koen TEXT, herkomst TEXT, herkomst_type TEXT,
  ydelse TEXT, matchgruppe INTEGER, jobcenter TEXT, boligomraade TEXT,
  udsat_boligomraade TEXT, uddannelse TEXT, kompetencegivende_uddannelse TEXT,
  ledighed_start TEXT, ledighed_mdr INTEGER, jobplan TEXT, tilbud_type TEXT,
  tilbud_start TEXT, tilbud_slut TEXT, afgang_aarsag TEXT, afgang_dato TEXT,
  beskaeftiget_mdr_7 INTEGER, sygemeldt TEXT, ydelse_kr_md REAL, note TEXT,
  aegtepar TEXT, familieforsoerget TEXT, varsling TEXT, kriminalitet TEXT,
  tilbud_status TEXT
);
.import --csv --skip 1 @FILE@ raw
CREATE VIEW borgere AS SELECT
  NULLIF(person_id, '') AS person_id, NULLIF(alder, '') AS alder,
  NULLIF(herkomst_type, '') AS herkomst_type, NULLIF(ydelse, '') AS ydelse,
  NULLIF(matchgruppe, '') AS matchgruppe, NULLIF(boligomraade, '') AS boligomraade,
  NULLIF(udsat_boligomraade, '') AS udsat_boligomraade, NULLIF(uddannelse, '') AS uddannelse,
  NULLIF(ledighed_start, '') AS ledighed_start, NULLIF(ledighed_mdr, '') AS ledighed_mdr,
  NULLIF(jobplan, '') AS jobplan, NULLIF(tilbud_type, '') AS tilbud_type,
  NULLIF(tilbud_start, '') AS tilbud_start, NULLIF(afgang_aarsag, '') AS afgang_aarsag,
  NULLIF(beskaeftiget_mdr_7, '') AS beskaeftiget_mdr_7, NULLIF(tilbud_status, '') AS tilbud_status
FROM raw;
.mode list
.separator " "

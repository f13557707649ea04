-- ---- the same for every seed: numbers, achievement, status, comparison ----
-- The value of each goal and part (spec §7), or why it cannot be computed
-- (§9.6); {mangler} counts the rows left out because of a missing value:
-- rows whose group membership is unknown, rows of the group whose
-- condition is unknown and, for a measure of a column, rows missing it.
CREATE TABLE res AS
SELECT gid, part, mk, grp,
  CASE
    WHEN mk = 'share' AND grp = 0 THEN 'målgruppen er tom'
    WHEN mk = 'share' AND ud AND grp - cu = 0 THEN 'ingen i målgruppen har oplysningerne'
    WHEN mk = 'sum' AND nv = 0 AND tgu + cu + ct > 0 THEN 'ingen værdier at lægge sammen'
    WHEN mk = 'average' AND nv = 0 THEN 'ingen værdier at beregne et gennemsnit af'
    WHEN mk IN ('min', 'max') AND nv = 0 THEN 'ingen værdier'
    WHEN mk = 'value' AND nv = 0 THEN 'ingen række med en værdi'
    WHEN mk = 'value' AND nv > 1 THEN 'mere end én række har en værdi'
  END AS why,
  CASE mk WHEN 'count' THEN ct WHEN 'share' THEN 100 * ct WHEN 'sum' THEN coalesce(vsum, 0)
          WHEN 'average' THEN vsum WHEN 'min' THEN vmin WHEN 'max' THEN vmax
          WHEN 'count distinct' THEN vdist WHEN 'value' THEN vmax END AS vp,
  CASE mk WHEN 'share' THEN (CASE WHEN ud THEN grp - cu ELSE grp END)
          WHEN 'average' THEN nv * scale WHEN 'count' THEN 1 WHEN 'count distinct' THEN 1
          ELSE scale END AS vq,
  CASE WHEN mk = 'share' THEN ct END AS num,
  CASE WHEN mk = 'share' THEN (CASE WHEN ud THEN grp - cu ELSE grp END) END AS den,
  tgu + cu + CASE WHEN mk IN ('count', 'share') THEN 0 ELSE ct - nv END AS mis
FROM st;

-- The achievement (§8.5) as the exact fraction ap/aq, or unbounded (unb).
-- A value exactly on an open end (over, under, a range's '(' or ')') is
-- just under 100 % (ju), written 99.999999999; 'about' with a side has no
-- limit on that side (§8.2).
CREATE TABLE ach AS
SELECT *,
  CASE WHEN ju THEN 99999999999 ELSE ap0 END AS ap,
  CASE WHEN ju THEN 1000000000 ELSE aq0 END AS aq
FROM (SELECT *,
  CASE kind WHEN 'min' THEN tp <= 0 AND vp * tq >= tp * vq
            WHEN 'gt' THEN tp <= 0 AND vp * tq > tp * vq
            WHEN 'max' THEN vp <= 0 AND vp * tq <= tp * vq
            WHEN 'lt' THEN vp <= 0 AND vp * tq < tp * vq
            ELSE 0 END AS unb,
  CASE WHEN kind IN ('gt', 'lt') THEN dd = 0
       WHEN kind = 'rng' THEN (lo_open AND dd = 0) OR (hi_open AND vp * hq = hp * vq)
       ELSE 0 END AS ju,
  CASE
    WHEN kind = 'ca' AND ((side = 1 AND dd >= 0) OR (side = -1 AND dd <= 0)) THEN 100
    WHEN kind IN ('gt', 'lt', 'rng') THEN (CASE kind
      WHEN 'gt' THEN CASE WHEN tp > 0 AND vp >= 0 THEN vp * tq * 100 ELSE 0 END
      WHEN 'lt' THEN CASE WHEN vp > 0 AND tp >= 0 THEN tp * vq * 100 ELSE 0 END
      ELSE CASE WHEN vp * tq >= tp * vq AND vp * hq <= hp * vq THEN 100
                WHEN vp * tq < tp * vq THEN CASE WHEN tp <= 0 OR vp < 0 THEN 0 ELSE vp * tq * 100 END
                ELSE CASE WHEN vp <= 0 THEN 0 ELSE hp * vq * 100 END END END)
  ELSE (CASE kind
    WHEN 'min' THEN CASE WHEN tp > 0 AND vp >= 0 THEN vp * tq * 100 ELSE 0 END
    WHEN 'max' THEN CASE WHEN vp > 0 AND tp >= 0 THEN tp * vq * 100 ELSE 0 END
    WHEN 'btw' THEN CASE WHEN vp * tq >= tp * vq AND vp * hq <= hp * vq THEN 100
                         WHEN vp * tq < tp * vq THEN CASE WHEN tp <= 0 OR vp < 0 THEN 0 ELSE vp * tq * 100 END
                         ELSE CASE WHEN vp <= 0 THEN 0 ELSE hp * vq * 100 END END
    WHEN 'eq' THEN CASE WHEN dd = 0 THEN 100 WHEN tp = 0 THEN 0
                        ELSE max(0, 100 * vq * abs(tp) - 100 * abs(dd)) END
    WHEN 'ca' THEN CASE WHEN 100 * abs(dd) <= abs(tp) * tol * vq THEN 100 WHEN tp = 0 THEN 0
                        ELSE max(0, (100 + tol) * vq * abs(tp) - 100 * abs(dd)) END
  END) END AS ap0,
  CASE
    WHEN kind = 'ca' AND ((side = 1 AND dd >= 0) OR (side = -1 AND dd <= 0)) THEN 1
    WHEN kind IN ('gt', 'lt', 'rng') THEN (CASE kind
      WHEN 'gt' THEN CASE WHEN tp > 0 AND vp >= 0 THEN vq * tp ELSE 1 END
      WHEN 'lt' THEN CASE WHEN vp > 0 AND tp >= 0 THEN tq * vp ELSE 1 END
      ELSE CASE WHEN vp * tq >= tp * vq AND vp * hq <= hp * vq THEN 1
                WHEN vp * tq < tp * vq THEN CASE WHEN tp <= 0 OR vp < 0 THEN 1 ELSE vq * tp END
                ELSE CASE WHEN vp <= 0 THEN 1 ELSE hq * vp END END END)
  ELSE (CASE kind
    WHEN 'min' THEN CASE WHEN tp > 0 AND vp >= 0 THEN vq * tp ELSE 1 END
    WHEN 'max' THEN CASE WHEN vp > 0 AND tp >= 0 THEN tq * vp ELSE 1 END
    WHEN 'btw' THEN CASE WHEN vp * tq >= tp * vq AND vp * hq <= hp * vq THEN 1
                         WHEN vp * tq < tp * vq THEN CASE WHEN tp <= 0 OR vp < 0 THEN 1 ELSE vq * tp END
                         ELSE CASE WHEN vp <= 0 THEN 1 ELSE hq * vp END END
    WHEN 'eq' THEN CASE WHEN dd = 0 OR tp = 0 THEN 1 ELSE vq * abs(tp) END
    WHEN 'ca' THEN CASE WHEN 100 * abs(dd) <= abs(tp) * tol * vq OR tp = 0 THEN 1 ELSE vq * abs(tp) END
  END) END AS aq0
FROM (SELECT r.*, t.kind, t.tp, t.tq, t.hp, t.hq, t.tol, t.lo_open, t.hi_open, t.side, t.hionly,
             r.vp * t.tq - t.tp * r.vq AS dd
      FROM res r JOIN tgt t USING (gid)));

-- The status in the standard scheme (§9.2).
CREATE TABLE fin AS
SELECT *,
  CASE WHEN why IS NOT NULL THEN 'unknown' WHEN unb THEN 'met'
       WHEN ap >= 100 * aq THEN 'met' WHEN ap >= 80 * aq THEN 'partly' ELSE 'not_met' END AS status
FROM ach;

-- Every number as maal writes it (output.md §2.1): exact, at most 9
-- decimals, rounded half away from zero.  A number too large for exact
-- integer arithmetic here shows as OVERFLOW rather than a wrong digit.
CREATE TABLE nums(p, q);
INSERT INTO nums SELECT vp, vq FROM fin WHERE why IS NULL;
INSERT INTO nums SELECT ap, aq FROM fin WHERE why IS NULL AND NOT unb;
INSERT INTO nums SELECT tp, tq FROM fin;
INSERT INTO nums SELECT hp, hq FROM fin WHERE kind IN ('btw', 'rng');
CREATE TABLE txt AS
SELECT p, q,
  CASE WHEN typeof(p) <> 'integer' OR typeof(q) <> 'integer' OR q <= 0 OR q > 4000000000
         OR abs(p) > 4000000000000000 THEN 'OVERFLOW(' || p || '/' || q || ')'
       ELSE (CASE WHEN p < 0 AND (ip > 0 OR fr > 0) THEN '-' ELSE '' END) || ip ||
            CASE WHEN fr > 0 THEN '.' || rtrim(printf('%09d', fr), '0') ELSE '' END END AS s
FROM (SELECT p, q, CASE WHEN f9 >= 1000000000 THEN i + 1 ELSE i END AS ip,
             CASE WHEN f9 >= 1000000000 THEN 0 ELSE f9 END AS fr
      FROM (SELECT DISTINCT p, q, abs(p) / q AS i, ((abs(p) % q) * 2000000000 + q) / (2 * q) AS f9
            FROM nums));

CREATE TABLE expected AS
SELECT gid || '|' || coalesce(replace(part, char(10), '\n'), '-') || '|' || status || '|' ||
  CASE WHEN why IS NULL THEN (SELECT s FROM txt WHERE txt.p IS vp AND txt.q IS vq) ELSE '' END || '|' ||
  CASE WHEN why IS NULL THEN coalesce(num, '') ELSE '' END || '|' ||
  CASE WHEN why IS NULL THEN coalesce(den, '') ELSE '' END || '|' ||
  CASE WHEN hionly THEN '' ELSE (SELECT s FROM txt WHERE txt.p IS tp AND txt.q IS tq) END || '|' ||
  CASE WHEN kind IN ('btw', 'rng') THEN (SELECT s FROM txt WHERE txt.p IS hp AND txt.q IS hq)
       WHEN hionly THEN (SELECT s FROM txt WHERE txt.p IS tp AND txt.q IS tq) ELSE '' END || '|' ||
  CASE WHEN why IS NULL AND NOT unb THEN (SELECT s FROM txt WHERE txt.p IS ap AND txt.q IS aq) ELSE '' END || '|' ||
  CASE WHEN why IS NOT NULL THEN 'Kan ikke opgøres: ' || why
       WHEN part IS NULL THEN 'g=' || grp || ' m=' || mis ELSE 'g=' || grp END AS line
FROM fin;

-- maal's report, in the same shape (parts: without {mangler}, see README)
.import --csv report.csv report
CREATE TABLE actual AS
SELECT nummer || '|' || CASE niveau WHEN 'mål' THEN '-' ELSE replace(titel, char(10), '\n') END || '|' ||
  status || '|' || "værdi" || '|' || "tæller" || '|' || "nævner" || '|' || "mål" || '|' ||
  "mål_høj" || '|' || "målopfyldelse" || '|' ||
  CASE WHEN niveau = 'del' AND resultater LIKE 'g=% m=%'
       THEN substr(resultater, 1, instr(resultater, ' m=') - 1) ELSE resultater END AS line
FROM report WHERE niveau IN ('mål', 'del');
.output expected.txt
SELECT line FROM expected ORDER BY line;
.output actual.txt
SELECT line FROM actual ORDER BY line;
.output stdout

// DuckDB through the npm package @duckdb/node-api: the 12 goals of
// bench/bench.maal (goals.sql) over the extract, read by read_csv.
// Usage: node duckdb.cjs NODE_MODULES_DIR THREADS FILE
// Prints the 20 numbers of goals.sql on one line.
'use strict';
const fs = require('fs');
const path = require('path');
const [modules, threads, file] = process.argv.slice(2);
const { DuckDBInstance } = require(path.join(modules, '@duckdb/node-api'));

(async () => {
  const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
  const con = await instance.connect();
  // The columns the goals use, typed; the others as the sniffer finds them.
  // Empty fields are NULL (read_csv's default); ja/nej stay text.
  const lit = file.replace(/'/g, "''");
  await con.run(`CREATE VIEW borgere AS SELECT * FROM read_csv('${lit}', header = true,
    types = {'person_id': 'BIGINT', 'alder': 'INTEGER', 'herkomst_type': 'VARCHAR',
             'ydelse': 'VARCHAR', 'matchgruppe': 'INTEGER', 'boligomraade': 'VARCHAR',
             'udsat_boligomraade': 'VARCHAR', 'uddannelse': 'VARCHAR', 'ledighed_start': 'DATE',
             'ledighed_mdr': 'INTEGER', 'jobplan': 'VARCHAR', 'tilbud_type': 'VARCHAR',
             'tilbud_start': 'DATE', 'afgang_aarsag': 'VARCHAR', 'beskaeftiget_mdr_7': 'INTEGER',
             'tilbud_status': 'VARCHAR'})`);
  const sql = fs.readFileSync(path.join(__dirname, 'goals.sql'), 'utf8');
  const reader = await con.runAndReadAll(sql);
  const row = reader.getRows()[0];
  console.log(row.map((v) => String(v)).join(' '));
})().catch((e) => { console.error('duckdb: ' + (e && e.message ? e.message : e)); process.exit(1); });

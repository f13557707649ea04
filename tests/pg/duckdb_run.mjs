// duckdb_run.mjs — run SQL in a fresh in-memory DuckDB, through the npm
// package @duckdb/node-api (installed by tests/pg/duckdb_case.sh).
//
//   node duckdb_run.mjs DUCKDB_DIR SETUP.sql STATEMENTS.sql
//
// DUCKDB_DIR holds node_modules/@duckdb/node-api.  SETUP.sql: statements
// that make and fill the tables, each ending with ';' at the end of a line;
// an error there ends the run (exit 2).  STATEMENTS.sql: statements, each
// after a line `-- @@@ N`.  For each statement prints `@@@ N`, then its
// rows as psql -A -t -F '|' -P null=\N does: the fields joined by '|',
// NULL as \N, a boolean as true/false; or one line `ERROR: message` when
// DuckDB refuses or fails it (and carries on with the next).
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const [dir, setupFile, stmtFile] = process.argv.slice(2);
const require = createRequire(path.join(path.resolve(dir), 'noop.js'));
const { DuckDBInstance } = require('@duckdb/node-api');

function field(v) {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return String(v);
}

const out = [];
try {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const con = await instance.connect();
  const setup = fs.readFileSync(setupFile, 'utf8');
  for (const s of setup.split(/;\n/)) {
    if (!s.trim()) continue;
    try {
      await con.run(s);
    } catch (e) {
      console.error(`duckdb setup: ${e && e.message ? e.message : e}\n  in: ${s.slice(0, 400)}`);
      process.exit(2);
    }
  }
  const text = fs.readFileSync(stmtFile, 'utf8');
  const parts = text.split(/^-- @@@ (\d+)\n/m);
  for (let i = 1; i < parts.length; i += 2) {
    out.push(`@@@ ${parts[i]}`);
    try {
      const reader = await con.runAndReadAll(parts[i + 1]);
      for (const row of reader.getRows()) out.push(row.map(field).join('|'));
    } catch (e) {
      out.push(`ERROR: ${String(e && e.message ? e.message : e).split('\n')[0]}`);
    }
  }
} catch (e) {
  console.error(`duckdb: ${e && e.message ? e.message : e}`);
  process.exit(2);
}
process.stdout.write(out.length ? out.join('\n') + '\n' : '');

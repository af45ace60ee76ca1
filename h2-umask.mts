import { PGlite } from '@electric-sql/pglite';
import { execSync } from 'node:child_process';
const dir = process.argv[2]!;
process.umask(Number(process.argv[3]));
const pg = await PGlite.create({ dataDir: dir });
await pg.query("create table t (x text)"); await pg.query("insert into t values ('a')");
await pg.close();
console.log(execSync(`find ${dir} -printf '%m\\n' | sort | uniq -c`).toString());

/**
 * The reminders section of `npm run bench`, in a process of its own (see reminders.ts): runs on a
 * real PostgreSQL and writes its result as JSON to BENCH_RESULT_FILE for run.ts to print.
 */
import fs from 'node:fs';
import { openPostgresBench } from './databases';
import { runRemindersBench } from './reminders';

const db = await openPostgresBench();
if ('skipped' in db) {
  console.log(`postgres: skipped (${db.skipped})`);
  fs.writeFileSync(process.env.BENCH_RESULT_FILE!, '[]');
} else {
  try {
    fs.writeFileSync(process.env.BENCH_RESULT_FILE!, JSON.stringify([await runRemindersBench(db)]));
  } finally {
    await db.close();
  }
}

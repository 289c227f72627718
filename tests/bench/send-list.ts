/**
 * Issue 5's figure: GENERAR LISTADO for 10,000 turnos (ENVIAR MAIL/SMS), "well under a second".
 * 10,000 reserved turnos of one week (50 professionals × 200 slots) for 5,000 patients with mail
 * and mobile. Timed: building the whole list (query + fill in every mail + write the drafts in one
 * transaction), by mail and by SMS; the first page of the list on screen; ENVIAR (releasing all).
 * Against the bare SQL that only reads the same 10,000 rows, for scale.
 */
import { eq } from 'drizzle-orm';
import { messageBatches } from '../../db/schema';
import { sendListSchema } from '../../lib/reminders/send-list-schema';
import { BATCH_PAGE, buildSendList, listBatchRows, releaseBatch } from '../../lib/reminders/send-lists';
import type { BenchDatabase } from './databases';
import { measure, type Timing } from './stats';

const RUNS = Math.max(3, Math.round((Number(process.env.BENCH_RUNS) || 50) / 10));
const PROFESSIONALS = 50;
const SLOTS = 200; // per professional: 5 days × 40 slots of 15 min, 08:00-18:00
const PATIENTS = 5_000;
const TZ = 'America/Argentina/Buenos_Aires';
const FROM = '2027-03-01';
const TO = '2027-03-05';

export interface SendListBenchResult {
  engine: string;
  turnos: number;
  figures: Array<{ what: string; timing: Timing; rows: number }>;
  bareRead: Timing;
}

async function seed(bench: BenchDatabase) {
  const run = (q: string) => bench.raw(q, []);
  await run(`insert into center_settings (id, center_name, time_zone, contact_phones, web_address) values (1, 'CENTRO BENCH', '${TZ}', '4444-4444', 'https://turnos.bench')`);
  await run(`insert into staff_users (username, full_name, password_hash, role) values ('bench', 'BENCH', 'x', 'admin')`);
  await run(`insert into specialties (name, web_enabled) select 'ESPECIALIDAD ' || g, true from generate_series(1, 10) g`);
  await run(`insert into insurers (name, web_enabled) select 'OBRA SOCIAL ' || g, true from generate_series(1, 15) g`);
  await run(`insert into professionals (last_name, first_name, web_enabled) select 'PROFESIONAL' || g, 'BENCH', true from generate_series(1, ${PROFESSIONALS}) g`);
  await run(
    `insert into patients (dni, last_name, first_name, insurer_id, email, mobile)
     select (30000000 + g)::text, 'APELLIDO' || g, 'NOMBRE', (select min(id) from insurers) + g % 15, 'p' || g || '@example.com', (1150000000 + g)::text
     from generate_series(1, ${PATIENTS}) g`,
  );
  await run(
    `insert into appointments (professional_id, specialty_id, patient_id, insurer_id, starts_at, ends_at, status, source)
     select pr.first + g % ${PROFESSIONALS}, sp.first + g % 10, pa.first + g % ${PATIENTS}, ins.first + g % 15, s, s + interval '15 minutes', 'reserved', 'staff'
     from (select min(id) as first from professionals) pr, (select min(id) as first from specialties) sp,
          (select min(id) as first from patients) pa, (select min(id) as first from insurers) ins,
          lateral (select g, ((date '${FROM}' + (g / ${PROFESSIONALS}) / 40) + time '08:00' + make_interval(mins => 15 * ((g / ${PROFESSIONALS}) % 40))) at time zone '${TZ}' as s
                   from generate_series(0, ${PROFESSIONALS * SLOTS - 1}) g) slots`,
  );
  await run(
    `insert into message_templates (channel, title, body) values
       ('email', 'Recordatorio de turno [[FECHA]] [[HORA]]', 'Sr/a [[PACIENTE]]:\n\nLe recordamos su turno del [[DIA]] [[FECHA]] a las [[HORA]] con [[PROFESIONAL]] ([[ESPECIALIDAD]]).\nObra social: [[OBRA SOCIAL]].\n\n[[CENTRO]] - [[TELEFONO CENTRO]] - [[DIRECCION WEB]]'),
       ('sms', 'SMS', '[[CENTRO]]: turno [[FECHA]] [[HORA]] con [[PROFESIONAL]]. Si no puede asistir, avise al [[TELEFONO CENTRO]].')`,
  );
  await run('vacuum analyze');
  const templates = (await run(`select id, channel from message_templates order by id`)) as Array<{ id: number; channel: string }>;
  const [staff] = (await run(`select id from staff_users`)) as Array<{ id: number }>;
  return { templates, staffId: staff.id };
}

export async function runSendListBench(bench: BenchDatabase): Promise<SendListBenchResult> {
  const { templates, staffId } = await seed(bench);
  const db = bench.handle.db;
  const actor = { staffId, label: 'bench' };
  const figures: SendListBenchResult['figures'] = [];
  const drop = (batchId: number) => db.delete(messageBatches).where(eq(messageBatches.id, batchId));
  let lastBatch = 0;
  let rows = 0;

  for (const t of templates) {
    const filters = sendListSchema.parse({ templateId: t.id, target: 'turnos', from: FROM, to: TO, who: 'todos' });
    const timing = await measure(
      RUNS,
      async () => {
        const result = await buildSendList(db, actor, filters);
        if (!result.ok) throw new Error(result.error);
        rows = result.count;
        lastBatch = result.batchId;
        await drop(result.batchId);
      },
      1,
    );
    figures.push({ what: `GENERAR LISTADO (${t.channel === 'email' ? 'mail' : 'SMS'})`, timing, rows });
  }

  // The list on screen and ENVIAR, on one batch of 10,000 mails kept for the purpose.
  const mail = templates.find((t) => t.channel === 'email')!;
  const kept = await buildSendList(db, actor, sendListSchema.parse({ templateId: mail.id, target: 'turnos', from: FROM, to: TO, who: 'todos' }));
  if (!kept.ok) throw new Error(kept.error);
  let pageRows = 0;
  figures.push({
    what: `first page of the list (${BATCH_PAGE} rows)`,
    timing: await measure(RUNS * 4, async () => {
      pageRows = (await listBatchRows(db, kept.batchId, { limit: BATCH_PAGE })).length;
    }),
    rows: pageRows,
  });
  const release = await measure(
    1,
    async () => {
      const r = await releaseBatch(db, actor, { batchId: kept.batchId });
      if (!r.ok) throw new Error(r.error);
    },
    0,
  );
  figures.push({ what: 'ENVIAR (release all to the outbox)', timing: release, rows: kept.count });
  void lastBatch;

  const bareRead = await measure(RUNS, () =>
    bench.raw(
      `select a.id, a.starts_at, p.last_name, p.first_name, p.dni, p.email, pr.last_name as pro, s.name, i.name
       from appointments a join patients p on p.id = a.patient_id join professionals pr on pr.id = a.professional_id
       left join specialties s on s.id = a.specialty_id left join insurers i on i.id = a.insurer_id
       where a.status = 'reserved' and a.deleted_at is null and a.starts_at >= $1 and a.starts_at < $2 and p.reminders_opt_in and p.email <> ''
       order by a.starts_at, a.id`,
      [`${FROM}T03:00:00Z`, '2027-03-06T03:00:00Z'],
    ),
  );
  return { engine: bench.engine, turnos: PROFESSIONALS * SLOTS, figures, bareRead };
}

import { Session } from 'node:inspector/promises';
import fs from 'node:fs';
import { openPostgresBench } from '../tests/bench/databases';
import { seedAvailabilityCenter } from '../tests/bench/availability';
import { listProfessionalsFor, loadWeeks } from '../lib/availability/queries';
import { addDaysToDate, isoWeekday } from '../lib/availability/slots';
import { bookAppointment } from '../lib/booking/book';
import { bookingConfirmation } from '../lib/booking/notify';

async function main() {
  const bench = await openPostgresBench();
  if ('skipped' in bench) throw new Error(bench.skipped);
  const { db } = bench.handle;
  const now = new Date();
  const center = await seedAvailabilityCenter(bench, now);
  const monday = addDaysToDate(addDaysToDate(center.today, 1 - isoWeekday(center.today)), 21);
  const ctx = { timeZone: 'America/Argentina/Buenos_Aires', now, notBefore: now, web: true };
  const pros = await listProfessionalsFor(db, { specialtyId: center.specialtyId }, true);
  const weeks = await loadWeeks(db, pros, { fromDate: monday, toDate: addDaysToDate(monday, 6), specialtyId: center.specialtyId }, ctx);
  const free = weeks.flatMap((w) => w.slots.filter((x) => x.free));
  const N = Number(process.env.N || 400);
  const session = new Session(); session.connect(); await session.post('Profiler.enable'); await session.post('Profiler.start');
  const times: number[] = [];
  const steps: Record<string, number[]> = {};
  const bare: number[] = [];
  for (let i = 0; i < N; i++) {
    const slot = free[i];
    const request = { patientId: center.patients[i], professionalId: slot.professionalId, specialtyId: center.specialtyId, insurerId: center.insurerId, startsAt: slot.startsAt, source: 'web' as const, ip: `192.0.2.${i % 250}`, reason: 'bench', now };
    const t0 = performance.now();
    let last = performance.now();
    const trace = (step: string) => { const t = performance.now(); (steps[step] ??= []).push(t - last); last = t; };
    const confirm = bookingConfirmation(db, request)!;
    const r = await bookAppointment(db, request, process.env.MAIL ? { trace, confirmation: confirm } : { trace });
    times.push(performance.now() - t0);
    if (!r.ok) throw new Error(r.message);
    const s2 = free[N + i];
    const t1 = performance.now();
    await bench.raw(`insert into appointments (professional_id, specialty_id, patient_id, insurer_id, starts_at, ends_at, source, reason, created_ip) values ($1,$2,$3,$4,$5,$6,'web','bench',$7) returning id`, [s2.professionalId, center.specialtyId, center.patients[i], center.insurerId, s2.startsAt.toISOString(), s2.endsAt.toISOString(), `192.0.2.${i % 250}`]);
    bare.push(performance.now() - t1);
  }
  const { profile } = await session.post('Profiler.stop'); fs.writeFileSync('/tmp/cpuprof/loop.cpuprofile', JSON.stringify(profile));
  const med = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  console.log(Object.entries(steps).map(([k, v]) => `${k} ${med(v.slice(50)).toFixed(3)}`).join(' · '));
  console.log('booking median', med(times.slice(50)).toFixed(3), 'bare', med(bare.slice(50)).toFixed(3), 'ratio', (med(times.slice(50)) / med(bare.slice(50))).toFixed(2));
  console.log(await bench.raw(`select avg(length(body_html))::int html, avg(length(body_text))::int txt, avg(length(attachments::text))::int att, avg(pg_column_size(body_html))::int html_stored from messages`, []));
  console.log(await bench.raw(`select avg(length(before::text))::int b, avg(length(after::text))::int a from audit_log`, []));
  await bench.close();
}
main();

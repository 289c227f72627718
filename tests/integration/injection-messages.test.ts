import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import * as s from '@/db/schema';
import { bookAppointment } from '@/lib/booking/book';
import { cancelAppointment } from '@/lib/booking/cancel';
import { enqueueCancellationNotice } from '@/lib/booking/notify';
import { composeAwaitingMessages } from '@/lib/messaging/compose-awaiting';
import { enqueueDueReminders } from '@/lib/reminders/automatic';
import { at, createTestCenter, NOW } from '../support/center';
import { describeEachEngine } from '../support/db';

/**
 * Markup typed into any free text (by staff, or by a patient) reaches every mail and SMS as text:
 * escaped in the HTML part, literal in the text part and the SMS, and unable to add lines to the
 * .ics. Every piece of data comes from the database, as the worker would read it.
 */

const MARKUP = `<script>alert('xss')</script><img src=x onerror=alert('xss')>"><svg onload=alert('xss')> javascript:alert('xss')`;
/** A line break followed by what would be a new calendar property or event. */
const ICS_BREAK = '\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:falso';

/** No tag of the HTML is injected: no script/img/svg from the data, no on* handler, no javascript: link. */
function expectSafeHtml(html: string, where: string) {
  expect(html, where).not.toMatch(/<script|<img\s+src=x|<svg/i);
  expect(html, where).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i);
  expect(html, where).not.toMatch(/href\s*=\s*["']?\s*javascript:/i);
  expect(html, where).toContain('&lt;script&gt;');
}

function icsOf(message: typeof s.messages.$inferSelect): string {
  const files = (message.attachments ?? []) as { contentType: string; content: string }[];
  const ics = files.find((f) => f.contentType.startsWith('text/calendar'));
  expect(ics, `${message.kind} has an .ics`).toBeDefined();
  return Buffer.from(ics!.content, 'base64').toString('utf8');
}

function expectOneEvent(ics: string, where: string) {
  // Clients also break lines on a bare LF.
  const lines = ics.split(/\r?\n/);
  expect(lines.filter((l) => l === 'BEGIN:VEVENT'), where).toHaveLength(1);
  expect(lines.filter((l) => l === 'END:VEVENT'), where).toHaveLength(1);
  expect(lines.filter((l) => /^SUMMARY[:;]/.test(l)), where).toHaveLength(1);
}

describeEachEngine('markup in free text reaches mails and SMS as text', (getCtx) => {
  it('confirmation, cancellation and reminders (mail and SMS), with markup in every field staff or patients write', async () => {
    const { db } = getCtx();
    const c = await createTestCenter(db, {
      centerName: `CENTRO ${MARKUP}`,
      mailPhrase: `${MARKUP}${ICS_BREAK}`,
      contactHours: MARKUP,
      contactPhones: MARKUP,
      webAddress: "javascript:alert('xss')",
    });
    await db.update(s.patients).set({ lastName: `<IMG SRC=X ONERROR=ALERT('XSS')>`, firstName: MARKUP, mobile: '1155551234' }).where(eq(s.patients.id, c.patientId));
    await db
      .update(s.professionals)
      .set({ lastName: `<SVG ONLOAD=ALERT('XSS')>${ICS_BREAK}`, firstName: MARKUP, bookingMessage: MARKUP, generalMessage: MARKUP })
      .where(eq(s.professionals.id, c.professionalId));
    await db.update(s.specialties).set({ name: `ESP ${MARKUP}` }).where(eq(s.specialties.id, c.specialtyId));
    await db.update(s.insurers).set({ name: `OS ${MARKUP}`, bookingMessage: MARKUP }).where(eq(s.insurers.id, c.insurerId));
    const [mailTemplate] = await db
      .insert(s.messageTemplates)
      .values({ channel: 'email', title: `${MARKUP} [[PACIENTE]]`, body: `${MARKUP}\n[[PACIENTE]] [[PROFESIONAL]] [[ESPECIALIDAD]] [[OBRA SOCIAL]] [[CENTRO]]` })
      .returning();
    const [smsTemplate] = await db.insert(s.messageTemplates).values({ channel: 'sms', title: 'SMS', body: '[[CENTRO]] [[PACIENTE]] [[PROFESIONAL]]' }).returning();
    await db.insert(s.reminderRules).values([
      { name: 'mail', channel: 'email', templateId: mailTemplate.id, hoursBefore: 48 },
      { name: 'sms', channel: 'sms', templateId: smsTemplate.id, hoursBefore: 48 },
    ]);

    const booked = await bookAppointment(
      db,
      {
        patientId: c.patientId,
        professionalId: c.professionalId,
        specialtyId: c.specialtyId,
        insurerId: c.insurerId,
        startsAt: at('2026-11-24', '10:00'),
        source: 'web',
        ip: '203.0.113.7',
        reason: `${MARKUP}${ICS_BREAK}`,
        now: NOW,
      },
      { confirm: true },
    );
    if (!booked.ok) throw new Error(booked.message);
    // The worker composes the confirmation from the turno, as in production.
    expect(await composeAwaitingMessages(db)).toEqual({ composed: 1, more: false });
    expect(await enqueueDueReminders(db, NOW)).toEqual({ queued: 2 });
    const cancelled = await cancelAppointment(
      db,
      { appointmentId: booked.appointmentId, actor: { kind: 'patient', patientId: c.patientId }, now: NOW },
      (tx, a) => enqueueCancellationNotice(tx, a.id, 'patient'),
    );
    expect(cancelled).toMatchObject({ ok: true });

    const messages = await db.select().from(s.messages);
    expect(messages.map((m) => `${m.kind}/${m.channel}`).sort()).toEqual(
      ['cancellation/email', 'booking_confirmation/email', 'reminder/email', 'reminder/sms'].sort(),
    );
    for (const message of messages) {
      const where = `${message.kind}/${message.channel}`;
      if (message.channel === 'sms') {
        // SMS is plain text: the characters as typed, never HTML entities.
        expect(message.bodyHtml, where).toBeNull();
        expect(message.bodyText, where).toContain(`<IMG SRC=X ONERROR=ALERT('XSS')>`);
        expect(message.bodyText, where).not.toContain('&lt;');
        continue;
      }
      expectSafeHtml(message.bodyHtml!, where);
      // The text part shows what was typed; the subject is text too.
      expect(message.bodyText, where).toContain(MARKUP);
      expect(message.subject, where).not.toContain('&lt;');
    }
    const confirmation = messages.find((m) => m.kind === 'booking_confirmation')!;
    expect(confirmation.bodyText).toContain(`Motivo: ${MARKUP}`);
    expectOneEvent(icsOf(confirmation), 'confirmation .ics');
    const cancellation = messages.find((m) => m.kind === 'cancellation')!;
    expectOneEvent(icsOf(cancellation), 'cancellation .ics');
    // The staff's template: its own markup escaped, the [[PACIENTE]] inside the patient's name never expanded again.
    const reminder = messages.find((m) => m.kind === 'reminder' && m.channel === 'email')!;
    expect(reminder.subject).toBe(`${MARKUP} <IMG SRC=X ONERROR=ALERT('XSS')> ${MARKUP}`);
  });
});
